/**
 * What the dashboard shows, as one value: the host (and the CLI) compute it in src/core/dashboard/data.ts, the page
 * and the session report turn it into charts and tables. Plain data, no DOM: shared by the page, the report and the CLI.
 */
import type { DashboardRange, RequestsAround } from './range';
import type { Insight } from '../learn/insights';
import type { QueryResult } from '../store/queries';
import type { TeamView } from '../team/team-view';
import type { UsageData } from './time-cost-data';

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
  /** Commits another tool (Cursor) scored itself, beside our own AI lines for the same commit. */
  commitShares?: QueryResult['commitShares'];
  /** The store's health: journal records it set aside (quarantined) instead of storing. */
  health?: QueryResult['storeHealth'];
  /** The Team tab: push status and team figures; absent unless `aiLearning.team.enabled`. */
  team?: TeamView;
  /** Coding time and cost over time, with the filter they obey (absent before the store is open). */
  usage?: UsageData;
  /** Cards the filter could not narrow (not recorded per tool, model or project), by card id. */
  unfiltered?: string[];
  /** Things no API lets the extension observe, shown as-is so nothing is guessed silently. */
  blindSpots: string[];
}
