/**
 * Tokens and cost per day, per month and per session (ccusage's daily/monthly/session views), each period
 * summed from the dashboard's own `tokensByModel` query over that period's days: no SQL of its own.
 */
import type { StoreQueries } from '../core/dashboard/data';
import { localDay } from '../core/model/day';
import type { DayRange, QueryResult } from '../core/store/queries';
import { dayLabel } from '../core/dashboard/sections-model';

export interface UsageRow {
  /** `YYYY-MM-DD` or `YYYY-MM`. */
  period: string;
  fromDay: number;
  toDay: number;
  requests: number;
  tokensIn: number;
  tokensOut: number;
  cacheRead: number;
  cacheWrite: number;
  /** Null when no request of the period had a known price. */
  costUsd: number | null;
  /** Requests whose price was known (the rest are left out of `costUsd`, never guessed). */
  costKnownN: number;
  models: string[];
}

/** Sums `tokensByModel` rows into one usage row. */
export function sumTokens(period: string, range: DayRange, rows: QueryResult['tokensByModel']): UsageRow {
  const known = rows.filter((r) => r.costUsd !== null);
  return {
    period, fromDay: range.fromDay, toDay: range.toDay,
    requests: rows.reduce((s, r) => s + r.n, 0),
    tokensIn: rows.reduce((s, r) => s + r.tokensIn, 0),
    tokensOut: rows.reduce((s, r) => s + r.tokensOut, 0),
    cacheRead: rows.reduce((s, r) => s + r.cacheRead, 0),
    cacheWrite: rows.reduce((s, r) => s + r.cacheWrite, 0),
    costUsd: known.length > 0 ? known.reduce((s, r) => s + (r.costUsd ?? 0), 0) : null,
    costKnownN: rows.reduce((s, r) => s + r.costKnownN, 0),
    models: [...new Set(rows.map((r) => r.model || 'unknown model'))].sort(),
  };
}

/** The last `days` days, today included. */
export function lastDays(days: number, now = Date.now()): DayRange {
  const toDay = localDay(now);
  return { fromDay: toDay - days + 1, toDay };
}

/** One row per day of `range` that had requests, oldest first. */
export async function dailyUsage(store: StoreQueries, range: DayRange): Promise<UsageRow[]> {
  const out: UsageRow[] = [];
  for (let d = range.fromDay; d <= range.toDay; d++) {
    const r = { fromDay: d, toDay: d };
    const row = sumTokens(dayLabel(d), r, await store.query('tokensByModel', r));
    if (row.requests > 0) out.push(row);
  }
  return out;
}

/** One row per calendar month touching `range` (clipped to it) that had requests, oldest first. */
export async function monthlyUsage(store: StoreQueries, range: DayRange): Promise<UsageRow[]> {
  const months = new Map<string, DayRange>();
  for (let d = range.fromDay; d <= range.toDay; d++) {
    const m = dayLabel(d).slice(0, 7);
    const cur = months.get(m);
    months.set(m, cur ? { fromDay: cur.fromDay, toDay: d } : { fromDay: d, toDay: d });
  }
  const out: UsageRow[] = [];
  for (const [m, r] of months) {
    const row = sumTokens(m, r, await store.query('tokensByModel', r));
    if (row.requests > 0) out.push(row);
  }
  return out;
}

/** Usage over the whole range, plus requests by task type (from `interactionsByIntent`). */
export async function usageSummary(store: StoreQueries, range: DayRange) {
  const [tokens, intents] = await Promise.all([store.query('tokensByModel', range), store.query('interactionsByIntent', range)]);
  const total = sumTokens(`${dayLabel(range.fromDay)}..${dayLabel(range.toDay)}`, range, tokens);
  const byModel = tokens.map((t) => ({
    model: t.model || 'unknown model', sourceTool: t.sourceTool, requests: t.n, tokensIn: t.tokensIn, tokensOut: t.tokensOut,
    cacheRead: t.cacheRead, cacheWrite: t.cacheWrite, costUsd: t.costUsd, costKnownN: t.costKnownN,
  }));
  const tasks = new Map<string, { requests: number; ok: number; failed: number }>();
  for (const i of intents) {
    const t = tasks.get(i.intent) ?? { requests: 0, ok: 0, failed: 0 };
    tasks.set(i.intent, { requests: t.requests + i.n, ok: t.ok + i.ok, failed: t.failed + i.failed });
  }
  const byTask = [...tasks.entries()].map(([taskType, t]) => ({ taskType, ...t })).sort((a, b) => b.requests - a.requests);
  return { total, byModel, byTask };
}
