import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rng } from '../../support/store/gen';
import { recover, runChild, verify } from '../../support/store/crash-harness';

/** Random kills with the real client (worker + journal); 6 keeps the suite near a minute on 2 cores. */
const RANDOM_KILLS = 6;
/** Two-writer campaign: kills per window (two windows run at once, about a minute on 2 loaded cores). */
const KILLS_PER_WINDOW = 4;

describe('store crash recovery (kill -9)', function () {
  this.timeout(120_000);

  it(`random SIGKILLs of a writing client (worker snapshotting every 16 KB), ${RANDOM_KILLS} times`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-crash-'));
    const r = rng(7);
    const acks = new Map<string, number>();
    for (let k = 0; k < RANDOM_KILLS; k++) {
      const run = `r${k}`;
      // At least 300 ms: on a loaded 2-core machine a child whose worker snapshots may not ack within 100 ms.
      acks.set(run, await runChild(['client', dir, run], 300 + Math.floor(r() * 500)));
      if (process.env.CRASH_DEBUG) console.log(dir, acks, fs.readdirSync(dir, { recursive: true }));
      await verify(dir, acks);
    }
    assert.ok([...acks.values()].every((a) => a > 0), 'every child appended before dying');
  });

  for (const step of ['tmp-half', 'tmp-synced', 'renamed', 'dir-synced', 'before-gc']) {
    it(`SIGKILL mid-snapshot at ${step}: every acknowledged event recovered once`, async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-crash-'));
      const acks = new Map([[step, await runChild(['step', dir, step, step], null)]]);
      await verify(dir, acks);
      assert.ok(acks.get(step)! >= 599, 'killed during the third snapshot');
    });
  }

  it(`two windows on one folder, random SIGKILLs of either and restarts (${KILLS_PER_WINDOW} each, 4 KB segments): 0 lost, 0 duplicated`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-crash2-'));
    const r = rng(11);
    const acks = new Map<string, number>();
    // Each window is killed at a random moment and restarted; their lifetimes overlap at random, so each
    // one is in turn the snapshot owner, a follower left behind by the other's GC, and the one taking over.
    // Window b polls every second (a window busy elsewhere): a snapshots several times between its polls.
    const window = async (name: string, pollMs: string): Promise<void> => {
      for (let k = 0; k < KILLS_PER_WINDOW; k++) {
        const run = `${name}${k}`;
        acks.set(run, await runChild(['client', dir, run, '4096', pollMs], 300 + Math.floor(r() * 1200)));
      }
    };
    await Promise.all([window('a', '15'), window('b', '1000')]);
    const res = await recover(dir, acks);
    if (process.env.CRASH_REPORT) console.log(JSON.stringify({ kills: acks.size, ...res }));
    assert.deepEqual({ lost: res.lost, duplicated: res.duplicated }, { lost: 0, duplicated: 0 }, `of ${res.acknowledged} acknowledged`);
    assert.ok([...acks.values()].every((a) => a > 0), 'every child appended before dying');
  });
});
