/** Counts and durations as people write them ("1 file", "2 files", "2 hrs 5 mins"). */

const IRREGULAR: Readonly<Record<string, string>> = { entry: 'entries', query: 'queries', this: 'these' };

/** `n` and `noun`, the noun in the plural unless `n` is 1 ("1 file", "0 files", "1,234 files"). */
export function count(n: number, noun: string, plural = IRREGULAR[noun] ?? `${noun}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : plural}`;
}

/**
 * A duration as WakaTime writes it: "2 hrs 5 mins", "1 hr", "45 mins", "1 min", "0 mins" (under a minute);
 * minutes are rounded down, so the figure never claims time not spent.
 */
export function duration(ms: number): string {
  const mins = Math.max(0, Math.floor(ms / 60_000));
  const h = Math.floor(mins / 60);
  const m = mins % 60;
  const hours = h > 0 ? `${h} ${h === 1 ? 'hr' : 'hrs'}` : '';
  const minutes = m > 0 || h === 0 ? `${m} ${m === 1 ? 'min' : 'mins'}` : '';
  return [hours, minutes].filter(Boolean).join(' ');
}
