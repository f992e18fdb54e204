import * as vscode from 'vscode';

/**
 * Typed access to the `aiLearning.*` settings. Read on demand (cheap); features that must react to a
 * change list their keys in `SETTING_GROUPS` and check them with `affectsConfiguration`.
 */
const SECTION = 'aiLearning';

export interface Settings {
  captureEnabled: boolean;
  dashboardRangeDays: number;
  /** Days raw edit-level events are kept; daily rollups and interaction history are kept forever. */
  retentionDays: number;
  /** Above this size the cap removes raw events first, then prompt text, then the oldest interactions. */
  maxDatabaseMb: number;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  return {
    captureEnabled: c.get<boolean>('capture.enabled', true),
    dashboardRangeDays: clamp(c.get<number>('dashboard.defaultRangeDays', 30), 1, 365),
    retentionDays: clamp(c.get<number>('storage.retentionDays', 14), 1, 365),
    maxDatabaseMb: clamp(c.get<number>('storage.maxDatabaseMb', 64), 16, 2048),
  };
}

/** Which settings each feature depends on, so a change restarts only what it affects. */
export const SETTING_GROUPS = {
  capture: [`${SECTION}.capture`, `${SECTION}.privacy`],
  dashboard: [`${SECTION}.dashboard`],
  storage: [`${SECTION}.storage`],
} as const;

export function affects(event: vscode.ConfigurationChangeEvent, group: keyof typeof SETTING_GROUPS): boolean {
  return SETTING_GROUPS[group].some((key) => event.affectsConfiguration(key));
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Number.isFinite(value) ? value : min));
}
