/**
 * One window at a time owns snapshots and journal GC. The lock file holds `{ owner, pid, ts }`; the owner
 * rewrites `ts` every heartbeat; a lock whose `ts` is older than `staleMs` is taken over. Writes go through a
 * temp file and rename, and every claim is read back, so of two windows racing for a stale lock one wins; the
 * owner re-reads the lock right before each snapshot and GC (`isMine`).
 */
import fs from 'node:fs';

interface LockContent {
  owner: string;
  pid: number;
  ts: number;
}

export class OwnerLock {
  constructor(
    private readonly file: string,
    private readonly me: string,
    private readonly staleMs = 15_000,
  ) {}

  private read(): LockContent | null {
    try {
      const v = JSON.parse(fs.readFileSync(this.file, 'utf8')) as LockContent;
      return typeof v.owner === 'string' && typeof v.ts === 'number' ? v : null;
    } catch {
      return null;
    }
  }

  private write(): void {
    const tmp = `${this.file}.${process.pid}.${this.me}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ owner: this.me, pid: process.pid, ts: Date.now() }));
    fs.renameSync(tmp, this.file);
  }

  /** True when the lock file names this owner and is fresh. */
  isMine(): boolean {
    const c = this.read();
    return c !== null && c.owner === this.me && Date.now() - c.ts < this.staleMs;
  }

  /**
   * Heartbeat: refreshes the lock if it is ours, takes it if free or stale. Returns whether we own it now.
   * Never throws (a storage directory that cannot be written simply means "not owner").
   */
  beat(): boolean {
    try {
      const c = this.read();
      const free = c === null || Date.now() - c.ts >= this.staleMs;
      if (c?.owner !== this.me && !free) return false;
      this.write();
      return this.read()?.owner === this.me;
    } catch {
      return false;
    }
  }

  /** Gives the lock up (only if it is ours), so another window can take over at once. */
  release(): void {
    try {
      if (this.read()?.owner === this.me) fs.rmSync(this.file, { force: true });
    } catch {
      // nothing to release
    }
  }
}
