/**
 * Retention: raw rows live `retentionDays` (by `ts`); rollups and entities forever. If the database is still
 * larger than `maxDbMb`, raw retention is shortened a day at a time (down to one day) until it fits.
 */
import type { Database } from 'sql.js';
import { RAW_TABLES } from '../model/schema';
import { dbBytes } from './db';

const DAY_MS = 86_400_000;

export interface RetentionResult {
  deleted: number;
  /** The raw retention actually applied (shorter than asked when the size cap bit). */
  effectiveDays: number;
  bytesBefore: number;
  bytesAfter: number;
}

function deleteOlderThan(db: Database, cutoffTs: number): number {
  let n = 0;
  db.exec('BEGIN');
  try {
    for (const t of RAW_TABLES) {
      db.run(`DELETE FROM ${t} WHERE ts < ?`, [cutoffTs]);
      n += db.getRowsModified();
    }
    db.exec('COMMIT');
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
  if (n > 0) db.exec('PRAGMA incremental_vacuum');
  return n;
}

export function applyRetention(db: Database, retentionDays: number, maxDbMb: number, now = Date.now()): RetentionResult {
  const bytesBefore = dbBytes(db);
  let days = Math.max(1, Math.floor(retentionDays));
  let deleted = deleteOlderThan(db, now - days * DAY_MS);
  const cap = maxDbMb * 1024 * 1024;
  while (dbBytes(db) > cap && days > 1) {
    days--;
    deleted += deleteOlderThan(db, now - days * DAY_MS);
  }
  return { deleted, effectiveDays: days, bytesBefore, bytesAfter: dbBytes(db) };
}
