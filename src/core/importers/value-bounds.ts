import type { RecordedEvent } from '../model/events';
import { MAX_COUNT, TS_MAX, TS_MIN } from '../store/limits';

/**
 * Bounds on the figures an importer hands to the journal (issue 10, cause 7). Other tools' logs hold negative,
 * NaN, Infinity (JSON `1e400`) or absurd values (a 1e300 USD cost, 1e13 tokens, a timestamp in 2150); each such
 * field is dropped from its record and counted by field name in the file's import summary, and the rest of
 * the record is kept. A timestamp out of range is replaced by the file's modification time, marked estimated.
 * Counts and timestamps use the journal's own bounds (`store/limits.ts`), so what an importer keeps the store
 * accepts; the cost and duration bounds are tighter here because they apply to one request or tool run.
 */
/** No single AI request costs this much; a larger figure is a unit or parsing error. */
export const MAX_COST_USD = 10_000;
/** Thirty days: longer "durations" of one request or tool run are clock errors. */
export const MAX_DURATION_MS = 30 * 86_400_000;

const COUNTS = ['tokensIn', 'tokensOut', 'cacheWriteTokens', 'cacheReadTokens', 'reasoningTokens', 'promptChars', 'responseChars',
  'toolCalls', 'subAgentToolCalls', 'toolErrors', 'filesEdited', 'linesEdited', 'exitCode'];
const DURATIONS = ['firstTokenMs', 'latencyMs', 'durationMs'];

function drop(rec: Record<string, unknown>, key: string, rejected: string[]): void {
  delete rec[key];
  rejected.push(key);
}

function inRange(v: unknown, max: number): boolean {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= max;
}

export function validTs(ts: unknown): ts is number {
  return typeof ts === 'number' && Number.isFinite(ts) && ts >= TS_MIN && ts <= TS_MAX;
}

/**
 * Drops the out-of-range fields of `event` in place and returns their names. A bad `ts` is replaced by
 * `fallbackTs` when that one is valid; the event is unusable (returns `null`) only when neither is.
 */
export function enforceBounds(event: RecordedEvent, fallbackTs: number | undefined): string[] | null {
  if (event.kind === 'import_cursor') return [];
  const rec = event as unknown as Record<string, unknown>;
  const rejected: string[] = [];
  // Plain loops, no closure: this runs once per imported record.
  for (const key of COUNTS) if (key in rec && !inRange(rec[key], MAX_COUNT)) drop(rec, key, rejected);
  for (const key of DURATIONS) if (key in rec && !inRange(rec[key], MAX_DURATION_MS)) drop(rec, key, rejected);
  if ('costUsd' in rec && !inRange(rec.costUsd, MAX_COST_USD)) drop(rec, 'costUsd', rejected);
  if (event.kind === 'feedback' && !(inRange(event.rating, 5) && event.rating >= 1)) return null;
  if (!validTs(event.ts)) {
    if (!validTs(fallbackTs)) return null;
    rejected.push('ts');
    event.ts = fallbackTs;
    if (event.kind === 'ai_interaction') event.tsEstimated = true;
  }
  return rejected;
}
