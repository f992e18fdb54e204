/**
 * The bars of a time chart: one per day, or one per week (Monday to Sunday, clipped to the range) when the
 * range is longer than `WEEKLY_AFTER_DAYS` days, so a year reads as 53 bars instead of 365 slivers.
 */
import { dayIso } from './range';

/** Ranges longer than this many days are drawn by week. */
export const WEEKLY_AFTER_DAYS = 90;

export interface Periods {
  unit: 'day' | 'week';
  /** `YYYY-MM-DD` of each bar's first day (in the range). */
  labels: string[];
  /** The bar a day of the range falls in (-1 outside the range). */
  index(day: number): number;
}

/** Monday on or before a local-day number (day 0, 1970-01-01, was a Thursday). */
export const weekStart = (day: number): number => day - ((day + 3) % 7);

export function periods(fromDay: number, toDay: number): Periods {
  const len = Math.max(0, toDay - fromDay + 1);
  if (len <= WEEKLY_AFTER_DAYS) {
    return { unit: 'day', labels: Array.from({ length: len }, (_, i) => dayIso(fromDay + i)),
      index: (d) => (d >= fromDay && d <= toDay ? d - fromDay : -1) };
  }
  const first = weekStart(fromDay);
  const weeks = Math.floor((weekStart(toDay) - first) / 7) + 1;
  return {
    unit: 'week',
    labels: Array.from({ length: weeks }, (_, i) => dayIso(Math.max(fromDay, first + 7 * i))),
    index: (d) => (d >= fromDay && d <= toDay ? Math.floor((d - first) / 7) : -1),
  };
}

/** Sums `value(row)` into the bars of `p`, one series per `key(row)` (series ordered by their total, largest first). */
export function bucketSeries<T>(rows: readonly T[], p: Periods, day: (r: T) => number, key: (r: T) => string, value: (r: T) => number) {
  const series = new Map<string, number[]>();
  for (const r of rows) {
    const i = p.index(day(r));
    if (i < 0) continue;
    const k = key(r);
    const data = series.get(k) ?? new Array<number>(p.labels.length).fill(0);
    data[i] += value(r);
    series.set(k, data);
  }
  const total = (d: number[]) => d.reduce((s, v) => s + v, 0);
  return [...series.entries()]
    .sort((a, b) => total(b[1]) - total(a[1]) || a[0].localeCompare(b[0]))
    .map(([label, data]) => ({ label, data }));
}
