import type { RecordedEvent } from '../model/events';
import { dbSignature, openForeignDb } from './foreign-db';
import type { ForeignDb } from './foreign-db';
import { cursorEvent, makeContext, result } from './jsonl-driver';
import type { FileCursor, FileImportResult, ImportFormat, ImportOptions, ParseContext } from './types';

/**
 * What a database reader returns: the high-water mark to resume after (a rowid or a time, the reader's own
 * meaning, stored as the cursor's `offset`), and whether something was held back to be read again later.
 */
export interface DbReadOutcome {
  offset: number;
  pending: boolean;
}

/**
 * Reads the rows after `since` (0 at first) and emits their events through `ctx`. It may throw on SQL errors
 * (a damaged page met mid-read, a column another version dropped): the driver counts that as a skip.
 */
export type DbReader = (db: ForeignDb, ctx: ParseContext, since: number) => DbReadOutcome;

/**
 * Imports one SQLite database of another program from its cursor, through a read-only copy (`foreign-db.ts`).
 * The cursor's `size`/`mtimeMs` are the database's and its log's (unchanged: nothing is read); `offset` is the
 * reader's high-water mark. A database that cannot be opened is a counted skip and keeps its old cursor; held-back
 * rows leave the cursor's time at 0 so the next run reads again even if nothing changed. Never throws.
 */
export async function importDatabase(
  path: string,
  format: ImportFormat,
  cursor: FileCursor | undefined,
  options: ImportOptions,
  sink: (event: RecordedEvent) => void,
  reader: DbReader,
  cancelled?: () => boolean,
): Promise<FileImportResult> {
  const ctx = makeContext(path, options, sink, cancelled);
  const old = cursor ?? { fileKey: ctx.fileKey, size: 0, mtimeMs: 0, offset: 0 };
  const signature = await dbSignature(path);
  if (signature === undefined) {
    ctx.skip('unreadable');
    return { ...result(path, format, false, ctx, old), pending: false };
  }
  if (cursor !== undefined && cursor.size === signature.size && cursor.mtimeMs === signature.mtimeMs) {
    return { ...result(path, format, true, ctx, cursor), pending: false };
  }
  ctx.fileMtimeMs = signature.mtimeMs;
  const opened = await openForeignDb(path, { maxMemoryBytes: options.maxDatabaseBytes, native: options.nativeSqlite });
  if ('skip' in opened) {
    ctx.skip(opened.skip);
    return { ...result(path, format, false, ctx, old), pending: opened.skip === 'db_busy' };
  }
  // A database rewritten smaller (VACUUM renumbers rowids) is read again from the start: ids dedupe.
  const since = cursor !== undefined && signature.size >= cursor.size ? cursor.offset : 0;
  let outcome: DbReadOutcome = { offset: since, pending: false };
  try {
    outcome = reader(opened.db, ctx, since);
  } catch {
    ctx.skip('db_corrupt');
  } finally {
    await opened.db.close();
  }
  if (cancelled?.() === true) return { ...result(path, format, false, ctx, old), pending: true };
  const next: FileCursor = { fileKey: ctx.fileKey, size: signature.size, mtimeMs: outcome.pending ? 0 : signature.mtimeMs, offset: outcome.offset };
  sink(cursorEvent(format, next, options.now()));
  return { ...result(path, format, false, ctx, next), pending: outcome.pending };
}

/** The text of a key-value value: SQLite hands back TEXT as a string and BLOB as bytes (Cursor stores JSON in both). */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
  return undefined;
}

/** Parses a JSON object value; undefined (counted by the caller) when it is not one. */
export function jsonValue(value: unknown): Record<string, unknown> | undefined {
  const text = textOf(value);
  if (text === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
