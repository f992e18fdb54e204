import { readFile, stat } from 'node:fs/promises';
import type { RecordedEvent } from '../model/events';
import { isFinalRequest, requestEvents } from './copilot-request';
import { cursorEvent, isUnchanged, makeContext, result } from './jsonl-driver';
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
  const ctx = makeContext(path, options, sink);
  const format = 'copilot-session-json';
  let size = 0;
  let mtimeMs = 0;
  let quiet = true;
  try {
    const info = await stat(path);
    size = info.size;
    mtimeMs = Math.floor(info.mtimeMs);
    if (isUnchanged(cursor, size, mtimeMs)) return result(path, format, true, ctx, cursor!);
    if (size > options.maxDocumentBytes) ctx.skip('too_large');
    else {
      quiet = mtimeMs <= options.now() - options.quietMs;
      emitSession(await readFile(path, 'utf8'), quiet, ctx);
    }
  } catch {
    ctx.skip('unreadable');
  }
  // A document still being written may hold requests back (or be cut off): read it whole again once quiet.
  const next: FileCursor = { fileKey: ctx.fileKey, size, mtimeMs, offset: quiet ? size : 0, ...(ctx.lastId !== undefined ? { lastRecordId: ctx.lastId } : {}) };
  sink(cursorEvent(format, next, options.now()));
  return result(path, format, false, ctx, next);
}

/** Emits the events of one parsed session document; shared with the mutation log's snapshot. */
export function emitSession(text: string, quiet: boolean, ctx: ParseContext): void {
  const doc = parseObject(text);
  if (doc === 'not_json') return ctx.skip('truncated_line');
  if (doc === 'not_object') return ctx.skip('not_object');
  emitSessionObject(doc, quiet, ctx);
}

export function emitSessionObject(doc: Json, quiet: boolean, ctx: ParseContext, include?: (index: number) => boolean): void {
  if (typeof doc.version !== 'number' || !KNOWN_VERSIONS.has(doc.version)) return ctx.skip('unsupported_version');
  const sessionId = str(doc.sessionId);
  if (sessionId === undefined) return ctx.skip('missing_fields');
  arr(doc.requests).forEach((r, index) => {
    const request = obj(r);
    if (request === undefined) return ctx.skip('missing_fields');
    if (include !== undefined && !include(index)) return;
    if (!quiet && !isFinalRequest(request)) return;
    for (const event of requestEvents(request, sessionId, ctx)) ctx.emit(event);
  });
}
