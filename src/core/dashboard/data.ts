import { BLIND_SPOTS } from './blind-spots';
import type { DashboardRange } from './range';
import { previousRange, resolveRange } from './range';
import type { WindowStats } from './window-stats';
import { dayStartTs, localDay } from '../model/day';
import { deriveInsights } from '../learn/insights';
import type { QueryArgs, QueryName, QueryResult } from '../store/queries';
import type { DashboardData } from './dashboard-data';
import type { UsageFilter } from '../store/time-cost-queries';
import { applyFilter, usageData } from './time-cost-data';

/**
 * What the dashboard needs of a store: its typed queries. The extension passes its `StoreClient` (the worker);
 * the CLI passes a read-only engine of its own, so both show the same figures from the same code.
 */
export interface StoreQueries {
  query<Q extends QueryName>(name: Q, args: QueryArgs[Q]): Promise<QueryResult[Q]>;
}

/** The filter bar's choice and the names of the projects this window has open (by workspace hash). */
export interface DashboardOptions {
  filter?: UsageFilter;
  projectNames?: Record<string, string>;
}

/**
 * What the dashboard shows for a range: from the local store once it is open (daily rollups, so a
 * year stays fast), from this window's live counters before that. A filter narrows every card that is
 * recorded per tool, model or project (`applyFilter`); the others say that it does not apply.
 */
export async function dashboardData(
  picked: DashboardRange,
  captureOn: boolean,
  store: StoreQueries | undefined,
  stats: Pick<WindowStats, 'textByLanguage'>,
  opts: DashboardOptions = {},
): Promise<DashboardData> {
  const now = localDay(Date.now());
  const base = { generatedTs: Date.now(), range: picked, captureOn, blindSpots: [...BLIND_SPOTS] };
  if (!store) return { ...base, rangeDays: 1, source: 'window', textByLanguage: stats.textByLanguage() };
  // "All time" needs the first recorded day; a day range needs nothing, so ask with a guess and correct.
  let range = resolveRange(picked, now);
  let requests = await store.query('requestsAround', range);
  if (picked.kind === 'all') {
    range = resolveRange(picked, now, requests.firstDay ?? undefined, requests.lastDay ?? undefined);
    requests = await store.query('requestsAround', range);
  }
  const toDay = range.toDay;
  const previous = previousRange(range);
  const [text, today, daily, survival, tools, tokens, intents, feedback] = await Promise.all([
    store.query('textChangesByLanguage', { sinceTs: dayStartTs(range.fromDay), toDay }),
    store.query('todaySummary', { dayStartTs: dayStartTs(now) }),
    store.query('dailyCounts', range),
    store.query('insertionSurvival', range),
    store.query('toolSuccess', range),
    store.query('tokensByModel', range),
    store.query('interactionsByIntent', range),
    store.query('feedbackTrend', range),
  ]);
  // The same range just before, so trends compare the user with their own recent past.
  const [prevSurvival, prevTools, prevIntents, prevFeedback, patterns, models, health, commitShares, usage, routing] = await Promise.all([
    store.query('insertionSurvival', previous),
    store.query('toolSuccess', previous),
    store.query('interactionsByIntent', previous),
    store.query('feedbackTrend', previous),
    store.query('patterns', {}),
    store.query('modelPerformance', range),
    store.query('storeHealth', {}),
    store.query('commitShares', range),
    usageData(store, range, opts.filter ?? {}, opts.projectNames ?? {}),
    store.query('routingState', { now: Date.now() }),
  ]);
  const insights = deriveInsights({
    current: { toolSuccess: tools, interactionsByIntent: intents, insertionSurvival: survival, feedbackTrend: feedback, tokensByModel: tokens, dailyCounts: daily },
    previous: { toolSuccess: prevTools, interactionsByIntent: prevIntents, insertionSurvival: prevSurvival, feedbackTrend: prevFeedback },
    patterns,
    routing,
  }, Date.now());
  const data: DashboardData = {
    ...base,
    ...range,
    rangeDays: range.toDay - range.fromDay + 1,
    requests: { before: requests.before, inRange: requests.inRange, after: requests.after },
    source: 'store',
    textByLanguage: text.map((r) => ({ language: r.language, label: r.label, chars: r.charsAdded, changes: r.n })),
    today, daily, survival, tools, tokens, intents, feedback, insights, models, health, commitShares, usage,
  };
  return applyFilter(data);
}
