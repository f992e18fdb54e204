/**
 * Field validation at the journal boundary (the worker, before a record is applied). Whatever a journal
 * holds (an old version's records, an importer that took microseconds for milliseconds, a corrupt digit), the
 * store opens: a record that cannot be placed (no usable timestamp, no id where the table needs one) is
 * rejected whole and quarantined by the ingestor; an absurd value in an optional field is dropped (the field
 * reads as "not observed") and counted; an oversized string is cut.
 */
import type { RecordedEvent } from '../model/events';
import { MAX_COUNT, MAX_KEY_CHARS, MAX_TEXT_CHARS, TS_MAX, TS_MIN } from './limits';

/** Inclusive [min, max] for a numeric field, wherever it appears. */
type Range = readonly [number, number];

const COUNT: Range = [0, MAX_COUNT];
const DURATION_MS: Range = [0, 1e11];
const TIMESTAMP: Range = [TS_MIN, TS_MAX];

const NUMBERS: ReadonlyMap<string, Range> = new Map<string, Range>([
  ...['charsAdded', 'charsRemoved', 'linesAdded', 'count', 'chars', 'lines', 'charsKept', 'charsTotal',
    'filesChanged', 'linesRemoved', 'aiLines', 'promptChars', 'responseChars', 'tokensIn', 'tokensOut',
    'cacheWriteTokens', 'cacheReadTokens', 'toolCalls', 'toolErrors', 'filesEdited', 'linesEdited', 'openEditors',
    'dirtyFiles', 'complexity', 'size', 'offset', 'reasoningTokens', 'subAgentToolCalls', 'linesDeleted', 'aiLinesAdded',
    'tabLinesAdded', 'composerLinesAdded', 'humanLinesAdded', 'blankLinesAdded'].map((k): [string, Range] => [k, COUNT]),
  ...['durationMs', 'firstTokenMs', 'latencyMs', 'activeMs'].map((k): [string, Range] => [k, DURATION_MS]),
  ['firstSeenTs', TIMESTAMP],
  ['mtimeMs', [0, TS_MAX]],
  ['confidence', [0, 1]],
  ['costUsd', [0, 1e6]],
  ['rating', [-1, 5]],
  ['vote', [-1, 1]],
  ['exitCode', [-(2 ** 31), 2 ** 32]],
  ['errorDelta', [-1e9, 1e9]],
]);

/** String fields that become rollup keys or identifiers: short by nature, cut at `MAX_KEY_CHARS`. */
const KEYS: ReadonlySet<string> = new Set([
  'session', 'fileHash', 'language', 'label', 'precision', 'id', 'origin', 'tool', 'textHash', 'patternId',
  'insertionId', 'checkpoint', 'hash', 'repoHash', 'branch', 'source', 'sourceTool', 'externalId', 'interaction',
  'intent', 'model', 'conversation', 'workspaceHash', 'what', 'phase', 'op', 'fingerprint', 'sourceFileHash',
  'sourceCommit', 'action', 'fileKey', 'lastRecordId', 'headHash', 'mergedInto',
]);

/** Fields a kind cannot be stored without (its table's key, or what decides how it is applied). */
const REQUIRED: { readonly [K in RecordedEvent['kind']]: readonly string[] } = {
  text_change: [], ai_insertion: ['id'], survival: ['insertionId', 'checkpoint'], commit: ['hash'], commit_attribution: ['hash', 'sourceTool'], tool_run: [],
  ai_interaction: ['id'], feedback: ['id'], context: [], session: ['id', 'phase'], pattern: ['id', 'op'],
  pattern_usage: ['id', 'patternId', 'action'], import_cursor: ['source', 'fileKey'], learning: ['id'],
};

const ENUMS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['phase', new Set(['start', 'end'])],
  ['op', new Set(['upsert', 'stale', 'delete'])],
]);

export type Validation =
  | { ok: true; ev: RecordedEvent; dropped: number }
  | { ok: false; reason: string };

/**
 * Checks `ev` (decoded by `parseRecords`: any JSON object) field by field, in place: absurd
 * numbers are deleted (`dropped` counts them), oversized strings cut. Rejects when the record itself is unusable.
 */
export function validateEvent(ev: RecordedEvent): Validation {
  const rec = ev as unknown as Record<string, unknown>;
  const required = Object.hasOwn(REQUIRED, ev.kind) ? REQUIRED[ev.kind] : undefined;
  if (!required) return { ok: false, reason: `unknown event kind ${String(rec.kind).slice(0, 40)}` };
  if (typeof ev.ts !== 'number' || !(ev.ts >= TS_MIN && ev.ts <= TS_MAX)) {
    return { ok: false, reason: `timestamp ${String(rec.ts).slice(0, 40)} outside 2000-01-01..2100-01-01 (ms)` };
  }
  for (const f of required) {
    const v = rec[f];
    if (typeof v !== 'string' || v === '') return { ok: false, reason: `${ev.kind} without ${f}` };
    const allowed = ENUMS.get(f);
    if (allowed && !allowed.has(v)) return { ok: false, reason: `${ev.kind}.${f} is '${v.slice(0, 40)}'` };
  }
  let dropped = 0;
  for (const k in rec) {
    if (k === 'ts' || k === 'kind') continue;
    const v = rec[k];
    if (typeof v === 'number') {
      const r = NUMBERS.get(k);
      if (r && !(v >= r[0] && v <= r[1])) {
        delete rec[k];
        dropped++;
      }
    } else if (typeof v === 'string') {
      const max = KEYS.has(k) ? MAX_KEY_CHARS : MAX_TEXT_CHARS;
      if (v.length > max) rec[k] = v.slice(0, max);
    }
  }
  return { ok: true, ev, dropped };
}
