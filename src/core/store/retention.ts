/**
 * Retention. Raw edit-level rows live `retentionDays` (by `ts`); rollups, entities and interaction history
 * (one row per AI request) forever. While the database is larger than `maxDbMb`, the cap removes, in order:
 *   1. raw edit-level rows, shortening their retention a day at a time down to one day;
 *   2. the prompt text stored with interactions (only present when the user opted in), oldest month first;
 *   3. interactions themselves, oldest month first (the daily rollups keep their totals on the dashboard).
 * The order is what the Storage settings promise; `retention.test.ts` checks it.
 */
import type { Database, SqlValue } from 'sql.js';
import { HISTORY_TABLE, RAW_TABLES } from '../model/schema';
import { dbBytes, scalar } from './db';

const DAY_MS = 86_400_000;
/** How much older history one step of the cap removes. */
const HISTORY_STEP_MS = 30 * DAY_MS;

export interface RetentionResult {
  /** Raw rows deleted. */
  deleted: number;
  /** The raw retention actually applied (shorter than asked when the size cap bit). */
  effectiveDays: number;
  /** Interactions whose prompt text the cap removed. */
  promptsCleared: number;
  /** Interactions the cap deleted. */
  interactionsDeleted: number;
  bytesBefore: number;
  bytesAfter: number;
}

/** Runs `statements` in one transaction and returns the rows they changed, then frees the pages. */
function change(db: Database, statements: [string, SqlValue[]][]): number {
  let n = 0;
  db.exec('BEGIN');
  try {
    for (const [sql, params] of statements) {
      db.run(sql, params);
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

function deleteRawOlderThan(db: Database, cutoffTs: number): number {
  return change(db, RAW_TABLES.map((t) => [`DELETE FROM ${t} WHERE ts < ?`, [cutoffTs]]));
}

/** Applies one history step of the cap (`sql` with the cutoff) until under `cap` or nothing is left; rows changed. */
function trimHistory(db: Database, cap: number, where: string, sql: string): number {
  let n = 0;
  while (dbBytes(db) > cap) {
    const oldest = scalar(db, `SELECT min(ts) FROM ${HISTORY_TABLE} WHERE ${where}`);
    if (typeof oldest !== 'number') break;
    n += change(db, [[sql, [oldest + HISTORY_STEP_MS]]]);
  }
  return n;
}

export function applyRetention(db: Database, retentionDays: number, maxDbMb: number, now = Date.now()): RetentionResult {
  const bytesBefore = dbBytes(db);
  let days = Math.max(1, Math.floor(retentionDays));
  let deleted = deleteRawOlderThan(db, now - days * DAY_MS);
  const cap = maxDbMb * 1024 * 1024;
  while (dbBytes(db) > cap && days > 1) {
    days--;
    deleted += deleteRawOlderThan(db, now - days * DAY_MS);
  }
  const promptsCleared = trimHistory(db, cap, 'prompt IS NOT NULL',
    `UPDATE ${HISTORY_TABLE} SET prompt = NULL WHERE prompt IS NOT NULL AND ts < ?`);
  const interactionsDeleted = trimHistory(db, cap, '1', `DELETE FROM ${HISTORY_TABLE} WHERE ts < ?`);
  return { deleted, effectiveDays: days, promptsCleared, interactionsDeleted, bytesBefore, bytesAfter: dbBytes(db) };
}
