import assert from 'node:assert/strict';
import { TeamScheduler, teamStatusText } from '../../../src/core/team/scheduler';
import type { TeamState } from '../../../src/core/team/scheduler';
import type { PushResult } from '../../../src/core/team/push';

const ok = (rows: number): PushResult => ({ groups: 1, rows, transactions: 1, unchanged: 0, refreshed: true, ms: 5 });

describe('team: push scheduler', () => {
  it('retries with a growing delay while offline, then goes back to the interval', async () => {
    let now = 1_000_000;
    const timers: number[] = [];
    const states: TeamState[] = [];
    let fail = 3;
    const s = new TeamScheduler({
      push: () => (fail-- > 0 ? Promise.reject(new Error('connect ECONNREFUSED')) : Promise.resolve(ok(42))),
      onState: (x) => states.push(x), intervalMs: 15 * 60_000, now: () => now,
      setTimer: (_fn, ms) => timers.push(ms), clearTimer: () => undefined,
    });
    s.start(1000);
    for (let i = 0; i < 4; i++) {
      now += 60_000;
      await s.pushNow();
    }
    assert.deepEqual(timers, [1000, 60_000, 120_000, 240_000, 15 * 60_000]);
    const failed = states.filter((x) => x.kind === 'failed');
    assert.equal(failed.length, 3);
    assert.equal(failed[2].kind === 'failed' && failed[2].sinceTs, 1_060_000, 'failing since the first failure');
    assert.match(teamStatusText(failed[2]), /push failed since .*3 attempts; last push never\); your figures wait locally.*ECONNREFUSED/);
    assert.match(teamStatusText(s.current), /^Team: last push \d\d:\d\d \(42 rows\)$/);
  });

  it('joins a push under way instead of starting a second one', async () => {
    let calls = 0;
    let release!: () => void;
    const s = new TeamScheduler({
      push: () => { calls++; return new Promise<PushResult>((r) => (release = () => r(ok(0)))); },
      onState: () => undefined, intervalMs: 1000, setTimer: () => 0, clearTimer: () => undefined,
    });
    const a = s.pushNow();
    const b = s.pushNow();
    release();
    await Promise.all([a, b]);
    assert.equal(calls, 1);
    assert.match(teamStatusText(s.current), /nothing new/);
    s.dispose();
    await s.pushNow();
    assert.equal(calls, 1, 'no push after dispose');
  });
});
