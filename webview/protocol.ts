/**
 * The typed messages between the extension host and the dashboard webview, declared once.
 *
 * Flow: the page loads and posts `ready` (with its persisted view state); the host answers with `data`
 * and posts `data` again whenever what it shows changed. The page persists only view state
 * (`DashboardViewState`), never data: after a reload it asks again.
 *
 * This file is imported by both sides: no `vscode` import (lint-enforced), no DOM use.
 */

import type { DashboardRange, RequestsAround } from '../src/core/dashboard/range';
import { isDashboardRange } from '../src/core/dashboard/range';
import type { Insight } from '../src/core/learn/insights';
import type { QueryResult } from '../src/core/store/queries';

/** What the page keeps across reloads (via `acquireVsCodeApi().setState`). */
export interface DashboardViewState {
  /** The range the user picked on this page; absent until they pick one (the host's default applies). */
  range?: DashboardRange;
}

/** Characters changed in one language by one kind of edit. */
export interface LanguageRow {
  language: string;
  /** Classifier label, e.g. 'typed', 'paste', 'inline', 'chat'. */
  label: string;
  chars: number;
  changes: number;
}

/** Everything the dashboard shows. Sections absent from a message are shown as "no data yet". */
export interface DashboardData {
  /** When the host computed this, ms. */
  generatedTs: number;
  /** Where the numbers come from: this window's live counters, or the local store. */
  source: 'window' | 'store';
  /** Days the range spans. */
  rangeDays: number;
  /** The range as picked (absent in data built before ranges had kinds: then the last `rangeDays` days). */
  range?: DashboardRange;
  captureOn: boolean;
  /** Local-day numbers of the range shown (inclusive); see `src/core/model/day.ts`. */
  fromDay?: number;
  toDay?: number;
  /** Text changes by language and kind: the first chart. */
  textByLanguage: LanguageRow[];
  /** Today's new code and AI's part of it. */
  today?: QueryResult['todaySummary'];
  /** Events per day and kind. */
  daily?: QueryResult['dailyCounts'];
  /** AI insertions and how much of them survived, per checkpoint. */
  survival?: QueryResult['insertionSurvival'];
  tools?: QueryResult['toolSuccess'];
  tokens?: QueryResult['tokensByModel'];
  intents?: QueryResult['interactionsByIntent'];
  feedback?: QueryResult['feedbackTrend'];
  /** Model performance by task type (EMA of quality, latency, cost; confidence grows with n). */
  models?: QueryResult['modelPerformance'];
  /** Insights and alerts, each with its evidence (alerts first). */
  insights?: Insight[];
  /** AI requests recorded before, in and after the range; absent before the store is open. */
  requests?: RequestsAround;
  /** The store's health: journal records it set aside (quarantined) instead of storing. */
  health?: QueryResult['storeHealth'];
  /** Things no API lets the extension observe, shown as-is so nothing is guessed silently. */
  blindSpots: string[];
}

export type HostToWebview = { type: 'data'; data: DashboardData };

export type WebviewToHost =
  | { type: 'ready'; state?: DashboardViewState }
  | { type: 'setRange'; range: DashboardRange }
  | { type: 'runCommand'; command: AllowedCommand };

/** The only commands the page may ask the host to run (never arbitrary ids). */
export const ALLOWED_COMMANDS = ['aiLearning.showDashboard'] as const;
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
  return isObject(value) && (value.range === undefined || isDashboardRange(value.range));
}
