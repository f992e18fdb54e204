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
  /** Issue 10's figures: reasoning tokens, sub-agent tool calls, requests dated from the file, tool calls accepted vs succeeded. */
  agent: QueryResult['agentFigures'];
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
  const [options, time, costDaily, monthDaily, todayRows, projects, sessions, claude, agent] = await Promise.all([
    store.query('filterOptions', { ...range, fromTs, toTs }),
    store.query('codingTime', { fromTs, toTs, project: filter.project }),
    store.query('costByDay', { ...range, filter }),
    store.query('costByDay', { fromDay: monthStartDay(now), toDay: today, filter }),
    store.query('requestsSince', { sinceTs: dayStartTs(today), filter }),
    store.query('costByProject', { ...range, filter }),
    store.query('costBySession', { ...range, filter }),
    claudeWindows(store, filter, now),
    store.query('agentFigures', { ...range, filter }),
  ]);
  return { filter, options, projectNames, time, costDaily, monthDaily, today: todayRows, projects, sessions, claude, agent };
}

/** True when the filter narrows anything. */
export const isFiltered = (f: UsageFilter | undefined): boolean => Boolean(f && (f.tool || f.model || f.project));

/** `tokensByModel` rows summed from per-day rows (which obey the filter, project included). */
export function tokensFromDaily(rows: QueryResult['costByDay']): QueryResult['tokensByModel'] {
  const m = new Map<string, QueryResult['tokensByModel'][number]>();
  for (const r of rows) {
    const k = `${r.model}\u0000${r.tool}`;
    const t = m.get(k) ?? { model: r.model, sourceTool: r.tool, n: 0, tokensIn: 0, tokensOut: 0, cacheRead: 0, cacheWrite: 0, costUsd: 0, costKnownN: 0 };
    t.n += r.n;
    t.tokensIn += r.tokensIn;
    t.tokensOut += r.tokensOut;
    t.cacheRead += r.cacheRead;
    t.cacheWrite += r.cacheWrite;
    t.costUsd = (t.costUsd ?? 0) + r.costUsd;
    t.costKnownN += r.costKnownN;
    m.set(k, t);
  }
  return [...m.values()].map((t) => ({ ...t, costUsd: t.costKnownN > 0 ? t.costUsd : null })).sort((a, b) => b.n - a.n);
}

/**
 * Narrows the cards recorded per tool, model or project to the filter: tokens and cost (from the per-day rows,
 * which the store filtered by query), requests by intent (per tool), models by task (per model). Cards whose
 * rollups carry none of these (text changes, activity, survival, tools, and intents or models for the
 * dimensions they lack) are listed in `unfiltered` so the page says the filter does not apply to them.
 */
export function applyFilter<D extends { usage?: UsageData; tokens?: QueryResult['tokensByModel'];
  intents?: QueryResult['interactionsByIntent']; models?: QueryResult['modelPerformance']; unfiltered?: string[] }>(d: D): D {
  const f = d.usage?.filter;
  if (!d.usage || !isFiltered(f)) return { ...d, unfiltered: [] };
  const unfiltered = ['languages', 'daily', 'survival', 'tools', 'insights'];
  // Coding time is per project; it has no tool or model.
  if (f?.tool || f?.model) unfiltered.push('time');
  const intentsApply = !f?.model && !f?.project;
  const modelsApply = !f?.tool && !f?.project;
  if (!intentsApply) unfiltered.push('intents');
  if (!modelsApply) unfiltered.push('models');
  const intents = intentsApply ? d.intents?.filter((i) => !f?.tool || i.sourceTool === f.tool) : d.intents;
  const models = modelsApply ? d.models?.filter((m) => !f?.model || m.model === f.model) : d.models;
  return { ...d, tokens: tokensFromDaily(d.usage.costDaily), intents, models, unfiltered };
}

const isShortString = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/** Guard for a filter arriving from the page or read from persisted view state. */
export function isUsageFilter(v: unknown): v is UsageFilter {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  return (f.tool === undefined || isShortString(f.tool, 64))
    && (f.model === undefined || isShortString(f.model, 200))
    && (f.project === undefined || (Array.isArray(f.project) && f.project.length <= 8 && f.project.every((h) => isShortString(h, 64))));
}
