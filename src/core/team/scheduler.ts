/**
 * When pushes run: once soon after start, then every `intervalMs`; after a failure (offline, server down) again
 * after a growing delay (1, 2, 4 … minutes, at most the interval). Nothing is queued in memory: what was not
 * pushed stays in the local store and the next push sends it (the server's digests say what it lacks), so a
 * laptop offline for a week catches up with one push. One push at a time; `pushNow()` joins a running one.
 */
import type { PushResult } from './push';

export type TeamState =
  | { kind: 'idle' }
  | { kind: 'pushing'; sinceTs: number }
  | { kind: 'ok'; lastPushTs: number; result: PushResult }
  | { kind: 'failed'; sinceTs: number; attempts: number; error: string; lastPushTs: number | null; retryTs: number };

export interface SchedulerDeps {
  push: () => Promise<PushResult>;
  onState: (s: TeamState) => void;
  intervalMs: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
}

const MINUTE = 60_000;

export class TeamScheduler {
  private state: TeamState = { kind: 'idle' };
  private timer: unknown;
  private running: Promise<void> | undefined;
  private lastPushTs: number | null = null;
  private disposed = false;
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (t: unknown) => void;

  constructor(private readonly deps: SchedulerDeps) {
    this.now = deps.now ?? Date.now;
    this.setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = deps.clearTimer ?? ((t) => clearTimeout(t as NodeJS.Timeout));
  }

  get current(): TeamState {
    return this.state;
  }

  /** First push after `delayMs` (activation is never slowed by the network). */
  start(delayMs = 30_000): void {
    this.schedule(delayMs);
  }

  /** Pushes now (or joins the push under way). */
  pushNow(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer(this.timer);
  }

  private schedule(ms: number): void {
    this.clearTimer(this.timer);
    if (!this.disposed) this.timer = this.setTimer(() => void this.pushNow(), ms);
  }

  private async run(): Promise<void> {
    // A failure's first time and count are kept across retries, so the status says how long it has been failing.
    const prev = this.state.kind === 'failed' ? this.state : undefined;
    this.set({ kind: 'pushing', sinceTs: this.now() });
    try {
      const result = await this.deps.push();
      this.lastPushTs = this.now();
      this.set({ kind: 'ok', lastPushTs: this.lastPushTs, result });
      this.schedule(this.deps.intervalMs);
    } catch (e) {
      const attempts = (prev?.attempts ?? 0) + 1;
      const delay = Math.min(this.deps.intervalMs, MINUTE * 2 ** Math.min(attempts - 1, 10));
      this.set({
        kind: 'failed', sinceTs: prev?.sinceTs ?? this.now(), attempts, error: e instanceof Error ? e.message : String(e),
        lastPushTs: this.lastPushTs, retryTs: this.now() + delay,
      });
      this.schedule(delay);
    }
  }

  private set(s: TeamState): void {
    this.state = s;
    this.deps.onState(s);
  }
}

const clock = (ts: number): string => new Date(ts).toTimeString().slice(0, 5);

/** The status line: when the last push happened, or why it is waiting. */
export function teamStatusText(s: TeamState): string {
  switch (s.kind) {
    case 'idle':
      return 'Team: no push yet';
    case 'pushing':
      return 'Team: pushing…';
    case 'ok':
      return `Team: last push ${clock(s.lastPushTs)} (${s.result.rows ? `${s.result.rows.toLocaleString('en-US')} rows` : 'nothing new'})`;
    case 'failed':
      return `Team: push failed since ${clock(s.sinceTs)} (${s.attempts} ${s.attempts === 1 ? 'attempt' : 'attempts'}; last push ${s.lastPushTs === null ? 'never' : clock(s.lastPushTs)}); `
        + `your figures wait locally, next try ${clock(s.retryTs)}: ${s.error}`;
  }
}
