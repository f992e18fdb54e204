import { createRequire } from 'node:module';

/**
 * Real SQLite as the *writer* of test databases (the other program's side): better-sqlite3 (a dev dependency,
 * built for the Node that `npm ci` ran on), else Node's own `node:sqlite` (Node 22.5+). Typed here because
 * better-sqlite3 ships no types and @types/node 20 does not declare `node:sqlite`.
 */
export interface WriterDb {
  exec(sql: string): void;
  prepare(sql: string): { run(...params: unknown[]): unknown; all(...params: unknown[]): Record<string, unknown>[] };
  close(): void;
}

type Ctor = new (path: string) => WriterDb;

function better(): Ctor | undefined {
  try {
    const D = createRequire(__filename)('better-sqlite3') as Ctor;
    new D(':memory:').close();
    return D;
  } catch {
    return undefined;
  }
}

function nodeSqlite(): Ctor | undefined {
  const get = (process as unknown as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  return (get?.('node:sqlite') as { DatabaseSync?: Ctor } | undefined)?.DatabaseSync;
}

/** Which writer this Node has, better-sqlite3 first. */
export const writerKind: 'better-sqlite3' | 'node:sqlite' | undefined = better() !== undefined ? 'better-sqlite3' : nodeSqlite() !== undefined ? 'node:sqlite' : undefined;

/** Opens (creates) a database with real SQLite. Throws when this Node has neither. */
export function openWriter(path: string): WriterDb {
  const C = better() ?? nodeSqlite();
  if (C === undefined) throw new Error('neither better-sqlite3 nor node:sqlite loads in this Node');
  return new C(path);
}

/** True when `node:sqlite` is built in (the reader's native engine). */
export const hasNodeSqlite = nodeSqlite() !== undefined;

/**
 * Opens a WAL database that is never checkpointed while open: committed rows stay in the `-wal` file, as in a
 * running Cursor or OpenCode.
 */
export function openWalWriter(path: string): WriterDb {
  const db = openWriter(path);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA wal_autocheckpoint = 0');
  return db;
}
