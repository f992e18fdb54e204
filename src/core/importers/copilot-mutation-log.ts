import type { RecordedEvent } from '../model/events';
import { isFinalRequest } from './copilot-request';
import { emitSessionObject } from './copilot-session-json';
import { readRequestEdits } from './copilot-editing-state';
import type { RequestEdits } from './copilot-editing-state';
import { importLogFile } from './jsonl-driver';
import type { LineParser } from './jsonl-driver';
import { countLines, isObject, obj } from './parse-util';
import type { Json } from './parse-util';
import type { FileCursor, FileImportResult, ImportOptions, ParseContext } from './types';

/**
 * Copilot Chat's append-only session log (`chatSessions/<id>.jsonl`, VS Code 1.109+, `ObjectMutationLog`):
 * `{kind:0, v}` replaces the whole state, `{kind:1, k, v}` sets the value at path `k`, `{kind:2, k, v, i?}`
 * truncates the array at `k` to `i` (when given) and appends `v`, `{kind:3, k}` deletes at `k`.
 *
 * The state can only be rebuilt from the start, so a changed file is replayed whole. Memory stays bounded
 * by keeping only what the importer reads: every value entering the state is projected through `SESSION`
 * (a schema of the read fields) as it arrives, so the parsed line dies young and a request costs a few
 * small objects however long its prompt, response or tool output. Only requests touched at or after the
 * cursor's offset are emitted again.
 */
const LONG_TEXT = 512;

/** Stands in for an object of which only the presence is read (`result.errorDetails`). */
const PRUNED: Json = Object.freeze({ $pruned: true });

/**
 * What is kept of a value: `KEEP` keeps it (long strings become `{$len, $lines}` markers); an object shape
 * keeps only its listed keys, shaped (the others are never stored, and mutations under them are accepted
 * and ignored); `[shape]` shapes every item of an array; `PRUNE` turns an object into `PRUNED`. A value
 * that is not the container its shape expects is kept as it is, so readers see what a plain replay gives.
 * Must list every field that copilot-request.ts and copilot-session-json.ts read.
 */
type Shape = typeof KEEP | typeof WHOLE | readonly [Shape] | { readonly [key: string]: Shape };
const KEEP = 'keep';
/** Keeps a string whole: the prompt, which the intent classifier and (when allowed) the stored text need. */
const WHOLE = 'whole';
const PRUNE: Shape = Object.freeze({});

const PART: Shape = {
  kind: KEEP,
  value: KEEP,
  content: { value: KEEP },
  uri: { path: KEEP, external: KEEP },
  edits: [[{ text: KEEP }]],
  isConfirmed: KEEP,
  isComplete: KEEP,
  toolCallId: KEEP,
  toolId: KEEP,
  resultDetails: { isError: KEEP },
  subAgentInvocationId: KEEP,
};
const REQUEST: Shape = {
  requestId: KEEP,
  timestamp: KEEP,
  message: { text: WHOLE },
  agent: { id: KEEP },
  modelId: KEEP,
  modeInfo: { kind: KEEP },
  result: {
    errorDetails: PRUNE,
    timings: { firstProgress: KEEP, totalElapsed: KEEP },
    metadata: { sessionId: KEEP, toolCallRounds: [{ toolCalls: [PRUNE] }] },
  },
  isCanceled: KEEP,
  vote: KEEP,
  voteDownReason: KEEP,
  completionTokens: KEEP,
  prompt: WHOLE,
  completion: KEEP,
  response: [PART],
};
const SESSION: Shape = { version: KEEP, sessionId: KEEP, responderUsername: KEEP, initialLocation: KEEP, requests: [REQUEST] };

/**
 * Bounds on what one mutation may do (issue 11, defect 6): an array index may address an existing slot or
 * the next one (a set at index 4294967294 would otherwise make a 4-billion-slot array that later loops walk),
 * and values deeper than `MAX_DEPTH` are cut (nothing the importer reads is that deep; recursing 10,000 levels
 * overflowed the stack and lost the whole file). Such a line is counted as a bad mutation; the rest is kept.
 */
const MAX_DEPTH = 64;

export async function importCopilotMutationLog(
  path: string,
  cursor: FileCursor | undefined,
  options: ImportOptions,
  sink: (event: RecordedEvent) => void,
  cancelled?: () => boolean,
): Promise<FileImportResult> {
  const edits = await readRequestEdits(path);
  return importLogFile(path, 'copilot-mutation-log', cursor, options, sink, (ctx, since) => mutationParser(ctx, since, edits), cancelled, true);
}

export function mutationParser(ctx: ParseContext, since: number, edits?: ReadonlyMap<string, RequestEdits>): LineParser {
  let state: Json | undefined;
  /** Offset of the last line that touched each request index. */
  let touched: number[] = [];

  function requestCount(): number {
    return Array.isArray(state?.requests) ? state.requests.length : 0;
  }

  function track(kind: unknown, k: unknown[], start: number, pushed: number): void {
    if (k[0] !== 'requests') return;
    const n = requestCount();
    if (typeof k[1] === 'number') {
      if (kind === 3 && k.length === 2) touched.splice(k[1], 1);
      else touched[k[1]] = start;
      return;
    }
    touched.length = Math.min(touched.length, n);
    const from = kind === 2 ? n - pushed : 0;
    for (let i = from; i < n; i++) touched[i] = start;
  }

  return {
    line(v, start) {
      if (ctx.cancelled?.() === true) return;
      try {
        apply(v, start);
      } catch (err) {
        // A value the bounds did not foresee fails this line alone, never the file.
        if (!(err instanceof RangeError || err instanceof TypeError)) throw err;
        ctx.skip('bad_mutation');
      }
    },
    finish(quiet, endOffset) {
      if (state === undefined) return endOffset;
      const requests = Array.isArray(state.requests) ? state.requests : [];
      let resume = endOffset;
      for (let i = 0; i < requests.length && ctx.cancelled?.() !== true; i++) {
        const r: unknown = requests[i];
        if (!quiet && isObject(r) && !isFinalRequest(r)) resume = Math.min(resume, touched[i] ?? endOffset);
      }
      emitSessionObject(state, quiet, ctx, (i) => (touched[i] ?? 0) >= since, edits);
      return resume;
    },
  };

  /** One mutation line: a full state (kind 0) or a change at path `k` (kinds 1-3). */
  function apply(v: Json, start: number): void {
    if (v.kind === 0) {
      if (!isObject(v.v)) return ctx.skip('bad_mutation');
      state = shape(v.v, SESSION, 0) as Json;
      touched = new Array<number>(requestCount()).fill(start);
      return;
    }
    const k = v.k;
    if (state === undefined || !Array.isArray(k) || k.length === 0 || !applyMutation(state, v.kind, k, v)) {
      return ctx.skip('bad_mutation');
    }
    track(v.kind, k, start, Array.isArray(v.v) ? v.v.length : 0);
  }
}

/**
 * Applies one kind 1/2/3 mutation; false when the path does not resolve or the value is malformed. A path
 * that reaches a key the importer never reads is accepted and ignored without resolving the rest.
 */
function applyMutation(state: Json, kind: unknown, k: unknown[], line: Json): boolean {
  if ((kind !== 1 && kind !== 2 && kind !== 3) || (kind === 2 && !Array.isArray(line.v))) return false;
  let parent: unknown = state;
  let at: Shape = SESSION;
  for (let i = 0; i < k.length - 1; i++) {
    const next = childShape(at, k[i]);
    if (next === undefined) return true;
    parent = step(parent, k[i]);
    if (parent === undefined) return false;
    at = next;
  }
  const last = k[k.length - 1];
  if (typeof last !== 'string' && typeof last !== 'number') return false;
  const container = parent as Record<string | number, unknown>;
  if (typeof container !== 'object' || container === null) return false;
  const s = childShape(at, last);
  if (parent === PRUNED || s === undefined) return true;
  if (Array.isArray(container) && !validIndex(last, container.length + (kind === 1 ? 1 : 0))) return false;
  if (kind === 1) {
    container[last] = shape(line.v, s, k.length);
  } else if (kind === 3) {
    if (Array.isArray(container) && typeof last === 'number') container.splice(last, 1);
    else delete container[last];
  } else {
    const target = container[last];
    if (target === PRUNED) return true;
    if (!Array.isArray(target)) return false;
    if (typeof line.i === 'number' && line.i >= 0) target.length = Math.min(target.length, line.i);
    const item = childShape(s, 0);
    for (const value of line.v as unknown[]) if (item !== undefined) target.push(shape(value, item, k.length + 1));
  }
  return true;
}

/** An index into an array of `length` slots (the slot after the last counts for a set). */
function validIndex(key: unknown, length: number): boolean {
  return typeof key === 'number' && Number.isInteger(key) && key >= 0 && key < length;
}

function step(value: unknown, key: unknown): unknown {
  if (value === PRUNED) return PRUNED;
  if (Array.isArray(value)) return validIndex(key, value.length) ? value[key as number] : undefined;
  const o = obj(value);
  return o !== undefined && typeof key === 'string' && Object.hasOwn(o, key) ? o[key] : undefined;
}

/** The shape of the value at `key` inside a value of shape `parent`; undefined where nothing is read. */
function childShape(parent: Shape, key: unknown): Shape | undefined {
  if (parent === KEEP || parent === WHOLE) return parent;
  if (isEach(parent)) return typeof key === 'number' ? parent[0] : undefined;
  return typeof key === 'string' && Object.hasOwn(parent, key) ? parent[key] : undefined;
}

function isEach(s: Shape): s is readonly [Shape] {
  return Array.isArray(s);
}

/**
 * Projects a value entering the state onto its shape: a new object with only the read keys, so the parsed
 * line (prompts, tool output, rendered messages) can be collected at once.
 */
function shape(value: unknown, s: Shape, depth: number): unknown {
  if (s === KEEP) return slim(value, depth);
  if (s === WHOLE) return typeof value === 'string' ? value : slim(value, depth);
  if (Array.isArray(value)) {
    if (!isEach(s)) return slim(value, depth);
    for (let i = 0; i < value.length; i++) value[i] = shape(value[i], s[0], depth + 1);
    return value;
  }
  if (!isObject(value) || isEach(s)) return slim(value, depth);
  if (s === PRUNE) return PRUNED;
  const out: Json = {};
  for (const key in s) if (Object.hasOwn(value, key)) out[key] = shape(value[key], s[key], depth + 1);
  return out;
}

/** Replaces long strings by length markers, in place for containers; containers below `MAX_DEPTH` are cut. */
function slim(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return value.length > LONG_TEXT ? { $len: value.length, $lines: countLines(value) } : value;
  if (value === null || typeof value !== 'object' || value === PRUNED) return value;
  if (depth >= MAX_DEPTH) return PRUNED;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = slim(value[i], depth + 1);
    return value;
  }
  for (const key of Object.keys(value)) (value as Json)[key] = slim((value as Json)[key], depth + 1);
  return value;
}
