/**
 * The delete epoch: how every window learns that one of them ran Delete All Data.
 *
 * `store-epoch.json` in the storage folder holds a number that only grows; Delete All Data raises it *before*
 * it removes the snapshots and journals. Each window's engine remembers the epoch it loaded under and reads
 * the file at every catch-up (one small read): when it has grown, the window drops its in-memory database and
 * reloads from what is on disk (only what was written after the delete), so it cannot write the old rows
 * back. Each snapshot's marks carry the epoch it was built under, and a snapshot of an older epoch is never
 * loaded: that closes the race of a window that wrote a snapshot just after another window deleted.
 *
 * The file is not removed by Delete All Data (the number must keep growing) and holds no personal data.
 */
import fs from 'node:fs';
import path from 'node:path';

export const EPOCH_FILE = 'store-epoch.json';

/** The current epoch of `storageDir` (0 when no delete ever happened, or the file is unreadable). */
export function readEpoch(storageDir: string): number {
  try {
    const v = (JSON.parse(fs.readFileSync(path.join(storageDir, EPOCH_FILE), 'utf8')) as { epoch?: unknown }).epoch;
    return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : 0;
  } catch {
    return 0;
  }
}

/**
 * Raises the epoch past both what is on disk and `atLeast` (the caller's own), atomically (temp file, rename),
 * and returns it. `by` names the window in the file, for a person reading it.
 */
export function raiseEpoch(storageDir: string, atLeast: number, by: string): number {
  const epoch = Math.max(readEpoch(storageDir), atLeast) + 1;
  fs.mkdirSync(storageDir, { recursive: true });
  const file = path.join(storageDir, EPOCH_FILE);
  const tmp = `${file}.${by}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ epoch, deletedAt: new Date().toISOString(), by }));
  fs.renameSync(tmp, file);
  return epoch;
}
