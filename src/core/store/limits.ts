/**
 * The journal's limits, one set for the writer and the reader: the writer cuts text to fit before it encodes
 * (so a record it writes is never one the reader rejects as too long), the reader takes anything up to the
 * same record size and validates each field against the same bounds.
 */
import type { RecordedEvent } from '../model/events';

/** Largest record payload, bytes. The writer never writes a longer one; the reader treats longer as damage. */
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;

/**
 * Longest text field (prompt, inserted text, pattern code, command, ...), UTF-16 code units. Even in JSON's
 * worst case (6 bytes per escaped control character) two such fields stay under `MAX_RECORD_BYTES`.
 */
export const MAX_TEXT_CHARS = 1024 * 1024;

/** Longest identifier or rollup key (ids, hashes, language, model, tool names). */
export const MAX_KEY_CHARS = 1024;

/** Largest count of anything (tokens, characters, calls): larger is a unit or parsing error. */
export const MAX_COUNT = 1e12;

/** Timestamps outside 2000-01-01 .. 2100-01-01 (UTC, ms) are not milliseconds of this century: rejected. */
export const TS_MIN = Date.UTC(2000, 0, 1);
export const TS_MAX = Date.UTC(2100, 0, 1);

/** An event whose text fields were cut: field name -> its length before (UTF-16 code units). */
export type Truncated<E> = E & { truncated: Record<string, number> };

/**
 * Cuts every top-level string longer than `MAX_TEXT_CHARS` (a 30 MB prompt keeps its first MiB, less 80 characters, and a note
 * saying how long it was) and records the original lengths in `truncated`. Returns `ev` itself when nothing is
 * too long (the usual case costs one pass over the event's own keys, no copy).
 */
export function capText(ev: RecordedEvent): RecordedEvent {
  const rec = ev as unknown as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (const k in rec) {
    const v = rec[k];
    if (typeof v !== 'string' || v.length <= MAX_TEXT_CHARS) continue;
    out ??= { ...rec, truncated: { ...(rec.truncated as Record<string, number> | undefined) } };
    (out.truncated as Record<string, number>)[k] = v.length;
    // The note counts against the limit too, so the reader (which cuts at the same limit) keeps it.
    const note = `\n[truncated: ${v.length} characters, the first ${MAX_TEXT_CHARS - 80} kept]`;
    out[k] = `${v.slice(0, MAX_TEXT_CHARS - 80)}${note}`;
  }
  return (out ?? ev) as RecordedEvent;
}
