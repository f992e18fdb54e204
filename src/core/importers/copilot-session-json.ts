import type { RecordedEvent } from '../model/events';
import { isFinalRequest, requestEvents } from './copilot-request';
import { readRequestEdits } from './copilot-editing-state';
import type { RequestEdits } from './copilot-editing-state';
import { importDocument } from './document-driver';
import { arr, obj, parseObject, str } from './parse-util';
import type { Json } from './parse-util';
import type { FileCursor, FileImportResult, ImportOptions, ParseContext } from './types';

/**
 * Copilot Chat sessions as one JSON document (`chatSessions/<id>.json`, `version` 3; versions 1 and 2
 * had the same request shape and are read too). The file is rewritten whole, so a changed file is read
 * again whole (up to `maxDocumentBytes`) and every final request re-emitted: ids are stable, the store
 * dedupes. A request without a result is held back while the file is still being written.
 */
const KNOWN_VERSIONS = new Set([1, 2, 3]);

export async function importCopilotSessionJson(
  path: string,
  cursor: FileCursor | undefined,
  options: ImportOptions,
  sink: (event: RecordedEvent) => void,
): Promise<FileImportResult> {
  return importDocument(path, 'copilot-session-json', cursor, options, sink, async (text, quiet, ctx) =>
    emitSession(text, quiet, ctx, await readRequestEdits(path)));
}

/**
 * A file written by "Chat: Export Session JSON": the session's `requests` with `responderUsername` and
 * `initialLocation`, but no `version` and no `sessionId`. Its requests have the v3 shape.
 */
export function isExport(doc: Json): boolean {
  return doc.version === undefined && Array.isArray(doc.requests) && (typeof doc.responderUsername === 'string' || typeof doc.initialLocation === 'string');
}

/** An export's session: the Copilot session id its requests' results name, else one per exported file. */
function exportSessionId(doc: Json, fileKey: string): string {
  for (const r of arr(doc.requests)) {
    const id = str(obj(obj(obj(r)?.result)?.metadata)?.sessionId);
    if (id !== undefined) return id;
  }
  return `export-${fileKey}`;
}

/** Emits the events of one parsed session document; shared with the mutation log's snapshot. */
export function emitSession(text: string, quiet: boolean, ctx: ParseContext, edits?: ReadonlyMap<string, RequestEdits>): void {
  const doc = parseObject(text);
  if (doc === 'not_json') return ctx.skip('truncated_line');
  if (doc === 'not_object') return ctx.skip('not_object');
  emitSessionObject(doc, quiet, ctx, undefined, edits);
}

/** `edits`: the session's chat editing state per request id (lines and files changed), when there is one. */
export function emitSessionObject(doc: Json, quiet: boolean, ctx: ParseContext, include?: (index: number) => boolean, edits?: ReadonlyMap<string, RequestEdits>): void {
  const exported = isExport(doc);
  if (!exported && (typeof doc.version !== 'number' || !KNOWN_VERSIONS.has(doc.version))) return ctx.skip('unsupported_version');
  const sessionId = str(doc.sessionId) ?? (exported ? exportSessionId(doc, ctx.fileKey) : undefined);
  if (sessionId === undefined) return ctx.skip('missing_fields');
  const requests = arr(doc.requests);
  for (let index = 0; index < requests.length && ctx.cancelled?.() !== true; index++) {
    const request = obj(requests[index]);
    if (request === undefined) {
      ctx.skip('missing_fields');
      continue;
    }
    if (include !== undefined && !include(index)) continue;
    if (!quiet && !isFinalRequest(request)) continue;
    for (const event of requestEvents(request, sessionId, ctx, index, edits)) ctx.emit(event);
  }
}
