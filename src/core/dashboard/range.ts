/**
 * The dashboard's range: the last N days, all time, or a custom span of days; and what the page says when
 * the history lies outside it. Pure: the host, the page and the report share it.
 */
import type { DayRange } from '../store/queries';

const DAY_MS = 86_400_000;

/** The range the user picked. Days are local-day numbers (`src/core/model/day.ts`), inclusive. */
export type DashboardRange =
  | { kind: 'days'; days: number }
  | { kind: 'all' }
  | { kind: 'custom'; fromDay: number; toDay: number };

/** Longest "last N days" the page offers; custom and all-time ranges have no limit. */
export const MAX_RANGE_DAYS = 365;

/** Local-day numbers between 2000-01-01 and 2100-12-31: what a custom range may span. */
const MIN_DAY = 10_957;
const MAX_DAY = 47_846;

const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** Guard for a range arriving from the page or read from persisted view state. */
export function isDashboardRange(v: unknown): v is DashboardRange {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  switch (r.kind) {
    case 'days':
      return isInt(r.days, 1, MAX_RANGE_DAYS);
    case 'all':
      return true;
    case 'custom':
      return isInt(r.fromDay, MIN_DAY, MAX_DAY) && isInt(r.toDay, MIN_DAY, MAX_DAY) && r.fromDay <= r.toDay;
    default:
      return false;
  }
}

/**
 * The days a range covers. "All time" starts at the first day anything was recorded (`firstDay`, today when
 * nothing was) and ends today, or on the last recorded day if that is later (imported clocks run ahead).
 */
export function resolveRange(r: DashboardRange, today: number, firstDay?: number, lastDay?: number): DayRange {
  if (r.kind === 'days') return { fromDay: today - r.days + 1, toDay: today };
  if (r.kind === 'custom') return { fromDay: r.fromDay, toDay: r.toDay };
  return { fromDay: Math.min(firstDay ?? today, today), toDay: Math.max(lastDay ?? today, today) };
}

/** The range of the same length just before `r` (trends compare the user with their own recent past). */
export function previousRange(r: DayRange): DayRange {
  const len = r.toDay - r.fromDay + 1;
  return { fromDay: r.fromDay - len, toDay: r.fromDay - 1 };
}

/** `YYYY-MM-DD` of a local-day number (the day number already carries the local offset). */
export function dayIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The local-day number of a `YYYY-MM-DD` date (as an `<input type="date">` gives it), or undefined. */
export function dayFromIso(iso: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return dayIso(ms / DAY_MS) === iso ? ms / DAY_MS : undefined;
}

/** "Last 30 days", "All time", "2025-01-01 to 2025-03-31". */
export function rangeLabel(r: DashboardRange): string {
  if (r.kind === 'days') return r.days === 1 ? 'Today' : `Last ${r.days} days`;
  if (r.kind === 'all') return 'All time';
  return r.fromDay === r.toDay ? dayIso(r.fromDay) : `${dayIso(r.fromDay)} to ${dayIso(r.toDay)}`;
}

/** AI requests recorded before, in and after the range shown (from the daily rollups, kept forever). */
export interface RequestsAround {
  before: number;
  inRange: number;
  after: number;
}

const requests = (n: number): string => `${n.toLocaleString('en-US')} ${n === 1 ? 'request' : 'requests'}`;

/**
 * What the page says about history outside the range, or undefined when there is none: "212 requests
 * before this range" beside data, "26 requests imported, all before this range" when the range has none.
 */
export function outsideRangeNote(c: RequestsAround): string | undefined {
  const outside = c.before + c.after;
  if (outside === 0) return undefined;
  if (c.inRange === 0) {
    const where = c.after === 0 ? 'all before this range' : c.before === 0 ? 'all after this range'
      : `all outside this range (${c.before.toLocaleString('en-US')} before, ${c.after.toLocaleString('en-US')} after)`;
    return `${requests(outside)} recorded, ${where}`;
  }
  const parts = [c.before > 0 ? `${requests(c.before)} before this range` : '', c.after > 0 ? `${requests(c.after)} after it` : ''];
  return parts.filter((p) => p !== '').join(', ');
}
