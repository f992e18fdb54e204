import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, open, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Database, Statement } from 'sql.js';
import { defaultWasmPath, loadSqlJs } from '../store/db';
import { applyWal, pageSizeOf } from '../util/sqlite-wal';

/**
 * Read-only access to another program's live SQLite database (Cursor's `state.vscdb`, OpenCode's `opencode.db`).
 * The program's files are never opened by SQLite here, so nothing of ours can lock, checkpoint or write them: the
 * database and its `-wal` are copied (read) while their sizes and times hold still, and the copy is read:
 * - with Node's built-in `node:sqlite` where the running Node has it (22.5+; code-server's host), from a copy in a
 *   temporary folder, where SQLite applies the log itself and rows stream from disk;
 * - else with sql.js, in memory, after the log's committed frames are applied in JS (`util/sqlite-wal.ts`).
 * What may be missed: a transaction the program commits after the copy (read at the next import), and one it was
 * still writing during the copy (never seen half-done). A database that is locked mid-write in rollback mode
 * (a hot `-journal`), keeps changing while copied, is not SQLite (encrypted), truncated or corrupt is reported as
 * a skip reason with a detail, never thrown.
 */
export type DbSkipReason = 'db_busy' | 'not_sqlite' | 'db_corrupt' | 'too_large' | 'unreadable';

export type Row = Record<string, unknown>;

export interface ForeignDb {
  engine: 'node:sqlite' | 'sql.js';
  /** Calls `fn` for each row (column name to value) in order; stops early when it returns false. Throws on SQL errors. */
  each(sql: string, params: readonly (string | number)[], fn: (row: Row) => boolean | void): void;
  all(sql: string, params?: readonly (string | number)[]): Row[];
  /** The names of the database's tables. */
  tables(): Set<string>;
  /** WAL frames applied by us (sql.js) and those ignored as an unfinished transaction; undefined with node:sqlite. */
  wal?: { frames: number; ignoredFrames: number };
  close(): Promise<void>;
}

export type OpenResult = { db: ForeignDb; signature: DbSignature } | { skip: DbSkipReason; detail: string };

/** Sizes and modification times of the database and its log: equal signatures mean nothing changed. */
export interface DbSignature {
  size: number;
  mtimeMs: number;
}

export interface OpenOptions {
  /** Databases larger than this are not loaded into memory by sql.js (node:sqlite reads from disk). */
  maxMemoryBytes: number;
  /** Use `node:sqlite` when the running Node has it (tests turn it off to exercise sql.js). */
  native?: boolean;
  /** sql.js's wasm; defaults to the one beside the bundle, else in node_modules. */
  wasmPath?: string;
}

const COPY_ATTEMPTS = 3;

/** The database's signature (db + wal sizes, newest mtime), or undefined when it cannot be read. */
export async function dbSignature(path: string): Promise<DbSignature | undefined> {
  try {
    const db = await stat(path);
    const wal = await stat(`${path}-wal`).catch(() => undefined);
    return { size: db.size + (wal?.size ?? 0), mtimeMs: Math.floor(Math.max(db.mtimeMs, wal?.mtimeMs ?? 0)) };
  } catch {
    return undefined;
  }
}

/** Opens a consistent copy of `path` for reading. Never throws. */
export async function openForeignDb(path: string, options: OpenOptions): Promise<OpenResult> {
  const sqlite = options.native === false ? undefined : nodeSqlite();
  for (let attempt = 0; attempt < COPY_ATTEMPTS; attempt++) {
    const before = await snapshot(path);
    if (before === undefined) return { skip: 'unreadable', detail: 'cannot stat the database' };
    if (before.hotJournal) return { skip: 'db_busy', detail: 'a write is in progress (rollback journal present)' };
    if (sqlite === undefined && before.signature.size > options.maxMemoryBytes) {
      return { skip: 'too_large', detail: `${before.signature.size} bytes exceed the in-memory limit (no node:sqlite in this Node)` };
    }
    const copied = sqlite !== undefined ? await copyToTemp(path) : await readBoth(path);
    if (typeof copied === 'string') return { skip: 'unreadable', detail: copied };
    const after = await snapshot(path);
    if (after !== undefined && same(before.signature, after.signature)) {
      return sqlite !== undefined ? openNative(sqlite, copied as TempCopy, before.signature) : openSqlJs(copied as Bytes, before.signature, options);
    }
    if ('dir' in copied) await rm(copied.dir, { recursive: true, force: true });
  }
  return { skip: 'db_busy', detail: `changed during ${COPY_ATTEMPTS} copies in a row` };
}

interface Bytes {
  db: Uint8Array;
  wal?: Uint8Array;
}

interface TempCopy {
  dir: string;
  file: string;
}

async function snapshot(path: string): Promise<{ signature: DbSignature; hotJournal: boolean } | undefined> {
  const signature = await dbSignature(path);
  if (signature === undefined) return undefined;
  const journal = await stat(`${path}-journal`).catch(() => undefined);
  return { signature, hotJournal: journal !== undefined && journal.size > 0 };
}

const same = (a: DbSignature, b: DbSignature): boolean => a.size === b.size && a.mtimeMs === b.mtimeMs;

async function readBoth(path: string): Promise<Bytes | string> {
  try {
    // Views of the bytes read, not copies: a database can be hundreds of MB, and sql.js copies it once more anyway.
    const db = bytesOf(await readFile(path));
    // The log may be gone by now (checkpointed and deleted when the program closed): then there is none.
    const wal = await readFile(`${path}-wal`).then(bytesOf, () => undefined);
    return { db, wal };
  } catch (err) {
    return `cannot read: ${(err as Error).message}`;
  }
}

const bytesOf = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

async function copyToTemp(path: string): Promise<TempCopy | string> {
  const dir = await mkdtemp(join(tmpdir(), 'ala-db-'));
  const file = join(dir, basename(path));
  try {
    await copyFile(path, file);
    if (existsSync(`${path}-wal`)) await copyFile(`${path}-wal`, `${file}-wal`);
    return { dir, file };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    return `cannot copy: ${(err as Error).message}`;
  }
}

async function checkHeader(file: string | Uint8Array): Promise<{ skip: DbSkipReason; detail: string } | undefined> {
  const head = typeof file === 'string' ? await firstBytes(file, 100) : file;
  if (pageSizeOf(head) === undefined) return { skip: 'not_sqlite', detail: 'no SQLite header (encrypted, or another format)' };
  return undefined;
}

/** The first `n` bytes of a file (fewer when it is shorter): the header, without reading the whole copy again. */
async function firstBytes(file: string, n: number): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await handle.read(buf, 0, n, 0);
    return new Uint8Array(buf.buffer, buf.byteOffset, bytesRead);
  } finally {
    await handle.close();
  }
}

async function openSqlJs(bytes: Bytes, signature: DbSignature, options: OpenOptions): Promise<OpenResult> {
  const bad = await checkHeader(bytes.db);
  if (bad !== undefined) return bad;
  const applied = applyWal(bytes.db, bytes.wal);
  const pageSize = pageSizeOf(applied.bytes)!;
  const truncated = truncation(applied.bytes, pageSize);
  if (truncated !== undefined) return { skip: 'db_corrupt', detail: truncated };
  const SQL = await loadSqlJs(options.wasmPath ?? wasmBeside());
  let db: Database;
  try {
    db = new SQL.Database(applied.bytes);
    db.exec('PRAGMA query_only = 1');
    db.exec('SELECT count(*) FROM sqlite_master');
  } catch (err) {
    return { skip: 'db_corrupt', detail: (err as Error).message };
  }
  // Prepared statements kept per SQL text and reset between uses: the readers run the same two or three queries once
  // per conversation (thousands of times), and preparing one costs about as much as the rows it then reads. A
  // statement still being stepped (a query run from inside its own row callback) is not shared: that call prepares its own.
  const prepared = new Map<string, { stmt: Statement; busy: boolean }>();
  const each: ForeignDb['each'] = (sql, params, fn) => {
    let kept = prepared.get(sql);
    if (kept === undefined) prepared.set(sql, (kept = { stmt: db.prepare(sql), busy: false }));
    const own = kept.busy;
    const stmt = own ? db.prepare(sql) : kept.stmt;
    if (!own) kept.busy = true;
    try {
      stmt.bind([...params]);
      // The column names once per statement, not once per row as `getAsObject` asks the engine for them.
      let names: string[] | undefined;
      while (stmt.step()) {
        names ??= stmt.getColumnNames();
        const values = stmt.get();
        const row: Row = {};
        for (let i = 0; i < names.length; i++) row[names[i]] = values[i];
        if (fn(row) === false) break;
      }
    } finally {
      if (own) stmt.free();
      else {
        stmt.reset();
        kept.busy = false;
      }
    }
  };
  const close = (): Promise<void> => {
    for (const { stmt } of prepared.values()) stmt.free();
    prepared.clear();
    db.close();
    return Promise.resolve();
  };
  return { signature, db: withHelpers('sql.js', each, close, { frames: applied.frames, ignoredFrames: applied.ignoredFrames }) };
}

/**
 * Why a database image is cut short, if it is: not a whole number of pages, or fewer pages than its header
 * says (the header's page count is trusted only when its "valid-for" number equals the change counter).
 */
export function truncation(bytes: Uint8Array, pageSize: number): string | undefined {
  if (bytes.length % pageSize !== 0) return `truncated: ${bytes.length} bytes is not a whole number of ${pageSize}-byte pages`;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pages = view.getUint32(28);
  const headerValid = view.getUint32(92) === view.getUint32(24);
  if (headerValid && pages > 0 && bytes.length < pages * pageSize) return `truncated: ${bytes.length / pageSize} of ${pages} pages`;
  return undefined;
}

/** The subset of `node:sqlite` used here (typed locally: @types/node 20 does not declare it). */
interface NodeSqlite {
  DatabaseSync: new (path: string, options?: { readOnly?: boolean }) => {
    prepare(sql: string): { iterate(...params: unknown[]): IterableIterator<Row> };
    exec(sql: string): void;
    close(): void;
  };
}

function nodeSqlite(): NodeSqlite | undefined {
  try {
    const get = (process as unknown as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
    return get?.('node:sqlite') as NodeSqlite | undefined;
  } catch {
    return undefined;
  }
}

async function openNative(sqlite: NodeSqlite, copy: TempCopy, signature: DbSignature): Promise<OpenResult> {
  const cleanup = () => rm(copy.dir, { recursive: true, force: true });
  const bad = await checkHeader(copy.file);
  if (bad !== undefined) {
    await cleanup();
    return bad;
  }
  let db: InstanceType<NodeSqlite['DatabaseSync']>;
  try {
    // The copy is ours: SQLite may apply its log there. Nothing reaches the program's own files.
    db = new sqlite.DatabaseSync(copy.file);
    db.exec('PRAGMA query_only = 1');
    db.prepare('SELECT count(*) FROM sqlite_master').iterate().next();
  } catch (err) {
    await cleanup();
    return { skip: 'db_corrupt', detail: (err as Error).message };
  }
  const each: ForeignDb['each'] = (sql, params, fn) => {
    for (const row of db.prepare(sql).iterate(...params)) if (fn(row) === false) break;
  };
  return { signature, db: withHelpers('node:sqlite', each, async () => { db.close(); await cleanup(); }) };
}

function withHelpers(engine: ForeignDb['engine'], each: ForeignDb['each'], close: () => Promise<void>, wal?: ForeignDb['wal']): ForeignDb {
  return {
    engine, each, close, wal,
    all(sql, params = []) {
      const rows: Row[] = [];
      each(sql, params, (r) => void rows.push(r));
      return rows;
    },
    tables() {
      const names = new Set<string>();
      each("SELECT name FROM sqlite_master WHERE type = 'table'", [], (r) => void names.add(String(r.name)));
      return names;
    },
  };
}

/** sql.js's wasm beside the bundle (`dist/sql-wasm.wasm`), else the one in node_modules (tests under tsx). */
function wasmBeside(): string {
  const beside = join(__dirname, 'sql-wasm.wasm');
  return existsSync(beside) ? beside : defaultWasmPath();
}
