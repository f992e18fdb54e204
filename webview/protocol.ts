/**
 * The typed messages between the extension host and the dashboard webview, declared once.
 *
 * Flow: the page loads and posts `ready` (with its persisted view state); the host answers with `data`
 * and posts `data` again whenever what it shows changed. The page persists only view state
 * (`DashboardViewState`), never data: after a reload it asks again.
 *
 * This file is imported by both sides: no `vscode` import (lint-enforced), no DOM use.
 */

import type { DashboardData } from '../src/core/dashboard/dashboard-data';
import type { DashboardRange } from '../src/core/dashboard/range';
import { isDashboardRange } from '../src/core/dashboard/range';
import type { UsageFilter } from '../src/core/store/time-cost-queries';
import { isUsageFilter } from '../src/core/dashboard/time-cost-data';

/** What the page keeps across reloads (via `acquireVsCodeApi().setState`). */
export interface DashboardViewState {
  /** The range the user picked on this page; absent until they pick one (the host's default applies). */
  range?: DashboardRange;
  /** The filter bar's tool, model and project; absent: everything. */
  filter?: UsageFilter;
}


export type HostToWebview = { type: 'data'; data: DashboardData };

export type WebviewToHost =
  | { type: 'ready'; state?: DashboardViewState }
  | { type: 'setRange'; range: DashboardRange }
  /** The filter bar changed: the host queries again with it (filtering by query, not by hiding). */
  | { type: 'setFilter'; filter: UsageFilter }
  | { type: 'runCommand'; command: AllowedCommand };

/** The only commands the page may ask the host to run (never arbitrary ids): its empty states' buttons. */
export const ALLOWED_COMMANDS = ['aiLearning.showDashboard', 'aiLearning.importChatHistory', 'aiLearning.buildPatternLibrary'] as const;
export type AllowedCommand = (typeof ALLOWED_COMMANDS)[number];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Guard for messages arriving at the host: anything else is ignored. */
export function isWebviewToHost(value: unknown): value is WebviewToHost {
  if (!isObject(value)) return false;
  switch (value.type) {
    case 'ready':
      return value.state === undefined || isViewState(value.state);
    case 'setRange':
      return isDashboardRange(value.range);
    case 'setFilter':
      return isUsageFilter(value.filter);
    case 'runCommand':
      return (ALLOWED_COMMANDS as readonly unknown[]).includes(value.command);
    default:
      return false;
  }
}

/** Guard for messages arriving at the page. */
export function isHostToWebview(value: unknown): value is HostToWebview {
  return isObject(value) && value.type === 'data' && isObject(value.data) && Array.isArray(value.data.textByLanguage);
}

export function isViewState(value: unknown): value is DashboardViewState {
  return isObject(value) && (value.range === undefined || isDashboardRange(value.range))
    && (value.filter === undefined || isUsageFilter(value.filter));
}
