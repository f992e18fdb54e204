import type { RecordedEvent } from '../model/events';
import { isFinalRequest } from './copilot-request';
import { emitSessionObject } from './copilot-session-json';
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
 * The state can only be rebuilt from the start, so a changed file is replayed whole; memory stays bounded
 * by replacing every string longer than `LONG_TEXT` with a `{$len, $lines}` marker as values enter the
 * state. Only requests touched at or after the cursor's offset are emitted again.
 */
const LONG_TEXT = 512;

/**
 * Stands in for request subtrees the importer never reads (rendered prompts, tool-call rounds, variable
 * data, agent descriptions...): dropping them keeps the replayed state small. Mutations that land inside
 * a pruned subtree are accepted and ignored.
 */
const PRUNED: Json = Object.freeze({ $pruned: true });
const PRUNED_REQUEST_KEYS = ['variableData', 'contentReferences', 'codeCitations', 'followups', 'responseMarkdownInfo', 'editedFileEvents'];
const PRUNED_PART_KEYS = ['invocationMessage', 'pastTenseMessage', 'presentation', 'toolSpecificData', 'originMessage', 'source'];

export async function importCopilotMutationLog(
  path: string,
  cursor: FileCursor | undefined,
  options: ImportOptions,
  sink: (event: RecordedEvent) => void,
  cancelled?: () => boolean,
): Promise<FileImportResult> {
  return importLogFile(path, 'copilot-mutation-log', cursor, options, sink, mutationParser, cancelled, true);
}

export function mutationParser(ctx: ParseContext, since: number): LineParser {
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
      if (v.kind === 0) {
        if (!isObject(v.v)) return ctx.skip('bad_mutation');
        state = v.v;
        if (Array.isArray(state.requests)) state.requests = state.requests.map(slimRequest);
        state = slim(state) as Json;
        touched = new Array<number>(requestCount()).fill(start);
        return;
      }
      const k = v.k;
      if (state === undefined || !Array.isArray(k) || k.length === 0 || !applyMutation(state, v.kind, k, v)) {
        return ctx.skip('bad_mutation');
      }
      track(v.kind, k, start, Array.isArray(v.v) ? v.v.length : 0);
    },
    finish(quiet, endOffset) {
      if (state === undefined) return endOffset;
      const requests = Array.isArray(state.requests) ? state.requests : [];
      let resume = endOffset;
      requests.forEach((r, i) => {
        if (!quiet && isObject(r) && !isFinalRequest(r)) resume = Math.min(resume, touched[i] ?? endOffset);
      });
      emitSessionObject(state, quiet, ctx, (i) => (touched[i] ?? 0) >= since);
      return resume;
    },
  };
}

/** Applies one kind 1/2/3 mutation; false when the path does not resolve or the value is malformed. */
function applyMutation(state: Json, kind: unknown, k: unknown[], line: Json): boolean {
  let parent: unknown = state;
  for (let i = 0; i < k.length - 1; i++) {
    parent = step(parent, k[i]);
    if (parent === undefined) return false;
  }
  const last = k[k.length - 1];
  if (typeof last !== 'string' && typeof last !== 'number') return false;
  const container = parent as Record<string | number, unknown>;
  if (typeof container !== 'object' || container === null) return false;
  if (parent === PRUNED) return true;
  const isRequest = k.length === 2 && k[0] === 'requests';
  if (kind === 1) {
    container[last] = slim(isRequest ? slimRequest(line.v) : k.length === 1 && k[0] === 'requests' && Array.isArray(line.v) ? line.v.map(slimRequest) : line.v);
    return true;
  }
  if (kind === 3) {
    if (Array.isArray(container) && typeof last === 'number') container.splice(last, 1);
    else delete container[last];
    return true;
  }
  if (kind === 2) {
    const target = container[last];
    if (target === PRUNED) return true;
    if (!Array.isArray(target) || !Array.isArray(line.v)) return false;
    if (typeof line.i === 'number' && line.i >= 0) target.length = Math.min(target.length, line.i);
    const pushRequests = k.length === 1 && k[0] === 'requests';
    for (const item of line.v) target.push(slim(pushRequests ? slimRequest(item) : item));
    return true;
  }
  return false;
}

function step(value: unknown, key: unknown): unknown {
  if (value === PRUNED) return PRUNED;
  if (Array.isArray(value) && typeof key === 'number') return value[key];
  const o = obj(value);
  return o !== undefined && typeof key === 'string' && Object.hasOwn(o, key) ? o[key] : undefined;
}

/** Drops the subtrees of a request the importer never reads (in place). */
function slimRequest(value: unknown): unknown {
  const r = obj(value);
  if (r === undefined) return value;
  for (const key of PRUNED_REQUEST_KEYS) if (key in r) r[key] = PRUNED;
  const result = obj(r.result);
  if (result !== undefined && 'metadata' in result) result.metadata = PRUNED;
  const message = obj(r.message);
  if (message !== undefined && 'parts' in message) message.parts = PRUNED;
  const agent = obj(r.agent);
  if (agent !== undefined) r.agent = { id: agent.id };
  if (Array.isArray(r.response)) {
    for (const part of r.response) {
      const p = obj(part);
      if (p === undefined) continue;
      for (const key of PRUNED_PART_KEYS) if (key in p) p[key] = PRUNED;
      const details = obj(p.resultDetails);
      if (p.resultDetails !== undefined) p.resultDetails = details?.isError === true ? { isError: true } : PRUNED;
    }
  }
  return r;
}

/** Replaces long strings by length markers, in place for containers. */
function slim(value: unknown): unknown {
  if (value === PRUNED) return value;
  if (typeof value === 'string') return value.length > LONG_TEXT ? { $len: value.length, $lines: countLines(value) } : value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = slim(value[i]);
    return value;
  }
  if (isObject(value)) {
    for (const key of Object.keys(value)) value[key] = slim(value[key]);
  }
  return value;
}
