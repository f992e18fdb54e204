import { readFile, stat } from 'node:fs/promises';
import type { RecordedEvent } from '../model/events';
import { cursorEvent, isUnchanged, makeContext, result } from './jsonl-driver';
import type { FileCursor, FileImportResult, ImportFormat, ImportOptions, ParseContext } from './types';

/**
 * A whole file as text, decoded once: `readFile(path, 'utf8')` decodes Node 20's 512 KiB chunks one by one and joins
 * the pieces, which cost a third of reading and parsing a 5 MB document (the string is the same).
 */
export async function readUtf8(path: string): Promise<string> {
  return (await readFile(path)).toString('utf8');
}

/**
 * Emits the records of one whole document. `quiet` is false while the file is still being written: the
 * emitter then holds its open turn back (the document is read whole again once quiet).
 */
export type DocumentEmitter = (text: string, quiet: boolean, ctx: ParseContext) => void | Promise<void>;

/**
 * The driver of the formats a tool rewrites whole (Copilot's `.json` sessions, Amp threads, Cline's
 * `ui_messages.json`, Gemini's `.json` sessions): a file whose size and mtime are unchanged since the cursor
 * is not read; a changed one is read whole (up to `maxDocumentBytes`, else skipped as too large) and every
 * record re-emitted, ids being stable so the store dedupes. A document modified within `quietMs` keeps its
 * cursor offset at 0, so it is read whole again once quiet. Never throws: an unreadable file is counted.
 */
export async function importDocument(
  path: string,
  format: ImportFormat,
  cursor: FileCursor | undefined,
  options: ImportOptions,
  sink: (event: RecordedEvent) => void,
  emit: DocumentEmitter,
): Promise<FileImportResult> {
  const ctx = makeContext(path, options, sink);
  let size = 0;
  let mtimeMs = 0;
  let quiet = true;
  try {
    const info = await stat(path);
    size = info.size;
    mtimeMs = Math.floor(info.mtimeMs);
    ctx.fileMtimeMs = mtimeMs;
    if (isUnchanged(cursor, size, mtimeMs)) return result(path, format, true, ctx, cursor!);
    if (size > options.maxDocumentBytes) ctx.skip('too_large');
    else {
      quiet = mtimeMs <= options.now() - options.quietMs;
      await emit(await readUtf8(path), quiet, ctx);
    }
  } catch {
    ctx.skip('unreadable');
  }
  const next: FileCursor = { fileKey: ctx.fileKey, size, mtimeMs, offset: quiet ? size : 0, ...(ctx.lastId !== undefined ? { lastRecordId: ctx.lastId } : {}) };
  sink(cursorEvent(format, next, options.now()));
  return result(path, format, false, ctx, next);
}
