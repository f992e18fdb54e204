import { open, stat } from 'node:fs/promises';
import type { ImportCursorEvent, RecordedEvent } from '../model/events';
import { shortHash } from '../util/hash';
import { readLines } from './line-reader';
import { parseObject } from './parse-util';
import { enforceBounds } from './value-bounds';
import type { Json } from './parse-util';
import type { FileCursor, FileImportResult, ImportFormat, ImportOptions, ParseContext, SkipReason } from './types';
import { FORMAT_TOOL } from './types';

/**
 * A streaming parser of one append-only log file. `line` gets each parsed object with its byte range;
 * `finish` flushes what is still open and says where the next read must start: at end of file when
 * everything was final, or earlier (the start of a turn still being written) so that turn is read whole
 * next time. Re-emitting a record gives the same id, which the store dedupes.
 */
export interface LineParser {
  line(value: Json, start: number, end: number): void;
  finish(quiet: boolean, endOffset: number): number;
}

/** Parsers of text (not JSON) lines, e.g. Aider's Markdown. */
export interface TextLineParser {
  text(line: string, start: number, end: number): void;
  finish(quiet: boolean, endOffset: number): number;
}

/** Builds a parser; `resumeAt` is where new data starts (0 for a new or rewritten file). */
export type ParserFactory = (ctx: ParseContext, resumeAt: number) => LineParser | TextLineParser;

/** A stable key for a file's cursor that does not store its path. */
export function fileKeyFor(path: string): string {
  return shortHash(`file:${path}`);
}

/** Shared bookkeeping: counts records and skips, enforces value bounds (counting what it rejects), remembers the last record id. */
export function makeContext(
  path: string,
  options: ImportOptions,
  sink: (event: RecordedEvent) => void,
  cancelled?: () => boolean,
): ParseContext & { records: number; skipped: Partial<Record<SkipReason, number>>; rejected: Partial<Record<string, number>>; lastId?: string } {
  const ctx = {
    options,
    cancelled,
    fileMtimeMs: undefined as number | undefined,
    fileKey: fileKeyFor(path),
    records: 0,
    skipped: {} as Partial<Record<SkipReason, number>>,
    rejected: {} as Partial<Record<string, number>>,
    lastId: undefined as string | undefined,
    emit(event: RecordedEvent): void {
      const rejected = enforceBounds(event, ctx.fileMtimeMs);
      if (rejected === null) return ctx.skip('absurd_value');
      for (const field of rejected) ctx.rejected[field] = (ctx.rejected[field] ?? 0) + 1;
      ctx.records++;
      if ('id' in event) ctx.lastId = event.id;
      sink(event);
    },
    skip(reason: SkipReason, count = 1): void {
      if (count > 0) ctx.skipped[reason] = (ctx.skipped[reason] ?? 0) + count;
    },
  };
  return ctx;
}

/** True when the cursor says the file has not changed since it was fully read. */
export function isUnchanged(cursor: FileCursor | undefined, size: number, mtimeMs: number): boolean {
  return cursor !== undefined && cursor.size === size && cursor.mtimeMs === mtimeMs && cursor.offset >= size;
}

/**
 * Imports one append-only file from its cursor. Appends an `import_cursor` event at the end (also when
 * nothing changed it is not written). Never throws for bad content; an unreadable file is a counted skip.
 */
export async function importLogFile(
  path: string,
  format: ImportFormat,
  cursor: FileCursor | undefined,
  options: ImportOptions,
  sink: (event: RecordedEvent) => void,
  factory: ParserFactory,
  cancelled?: () => boolean,
  replayFromStart = false,
): Promise<FileImportResult> {
  const ctx = makeContext(path, options, sink, cancelled);
  let info;
  let head: string;
  try {
    info = await stat(path);
    head = await headHash(path, info.size);
  } catch {
    ctx.skip('unreadable');
    return result(path, format, false, ctx, cursor ?? { fileKey: ctx.fileKey, size: 0, mtimeMs: 0, offset: 0 });
  }
  const size = info.size;
  const mtimeMs = Math.floor(info.mtimeMs);
  ctx.fileMtimeMs = mtimeMs;
  if (isUnchanged(cursor, size, mtimeMs)) return result(path, format, true, ctx, cursor!);
  // A file that shrank or whose first bytes changed was replaced: read it again from the start (ids dedupe).
  const sameFile = cursor !== undefined && cursor.offset <= size && (cursor.headHash === undefined || cursor.headHash === head);
  const resumeAt = sameFile ? cursor.offset : 0;
  const start = replayFromStart ? 0 : resumeAt;
  const quiet = mtimeMs <= options.now() - options.quietMs;
  const parser = factory(ctx, resumeAt);
  const feed = makeFeeder(parser, ctx);
  let offset = start;
  try {
    const read = await readLines(path, { start, maxLineBytes: options.maxLineBytes, cancelled }, feed);
    ctx.skip('line_too_long', read.tooLong);
    let endOffset = read.endOffset;
    if (read.tail !== undefined && quiet) {
      feed(read.tail.text, read.tail.start, size, true);
      endOffset = size;
    }
    offset = cancelled?.() === true ? start : parser.finish(quiet, endOffset);
  } catch {
    ctx.skip('unreadable');
  }
  const next: FileCursor = { fileKey: ctx.fileKey, size, mtimeMs, offset, headHash: head, ...(ctx.lastId !== undefined ? { lastRecordId: ctx.lastId } : {}) };
  sink(cursorEvent(format, next, options.now()));
  return result(path, format, false, ctx, next);
}

/** Hash of a file's first KiB: tells an appended file from a rewritten one. */
export async function headHash(path: string, size: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(Math.min(size, HEAD_BYTES));
    await handle.read(buf, 0, buf.length, 0);
    return shortHash(buf.toString('latin1'));
  } finally {
    await handle.close();
  }
}

const HEAD_BYTES = 1024;

function makeFeeder(parser: LineParser | TextLineParser, ctx: ParseContext) {
  if ('text' in parser) {
    return (line: string, start: number, end: number): void => parser.text(line, start, end);
  }
  return (line: string, start: number, end: number, isTail = false): void => {
    if (line.length === 0 || (line.length < 4 && line.trim() === '')) return;
    const value = parseObject(line);
    if (value === 'not_json') ctx.skip(isTail ? 'truncated_line' : 'not_json');
    else if (value === 'not_object') ctx.skip('not_object');
    else parser.line(value, start, end);
  };
}

/** The `import_cursor` event recording a file's new cursor (not counted as a record). */
export function cursorEvent(format: ImportFormat, cursor: FileCursor, now: number): ImportCursorEvent {
  return { kind: 'import_cursor', ts: now, source: FORMAT_TOOL[format], ...cursor };
}

export function result(
  path: string,
  format: ImportFormat,
  unchanged: boolean,
  ctx: { records: number; skipped: Partial<Record<SkipReason, number>>; rejected: Partial<Record<string, number>> },
  cursor: FileCursor,
): FileImportResult {
  return { path, format, unchanged, records: ctx.records, skipped: ctx.skipped, rejected: ctx.rejected, cursor };
}
