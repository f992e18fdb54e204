/**
 * What the dashboard's time and cost sections need, fetched from the store for a range and a filter: the
 * `usage` part of `DashboardData`. The page, the report and the CLI turn it into rows with `time-model.ts`,
 * `cost-model.ts` and `usage-blocks.ts`.
 */
import { dayStartTs, localDay } from '../model/day';
import type { DayRange, QueryResult } from '../store/queries';
import type { UsageFilter } from '../store/time-cost-queries';
import { monthStartDay } from './cost-model';
import type { StoreQueries } from './data';
import type { UsageWindow } from './usage-blocks';
import { firstWindowStart, usageWindows, WINDOW_MS } from './usage-blocks';

/** The time and cost figures of a range, as the store answered them. */
export interface UsageData {
  /** The filter the figures obey (empty: everything). */
  filter: UsageFilter;
  /** What the filter bar offers in this range. */
  options: QueryResult['filterOptions'];
  /** Names of the projects this window has open, by workspace hash (others are shown by a short hash). */
  projectNames: Record<string, string>;
  time: QueryResult['codingTime'];
  /** Cost per day of the range. */
  costDaily: QueryResult['costByDay'];
  /** Cost per day of the current month so far (the forecast's input, whatever the range). */
  monthDaily: QueryResult['costByDay'];
  /** Today's requests of every tool (the burn line's input). */
  today: QueryResult['requestsSince'];
  projects: QueryResult['costByProject'];
  sessions: QueryResult['costBySession'];
  /** Claude Code's five-hour windows of the last day, newest last; `exact` is false when the walk could not start at a known window start. */
  claude: { windows: UsageWindow[]; exact: boolean };
}

/** How far back the five-hour walk looks for a window start (a gap of more than five hours), doubling up to 32 days. */
const WALK_DAYS = [2, 8, 32];

/** Claude Code's windows that ended in the last 24 hours or are active, walked from a known window start. */
async function claudeWindows(store: StoreQueries, filter: UsageFilter, now: number): Promise<UsageData['claude']> {
  for (const days of WALK_DAYS) {
    const sinceTs = now - days * 86_400_000;
    const rows = await store.query('requestsSince', { sinceTs, tool: 'claude-code', filter });
    const start = firstWindowStart(rows, sinceTs);
    const last = days === WALK_DAYS[WALK_DAYS.length - 1];
    if (start !== undefined || last || rows.length === 0) {
      const windows = usageWindows(rows.slice(start ?? 0), now).filter((w) => w.active || w.endTs > now - 86_400_000 - WINDOW_MS);
      return { windows, exact: start !== undefined || rows.length === 0 };
    }
  }
  return { windows: [], exact: true };
}

export async function usageData(store: StoreQueries, range: DayRange, filter: UsageFilter, projectNames: Record<string, string>, now = Date.now()): Promise<UsageData> {
  const fromTs = dayStartTs(range.fromDay);
  const toTs = dayStartTs(range.toDay + 1);
  const today = localDay(now);
  const [options, time, costDaily, monthDaily, todayRows, projects, sessions, claude] = await Promise.all([
    store.query('filterOptions', { ...range, fromTs, toTs }),
    store.query('codingTime', { fromTs, toTs, project: filter.project }),
    store.query('costByDay', { ...range, filter }),
    store.query('costByDay', { fromDay: monthStartDay(now), toDay: today, filter }),
    store.query('requestsSince', { sinceTs: dayStartTs(today), filter }),
    store.query('costByProject', { ...range, filter }),
    store.query('costBySession', { ...range, filter }),
    claudeWindows(store, filter, now),
  ]);
  return { filter, options, projectNames, time, costDaily, monthDaily, today: todayRows, projects, sessions, claude };
}
