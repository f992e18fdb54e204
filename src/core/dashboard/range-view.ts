/**
 * What the page (and the report) say about the range: the note beside the picker, whether to offer
 * "Show all time", the first-run empty state only when nothing was ever recorded, and the empty text of the
 * request-based cards when their emptiness comes from the range, not from a lack of history.
 */
import type { DashboardData } from './dashboard-data';
import type { DashboardRange } from './range';
import { outsideRangeNote, rangeLabel } from './range';

export interface RangeView {
  /** "Last 30 days", "All time", "2025-01-01 to 2025-03-31" (before the store opens: this window). */
  label: string;
  /** Beside the picker: "212 requests before this range"; undefined when no request lies outside it. */
  note?: string;
  /** Offer a button that switches to all time. */
  offerAllTime: boolean;
  /** Nothing in this range and no request outside it: the page's first-run empty state applies. */
  nothingRecorded: boolean;
  /** The empty text of the tokens, intents and models cards when the range, not the history, is empty. */
  requestsEmpty?: string;
}

const rangeOf = (d: DashboardData): DashboardRange => d.range ?? { kind: 'days', days: d.rangeDays };

export function rangeView(d: DashboardData): RangeView {
  const range = rangeOf(d);
  const label = d.source === 'window' ? 'This window since it opened' : rangeLabel(range);
  const req = d.requests;
  const note = req ? outsideRangeNote(req) : undefined;
  const emptyHere = d.textByLanguage.length === 0 && (d.daily ?? []).length === 0;
  const outside = req ? req.before + req.after : 0;
  return {
    label,
    note,
    offerAllTime: note !== undefined && range.kind !== 'all',
    nothingRecorded: emptyHere && outside === 0,
    requestsEmpty: req && req.inRange === 0 && note !== undefined ? `${note}.` : undefined,
  };
}
