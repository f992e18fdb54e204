/**
 * Applies a SQLite write-ahead log to a copy of its database, in memory: what a checkpoint would write, done
 * in JS because sql.js runs SQLite on an in-memory file system with no way to place a `-wal` file beside the
 * database it opens (and the other program's own files must never be written). Format:
 * https://www.sqlite.org/fileformat2.html#the_write_ahead_log (a 32-byte header, then frames of a 24-byte
 * header and one page). Only frames up to the last valid commit frame are applied: their salts match the
 * header's and the running checksum holds. A frame past that (a transaction still being written) is ignored,
 * exactly as SQLite's own readers ignore it.
 */

const WAL_MAGIC_LE = 0x377f0682;
const WAL_MAGIC_BE = 0x377f0683;
const WAL_HEADER = 32;
const FRAME_HEADER = 24;

export interface WalResult {
  /** The database with the committed frames applied, in rollback-journal mode (header bytes 18-19 = 1). */
  bytes: Uint8Array;
  /** Frames applied (up to and including the last valid commit frame). */
  frames: number;
  /** Frames after the last commit, or invalid ones: an unfinished transaction or a log left over from before a reset. */
  ignoredFrames: number;
  /** Why the log was not used at all, when it was not (absent, too short, wrong magic or page size). */
  unused?: string;
}

/** The page size a database header declares (1 means 65536), or undefined when the header is not SQLite's. */
export function pageSizeOf(db: Uint8Array): number | undefined {
  if (db.length < 100 || Buffer.from(db.subarray(0, 16)).toString('latin1') !== 'SQLite format 3\0') return undefined;
  const raw = (db[16] << 8) | db[17];
  const size = raw === 1 ? 65536 : raw;
  return size >= 512 && (size & (size - 1)) === 0 ? size : undefined;
}

/** Applies the committed frames of `wal` to a copy of `db` (never modifies either argument). */
export function applyWal(db: Uint8Array, wal: Uint8Array | undefined): WalResult {
  const pageSize = pageSizeOf(db);
  const out = (bytes: Uint8Array, frames: number, ignoredFrames: number, unused?: string): WalResult =>
    ({ bytes: rollbackMode(bytes, bytes !== db), frames, ignoredFrames, ...(unused !== undefined ? { unused } : {}) });
  if (wal === undefined || wal.length < WAL_HEADER) return out(db, 0, 0, wal === undefined ? 'absent' : 'empty');
  const view = new DataView(wal.buffer, wal.byteOffset, wal.byteLength);
  const magic = view.getUint32(0);
  if (magic !== WAL_MAGIC_LE && magic !== WAL_MAGIC_BE) return out(db, 0, 0, 'bad magic');
  const walPageSize = view.getUint32(8);
  if (pageSize === undefined || walPageSize !== pageSize) return out(db, 0, 0, 'page size differs from the database');
  const bigEndian = magic === WAL_MAGIC_BE;
  const salt1 = view.getUint32(16);
  const salt2 = view.getUint32(20);
  let [s0, s1] = checksum(wal, 0, 24, bigEndian, 0, 0);
  if (s0 !== view.getUint32(24) || s1 !== view.getUint32(28)) return out(db, 0, 0, 'header checksum');
  const frameSize = FRAME_HEADER + pageSize;
  const total = Math.floor((wal.length - WAL_HEADER) / frameSize);
  // Pages of committed transactions: the newest copy of each page wins; pending ones wait for their commit.
  const committed = new Map<number, number>();
  const pending = new Map<number, number>();
  let dbPages = Math.floor(db.length / pageSize);
  let frames = 0;
  for (let i = 0; i < total; i++) {
    const at = WAL_HEADER + i * frameSize;
    const page = view.getUint32(at);
    const commitSize = view.getUint32(at + 4);
    if (page === 0 || view.getUint32(at + 8) !== salt1 || view.getUint32(at + 12) !== salt2) break;
    [s0, s1] = checksum(wal, at, 8, bigEndian, s0, s1);
    [s0, s1] = checksum(wal, at + FRAME_HEADER, pageSize, bigEndian, s0, s1);
    if (s0 !== view.getUint32(at + 16) || s1 !== view.getUint32(at + 20)) break;
    pending.set(page, at + FRAME_HEADER);
    if (commitSize !== 0) {
      for (const [p, off] of pending) committed.set(p, off);
      pending.clear();
      dbPages = commitSize;
      frames = i + 1;
    }
  }
  if (frames === 0) return out(db, 0, total, 'no committed frame');
  const bytes = new Uint8Array(dbPages * pageSize);
  bytes.set(db.subarray(0, Math.min(db.length, bytes.length)));
  for (const [page, off] of committed) {
    if (page <= dbPages) bytes.set(wal.subarray(off, off + pageSize), (page - 1) * pageSize);
  }
  return out(bytes, frames, total - frames);
}

/** SQLite's WAL checksum over `len` bytes (a multiple of 8) from `at`, continuing from (s0, s1). */
function checksum(buf: Uint8Array, at: number, len: number, bigEndian: boolean, s0: number, s1: number): [number, number] {
  const view = new DataView(buf.buffer, buf.byteOffset + at, len);
  for (let i = 0; i < len; i += 8) {
    s0 = (s0 + view.getUint32(i, !bigEndian) + s1) >>> 0;
    s1 = (s1 + view.getUint32(i + 4, !bigEndian) + s0) >>> 0;
  }
  return [s0, s1];
}

/**
 * Marks a copy as a rollback-journal database (file format bytes 18 and 19 = 1), so SQLite opens it without
 * looking for a log of its own: the log is already applied.
 */
function rollbackMode(bytes: Uint8Array, owned: boolean): Uint8Array {
  if (bytes.length < 100 || (bytes[18] !== 2 && bytes[19] !== 2)) return bytes;
  const copy = owned ? bytes : new Uint8Array(bytes);
  copy[18] = 1;
  copy[19] = 1;
  return copy;
}
