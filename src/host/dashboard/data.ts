import { BLIND_SPOTS } from '../../core/dashboard/blind-spots';
import type { WindowStats } from '../../core/dashboard/window-stats';
import type { StoreClient } from '../../core/store/client';
import type { DashboardData } from '../../../webview/protocol';

const DAY_MS = 86_400_000;

/**
 * What the dashboard shows for a range: from the local store once it is open (rollups, so a year stays
 * fast), from this window's live counters before that.
 */
export async function dashboardData(
  rangeDays: number,
  captureOn: boolean,
  store: StoreClient | undefined,
  stats: WindowStats,
): Promise<DashboardData> {
  const base = { generatedTs: Date.now(), rangeDays, captureOn, blindSpots: [...BLIND_SPOTS] };
  if (!store) return { ...base, source: 'window', textByLanguage: stats.textByLanguage() };
  const rows = await store.query('textChangesByLanguage', { sinceTs: Date.now() - (rangeDays - 1) * DAY_MS });
  return {
    ...base,
    source: 'store',
    textByLanguage: rows.map((r) => ({ language: r.language, label: r.label, chars: r.charsAdded, changes: r.n })),
  };
}
