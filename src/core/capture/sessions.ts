import type { SessionEvent } from '../model/events';

/** Gaps between activity events shorter than this count as active time. */
export const ACTIVE_GAP_MS = 60_000;

/**
 * Coding sessions: a session starts with the first activity and ends once `idleMinutes` pass without any
 * (an unfocused window produces no activity, so it counts as idle). `activeMs` sums the short gaps between
 * activities. The session's end is stamped at its last activity.
 */
export class SessionTracker {
  private current: { id: string; start: number; last: number; activeMs: number } | undefined;
  private seq = 0;

  constructor(
    private readonly emit: (ev: SessionEvent) => void,
    private idleMs: number,
    private readonly newId: (ts: number, seq: number) => string,
    private readonly workspaceHash?: string,
  ) {}

  /** The id of the running session, if any (stamped on events). */
  get id(): string | undefined {
    return this.current?.id;
  }

  /** Active milliseconds of the running session so far (0 when none is running). */
  get runningActiveMs(): number {
    return this.current?.activeMs ?? 0;
  }

  setIdleMinutes(minutes: number): void {
    this.idleMs = Math.max(1, minutes) * 60_000;
  }

  /** Any user activity (edit, save, command, focus gained). Returns true when it started a session. */
  activity(now: number): boolean {
    const cur = this.current;
    if (cur && now - cur.last >= this.idleMs) this.end(cur.last);
    if (!this.current) {
      const id = this.newId(now, this.seq++);
      this.current = { id, start: now, last: now, activeMs: 0 };
      const ev: SessionEvent = { kind: 'session', ts: now, id, phase: 'start' };
      if (this.workspaceHash) ev.workspaceHash = this.workspaceHash;
      this.emit(ev);
      return true;
    }
    const gap = now - this.current.last;
    if (gap > 0 && gap < ACTIVE_GAP_MS) this.current.activeMs += gap;
    if (now > this.current.last) this.current.last = now;
    return false;
  }

  /** Ends the session once it has been idle long enough. Returns true when it ended one. */
  tick(now: number): boolean {
    if (this.current && now - this.current.last >= this.idleMs) {
      this.end(this.current.last);
      return true;
    }
    return false;
  }

  /** Ends the running session now (capture paused or stopped). */
  end(ts = this.current?.last ?? 0): void {
    const cur = this.current;
    if (!cur) return;
    this.current = undefined;
    const ev: SessionEvent = { kind: 'session', ts, id: cur.id, phase: 'end', activeMs: cur.activeMs };
    if (this.workspaceHash) ev.workspaceHash = this.workspaceHash;
    this.emit(ev);
  }
}
