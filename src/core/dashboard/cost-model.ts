/**
 * Cost over time for the dashboard and the report (issue 13): per day or week and per month (ccusage's daily
 * and monthly reports) split by tool or model, today's burn rate, and the month's forecast. Only known prices
 * are summed; requests of unpriced models are counted apart, never guessed. Pure: `now` is passed in.
 */
import { dayStartTs, localDay } from '../model/day';
import type { TimeCostResult } from '../store/time-cost-queries';
import { toolLabel } from '../model/tool-labels';
import { bucketSeries, periods } from './periods';
import { dayIso } from './range';

type DayRows = TimeCostResult['costByDay'];
type Request = TimeCostResult['requestsSince'][number];

/** How the burn rate and the forecast are made, said beside them. */
export const FORECAST_RULE = 'Burn rate: today\'s known cost divided by the hours since today\'s first request. '
  + 'Month forecast: the month\'s known cost so far divided by the days elapsed (today included), times the days in the month.';

export const usd = (v: number): string => `$${v.toFixed(2)}`;

/** Cost per day (per week beyond 90 days), one stacked series per tool or per model. */
export function costSeries(rows: DayRows, fromDay: number, toDay: number, split: 'tool' | 'model') {
  const p = periods(fromDay, toDay);
  const key = (r: DayRows[number]) => (split === 'tool' ? toolLabel(r.tool) : r.model || 'unknown model');
  const round = (v: number) => Math.round(v * 10_000) / 10_000;
  const datasets = bucketSeries(rows.filter((r) => r.costKnownN > 0), p, (r) => r.day, key, (r) => r.costUsd)
    .map((d) => ({ label: d.label, data: d.data.map(round) }));
  return { unit: p.unit, labels: p.labels, datasets };
}

export interface CostRow {
  period: string;
  tool: string;
  model: string;
  requests: number;
  tokensIn: number;
  tokensOut: number;
  /** Null when no request of the row had a known price. */
  costUsd: number | null;
  unpriced: number;
}

/** One row per period (`YYYY-MM-DD` or `YYYY-MM`), tool and model, newest period first, then by cost. */
export function costTable(rows: DayRows, by: 'day' | 'month'): CostRow[] {
  const m = new Map<string, CostRow>();
  for (const r of rows) {
    const period = by === 'day' ? dayIso(r.day) : dayIso(r.day).slice(0, 7);
    const k = `${period}\u0000${r.tool}\u0000${r.model}`;
    const c = m.get(k) ?? { period, tool: toolLabel(r.tool), model: r.model || 'unknown model', requests: 0, tokensIn: 0, tokensOut: 0, costUsd: null, unpriced: 0 };
    c.requests += r.n;
    c.tokensIn += r.tokensIn;
    c.tokensOut += r.tokensOut;
    if (r.costKnownN > 0) c.costUsd = (c.costUsd ?? 0) + r.costUsd;
    c.unpriced += r.n - r.costKnownN;
    m.set(k, c);
  }
  return [...m.values()].sort((a, b) => b.period.localeCompare(a.period) || (b.costUsd ?? -1) - (a.costUsd ?? -1) || a.model.localeCompare(b.model));
}

export interface BurnLine {
  /** Hours of today, `00:00` to the current hour. */
  labels: string[];
  /** Known cost spent by the end of each hour so far. */
  spent: number[];
  /** From the current hour to midnight at the burn rate (null before the current hour). */
  projected: (number | null)[];
  costPerHour: number | null;
  spentToday: number;
  projectedToday: number | null;
}

/** Today's cumulative cost by hour and its projection to midnight at the burn rate (`FORECAST_RULE`). */
export function burnLine(today: readonly Request[], now: number): BurnLine {
  const start = dayStartTs(localDay(now));
  const hourNow = Math.min(23, Math.floor((now - start) / 3_600_000));
  const byHour = new Array<number>(24).fill(0);
  for (const r of today) {
    const h = Math.floor((r.ts - start) / 3_600_000);
    if (h >= 0 && h <= hourNow && r.costUsd !== null) byHour[h] += r.costUsd;
  }
  const spent: number[] = [];
  for (let h = 0, sum = 0; h <= hourNow; h++) spent.push((sum += byHour[h]));
  const spentToday = spent[spent.length - 1] ?? 0;
  const first = today.find((r) => r.ts >= start && r.costUsd !== null)?.ts;
  const hours = first === undefined ? 0 : (now - first) / 3_600_000;
  const costPerHour = hours > 0 ? spentToday / hours : null;
  const projected = Array.from({ length: 24 }, (_, h) => (h < hourNow || costPerHour === null ? null : spentToday + costPerHour * (h + 1 - (now - start) / 3_600_000)));
  return {
    labels: Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:00`),
    spent, projected: projected.map((v) => (v === null ? null : Math.round(v * 10_000) / 10_000)), costPerHour, spentToday,
    projectedToday: costPerHour === null ? null : projected[23],
  };
}

export interface MonthForecast {
  month: string;
  spent: number;
  daysElapsed: number;
  daysInMonth: number;
  forecast: number | null;
}

/** The current month's known cost and its straight-line forecast (`FORECAST_RULE`). `rows` cover the month so far. */
export function monthForecast(rows: DayRows, now: number): MonthForecast {
  const today = localDay(now);
  const iso = dayIso(today);
  const [y, m] = [Number(iso.slice(0, 4)), Number(iso.slice(5, 7))];
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const daysElapsed = Number(iso.slice(8, 10));
  const inMonth = rows.filter((r) => dayIso(r.day).slice(0, 7) === iso.slice(0, 7) && r.day <= today && r.costKnownN > 0);
  const spent = inMonth.reduce((s, r) => s + r.costUsd, 0);
  return { month: iso.slice(0, 7), spent, daysElapsed, daysInMonth, forecast: inMonth.length > 0 ? (spent / daysElapsed) * daysInMonth : null };
}

/** The first local day of the month `now` falls in. */
export function monthStartDay(now: number): number {
  const today = localDay(now);
  return today - Number(dayIso(today).slice(8, 10)) + 1;
}
