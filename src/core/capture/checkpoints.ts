import type { SurvivalCheckpoint } from '../model/events';

/** Timed survival checkpoints and their delay after the insertion, ms (Ziegler et al.; VS Code's ARC telemetry). */
export const TIMED_CHECKPOINTS: ReadonlyArray<{ name: SurvivalCheckpoint; delayMs: number }> = [
  { name: '30s', delayMs: 30_000 },
  { name: '2m', delayMs: 120_000 },
  { name: '5m', delayMs: 300_000 },
  { name: '10m', delayMs: 600_000 },
  { name: '15m', delayMs: 900_000 },
  { name: '1d', delayMs: 86_400_000 },
  { name: '7d', delayMs: 604_800_000 },
];

/**
 * One FIFO queue per timed checkpoint, ordered by insertion time: `due(now)` pops everything whose
 * checkpoint has come. O(1) per item and checkpoint; no timers (the host calls `tick` every few seconds).
 */
export class CheckpointQueues<T extends { t0: number }> {
  private readonly queues: T[][] = TIMED_CHECKPOINTS.map(() => []);
  private readonly heads: number[] = TIMED_CHECKPOINTS.map(() => 0);

  /** Schedules every timed checkpoint of `item` not yet passed (`firstIndex` skips those already recorded). */
  schedule(item: T, firstIndex = 0): void {
    for (let q = firstIndex; q < this.queues.length; q++) {
      const queue = this.queues[q];
      let i = queue.length;
      while (i > this.heads[q] && queue[i - 1].t0 > item.t0) i--;
      // Insertions come in time order: almost always a push.
      if (i === queue.length) queue.push(item);
      else queue.splice(i, 0, item);
    }
  }

  /** Calls `fire(item, checkpointIndex)` for every checkpoint due at `now`, in time order per checkpoint. */
  due(now: number, fire: (item: T, checkpointIndex: number) => void): void {
    for (let q = 0; q < this.queues.length; q++) {
      const queue = this.queues[q];
      const delay = TIMED_CHECKPOINTS[q].delayMs;
      let h = this.heads[q];
      while (h < queue.length && queue[h].t0 + delay <= now) fire(queue[h++], q);
      if (h > 1024 && h * 2 > queue.length) {
        queue.splice(0, h);
        h = 0;
      }
      this.heads[q] = h;
    }
  }

  /** Removes `item` from the queues from `firstIndex` on (those it has not been popped from yet). */
  remove(item: T, firstIndex = 0): void {
    for (let q = firstIndex; q < this.queues.length; q++) {
      const queue = this.queues[q];
      const i = queue.indexOf(item, this.heads[q]);
      if (i >= 0) queue.splice(i, 1);
    }
  }

  clear(): void {
    for (let q = 0; q < this.queues.length; q++) {
      this.queues[q] = [];
      this.heads[q] = 0;
    }
  }
}
