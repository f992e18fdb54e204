/** Opening the sql.js database: load the wasm once, apply migrations, refuse to write a newer schema. */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import initSqlJs from 'sql.js';
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../model/schema';

let cached: { wasmPath: string; sql: Promise<SqlJsStatic> } | undefined;

/** The wasm next to sql.js in node_modules (unit tests, benchmarks); the bundle passes `dist/sql-wasm.wasm`. */
export function defaultWasmPath(): string {
  return createRequire(__filename).resolve('sql.js/dist/sql-wasm.wasm');
}

/** Loads sql.js once per thread. */
export function loadSqlJs(wasmPath = defaultWasmPath()): Promise<SqlJsStatic> {
  if (!cached || cached.wasmPath !== wasmPath) {
    const wasmBinary = fs.readFileSync(wasmPath);
    cached = { wasmPath, sql: initSqlJs({ wasmBinary }) };
  }
  return cached.sql;
}

export interface OpenedDb {
  db: Database;
  /** The database's schema version after opening. */
  version: number;
  /** Set when the database was written by a newer schema: nothing is written to it. */
  readOnlyReason?: string;
}

/** Opens `bytes` (or a new database) and migrates it to `SCHEMA_VERSION`. */
export function openDb(SQL: SqlJsStatic, bytes?: Uint8Array): OpenedDb {
  const db = new SQL.Database(bytes ?? null);
  db.exec('PRAGMA journal_mode=MEMORY; PRAGMA foreign_keys=OFF;');
  const version = scalar(db, 'PRAGMA user_version') as number;
  if (version > SCHEMA_VERSION) {
    return {
      db, version,
      readOnlyReason: `the database was written by a newer version of this extension (schema ${version}, this one knows ${SCHEMA_VERSION}); it is opened read-only and left untouched`,
    };
  }
  if (version === 0) db.exec('PRAGMA auto_vacuum=INCREMENTAL; VACUUM;');
  for (const m of MIGRATIONS) {
    if (m.version <= version) continue;
    db.exec('BEGIN');
    try {
      db.exec(m.sql);
      db.exec(`PRAGMA user_version=${m.version}`);
      db.exec('COMMIT');
    } catch (err) {
      db.exec('ROLLBACK');
      throw err;
    }
  }
  return { db, version: SCHEMA_VERSION };
}

/** First column of the first row, or null. */
export function scalar(db: Database, sql: string, params: SqlValue[] = []): SqlValue {
  const st = db.prepare(sql);
  try {
    st.bind(params);
    return st.step() ? (st.get()[0] ?? null) : null;
  } finally {
    st.free();
  }
}

/** All rows as objects. */
export function all<T>(db: Database, sql: string, params: SqlValue[] = []): T[] {
  const st = db.prepare(sql);
  try {
    st.bind(params);
    const rows: T[] = [];
    while (st.step()) rows.push(st.getAsObject() as T);
    return rows;
  } finally {
    st.free();
  }
}

/** Bytes the database occupies (page_count * page_size). */
export function dbBytes(db: Database): number {
  return (scalar(db, 'PRAGMA page_count') as number) * (scalar(db, 'PRAGMA page_size') as number);
}
