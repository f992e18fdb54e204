/**
 * Snapshots: the whole database exported by the worker, written as `snap-<gen>.db` via temp file, fsync,
 * rename, fsync(dir). Beside it, `snap-<gen>.hwm.json` holds the writers' high-water marks it covers (journal
 * GC and the multi-window rules in `rebase.ts` read those) and the database file's length and crc32; it is
 * written first, so a generation never exists without it. Two generations are kept.
 *
 * Loading verifies the checksum (every single-bit flip and every burst up to 32 bits is caught, so damage can
 * no longer change a stored value silently), then the SQLite header against the size and `PRAGMA
 * quick_check`, and falls back to the older generation. The database file itself stays a plain SQLite file,
 * so an older version of the extension still opens it (read-only, by its schema version). Marks without a
 * checksum (written before it existed, or damaged) leave the header and `quick_check` to judge.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SqlJsStatic } from 'sql.js';
import { openDb, scalar } from './db';
import { crc32 } from './record';
import type { OpenedDb } from './db';
import type { StoreLog } from './log';

/** Points inside `writeSnapshot` where a test can kill the process. */
export type SnapshotStep = 'tmp-half' | 'tmp-synced' | 'renamed' | 'dir-synced' | 'before-gc';

const SNAP_RE = /^snap-(\d{10})\.db$/;
const MARKS_RE = /^snap-(\d{10})\.hwm\.json$/;
const STALE_TMP_MS = 60_000;

export function snapshotPath(dir: string, gen: number): string {
  return path.join(dir, `snap-${String(gen).padStart(10, '0')}.db`);
}

function hwmPath(dir: string, gen: number): string {
  return snapshotPath(dir, gen).replace(/\.db$/, '.hwm.json');
}

/** Generations present, newest first. */
export function listGenerations(dir: string): number[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names.map((n) => SNAP_RE.exec(n)).filter((m) => m !== null).map((m) => Number(m[1])).sort((a, b) => b - a);
}

function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return; // directories cannot be fsynced there
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function writeAtomic(file: string, tmp: string, data: Uint8Array, step?: (s: SnapshotStep) => void): void {
  const fd = fs.openSync(tmp, 'w');
  try {
    const half = Math.floor(data.length / 2);
    fs.writeSync(fd, data, 0, half);
    step?.('tmp-half');
    fs.writeSync(fd, data, half, data.length - half);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  step?.('tmp-synced');
  fs.renameSync(tmp, file);
}

/** Writes the marks (coverage and checksum) of generation `gen`, then the generation itself, atomically. */
export function writeSnapshot(
  dir: string, gen: number, bytes: Uint8Array, hwm: ReadonlyMap<string, number>, tag: string,
  step?: (s: SnapshotStep) => void, epoch = 0,
): void {
  fs.mkdirSync(dir, { recursive: true });
  const marks = Buffer.from(JSON.stringify({ gen, hwm: Object.fromEntries(hwm), bytes: bytes.length, crc32: crc32(bytes), epoch }));
  writeAtomic(hwmPath(dir, gen), `${hwmPath(dir, gen)}.${tag}.tmp`, marks);
  const file = snapshotPath(dir, gen);
  writeAtomic(file, `${file}.${tag}.tmp`, bytes, step);
  step?.('renamed');
  fsyncDir(dir);
  step?.('dir-synced');
}

interface Sidecar {
  hwm: Map<string, number>;
  /** Length and crc32 of the database file (absent in marks written before checksums). */
  check?: { bytes: number; crc32: number };
  /** The delete epoch it was built under (epoch.ts; 0 in marks written before epochs). */
  epoch: number;
}

function readSidecar(dir: string, gen: number): Sidecar | null {
  try {
    const v = JSON.parse(fs.readFileSync(hwmPath(dir, gen), 'utf8')) as { gen?: unknown; hwm?: unknown; bytes?: unknown; crc32?: unknown; epoch?: unknown };
    if (v.gen !== gen || typeof v.hwm !== 'object' || v.hwm === null) return null;
    const hwm = new Map<string, number>();
    for (const [w, s] of Object.entries(v.hwm)) {
      if (typeof s !== 'number' || !Number.isSafeInteger(s)) return null;
      hwm.set(w, s);
    }
    const check = typeof v.bytes === 'number' && typeof v.crc32 === 'number' ? { bytes: v.bytes, crc32: v.crc32 } : undefined;
    return { hwm, check, epoch: typeof v.epoch === 'number' ? v.epoch : 0 };
  } catch {
    return null;
  }
}

/** The high-water marks a generation covers; null when its marks file is missing or damaged. */
export function readMarks(dir: string, gen: number): Map<string, number> | null {
  return readSidecar(dir, gen)?.hwm ?? null;
}

/** Why `bytes` are not the file the marks of `gen` describe, or null (also when there is no checksum). */
export function checksumProblem(dir: string, gen: number, bytes: Uint8Array): string | null {
  const check = readSidecar(dir, gen)?.check;
  if (!check) return null;
  if (check.bytes !== bytes.length) return `file has ${bytes.length} B, its marks say ${check.bytes}`;
  return crc32(bytes) === check.crc32 ? null : 'checksum mismatch';
}

/** The high-water marks a generation covers; empty (covers nothing: GC deletes nothing) when unreadable. */
export function readCoverage(dir: string, gen: number): Map<string, number> {
  return readMarks(dir, gen) ?? new Map<string, number>();
}

/** Why the bytes are not a whole SQLite database, or null when the header matches the size. */
export function headerProblem(b: Uint8Array): string | null {
  if (b.length < 100) return `file has ${b.length} bytes`;
  const buf = Buffer.from(b.buffer, b.byteOffset, b.length);
  if (buf.toString('latin1', 0, 16) !== 'SQLite format 3\u0000') return 'no SQLite header';
  const raw = buf.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  const pages = buf.readUInt32BE(28);
  if (pages * pageSize !== b.length) return `header says ${pages} pages of ${pageSize} B, file has ${b.length} B`;
  return null;
}

/**
 * Loads the newest valid generation (older ones as fallback); null when there is none. A generation built
 * under an epoch older than `epoch` holds data deleted since (a window that had not yet heard of the delete
 * wrote it): it is removed, never loaded.
 */
export function loadNewest(SQL: SqlJsStatic, dir: string, log: StoreLog, epoch = 0): { gen: number; opened: OpenedDb } | null {
  for (const gen of listGenerations(dir)) {
    const file = snapshotPath(dir, gen);
    const built = readSidecar(dir, gen)?.epoch ?? 0;
    if (built < epoch) {
      log.warn(`store: snapshot ${path.basename(file)} was written before Delete All Data (epoch ${built} < ${epoch}); removed`);
      removeGeneration(dir, gen);
      continue;
    }
    try {
      const bytes = fs.readFileSync(file);
      const problem = checksumProblem(dir, gen, bytes) ?? headerProblem(bytes);
      if (problem) throw new Error(problem);
      const opened = openDb(SQL, bytes);
      const check = scalar(opened.db, 'PRAGMA quick_check');
      if (check !== 'ok') {
        opened.db.close();
        throw new Error(`quick_check: ${String(check)}`);
      }
      return { gen, opened };
    } catch (err) {
      log.warn(`store: snapshot ${path.basename(file)} is unusable (${err instanceof Error ? err.message : String(err)}); trying the previous one`);
    }
  }
  return null;
}

/** Removes one generation: its database and its marks. */
export function removeGeneration(dir: string, gen: number): void {
  rmQuiet(snapshotPath(dir, gen));
  rmQuiet(hwmPath(dir, gen));
}

/** Removes generations older than the newest `keep`, and temp files abandoned by a crash. */
export function pruneSnapshots(dir: string, keep: number): void {
  const gens = listGenerations(dir);
  for (const gen of gens.slice(keep)) removeGeneration(dir, gen);
  // Marks of a generation whose database never arrived (a crash between the two writes), older than the newest.
  const kept = new Set(gens.slice(0, keep));
  for (const name of safeList(dir)) {
    const m = MARKS_RE.exec(name);
    if (m && !kept.has(Number(m[1])) && Number(m[1]) < (gens[0] ?? 0)) rmQuiet(path.join(dir, name));
  }
  removeStaleTmp(dir, STALE_TMP_MS);
}

function safeList(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/** Deletes `*.tmp` files older than `ageMs` (a live owner's temp file is younger). */
export function removeStaleTmp(dir: string, ageMs: number): number {
  let n = 0;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names.filter((x) => x.endsWith('.tmp'))) {
    const p = path.join(dir, name);
    try {
      if (Date.now() - fs.statSync(p).mtimeMs >= ageMs) {
        fs.rmSync(p, { force: true });
        n++;
      }
    } catch {
      // gone already
    }
  }
  return n;
}

export function rmQuiet(p: string): void {
  try {
    fs.rmSync(p, { force: true });
  } catch {
    // Windows may refuse while another process holds it open; a later GC retries.
  }
}
