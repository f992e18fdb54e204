import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { readUtf8 } from './document-driver';
import { arr, countLines, obj, parseObject, str } from './parse-util';
import type { Json } from './parse-util';

/**
 * VS Code's chat editing state (`<User>/workspaceStorage/<id>/chatEditingSessions/<sessionId>/state.json`, storage
 * versions 1 and 2; read from VS Code's `chatEditingSessionStorage.ts` and `chatEditingOperations.ts`): its
 * `timeline.operations[]` are the file operations the chat made, each tagged with the `requestId` of the request
 * that made it: `textEdit` (`uri`, `edits[{range, text}]`), `create` (`initialContent`), `delete`, `rename`. They
 * cover every edit of a request, the agent's tool edits included, where the session file's `textEditGroup` parts
 * may not. Lines added are the inserted texts' lines; lines removed the replaced ranges' lines.
 */
export interface RequestEdits {
  linesAdded: number;
  linesRemoved: number;
  files: number;
}

const KNOWN_VERSIONS = new Set([1, 2]);
/** The state also names content files by hash, never inlines them; a larger state is not read. */
const MAX_STATE_BYTES = 16 * 1024 * 1024;

/** The editing state that belongs to a `chatSessions/<sessionId>.json(l)` file, beside it in the same workspace folder. */
export function editingStatePath(sessionFile: string): string {
  const id = basename(sessionFile).replace(/\.jsonl?$/, '');
  return join(dirname(dirname(sessionFile)), 'chatEditingSessions', id, 'state.json');
}

/** Per request id, what its operations changed; empty when there is no readable state of a known version. Never throws. */
export async function readRequestEdits(sessionFile: string): Promise<ReadonlyMap<string, RequestEdits>> {
  const path = editingStatePath(sessionFile);
  try {
    if ((await stat(path)).size > MAX_STATE_BYTES) return new Map();
    const doc = parseObject(await readUtf8(path));
    return typeof doc === 'object' ? requestEdits(doc) : new Map();
  } catch {
    return new Map();
  }
}

export function requestEdits(doc: Json): Map<string, RequestEdits> {
  const out = new Map<string, RequestEdits>();
  if (typeof doc.version !== 'number' || !KNOWN_VERSIONS.has(doc.version)) return out;
  const files = new Map<string, Set<string>>();
  for (const o of arr(obj(doc.timeline)?.operations)) {
    const op = obj(o);
    const requestId = str(op?.requestId);
    if (op === undefined || requestId === undefined) continue;
    const e = out.get(requestId) ?? { linesAdded: 0, linesRemoved: 0, files: 0 };
    if (op.type === 'textEdit') {
      for (const edit of arr(op.edits)) {
        const ed = obj(edit);
        e.linesAdded += countLines(str(ed?.text) ?? '');
        e.linesRemoved += rangeLines(obj(ed?.range));
      }
    } else if (op.type === 'create') {
      e.linesAdded += countLines(str(op.initialContent) ?? '');
    } else if (op.type !== 'delete' && op.type !== 'rename') {
      continue;
    }
    const seen = files.get(requestId) ?? new Set<string>();
    seen.add(uriKey(op.uri));
    files.set(requestId, seen);
    e.files = seen.size;
    out.set(requestId, e);
  }
  return out;
}

/** Lines a replaced range spans: none for an insertion point. */
function rangeLines(range: Json | undefined): number {
  const start = range?.startLineNumber;
  const end = range?.endLineNumber;
  if (typeof start !== 'number' || typeof end !== 'number' || end < start) return 0;
  if (start === end && range?.startColumn === range?.endColumn) return 0;
  return end - start + 1;
}

/** A URI as VS Code serialises it: a string, or `{scheme, path, ...}` (`$mid` form). */
function uriKey(uri: unknown): string {
  const u = obj(uri);
  return str(uri) ?? (u !== undefined ? `${str(u.scheme) ?? ''}:${str(u.path) ?? str(u.external) ?? ''}` : '');
}
