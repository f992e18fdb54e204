/**
 * Local-day numbers: days since 1970-01-01 in the machine's time zone, computed in JS (never in SQL, where
 * sql.js would bind millisecond timestamps as doubles). Rollups are keyed by these numbers.
 */

const DAY_MS = 86_400_000;

/** The local day that `ts` (ms since the epoch) falls in. */
export function localDay(ts: number): number {
  const offsetMs = new Date(ts).getTimezoneOffset() * 60_000;
  return Math.floor((ts - offsetMs) / DAY_MS);
}

/** The first millisecond of local day `day`. */
export function dayStartTs(day: number): number {
  const guess = day * DAY_MS;
  // The offset depends on the date (DST); one correction step is enough.
  const first = guess + new Date(guess).getTimezoneOffset() * 60_000;
  return guess + new Date(first).getTimezoneOffset() * 60_000;
}

/** `localDay` with a one-day cache: ingest calls it for every event, mostly within the same day. */
export class DayCache {
  private start = 0;
  private end = -1;
  private day = 0;

  of(ts: number): number {
    if (ts >= this.start && ts < this.end) return this.day;
    this.day = localDay(ts);
    this.start = dayStartTs(this.day);
    this.end = dayStartTs(this.day + 1);
    return this.day;
  }
}
