import assert from 'node:assert/strict';
import { firstWindowStart, usageWindows, windowProjection } from '../../../src/core/dashboard/usage-blocks';
import { periods, weekStart } from '../../../src/core/dashboard/periods';

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1, 10, 0, 0);
const req = (ts: number, costUsd: number | null = 0.01, model = 'claude-sonnet-4-20250514') =>
  ({ ts, model, tokensIn: 1000, tokensOut: 500, cacheRead: 0, cacheWrite: 0, costUsd });

// The cases of ccusage's own `blocks` tests, restated as the rule in usage-blocks.ts says (expected values
// worked out from the rule, not from running this code).
describe('five-hour usage windows (ccusage blocks rule)', () => {
  it('keeps requests within five hours of the window start in one window', () => {
    const w = usageWindows([req(T0), req(T0 + H), req(T0 + 2 * H)], T0 + 30 * H);
    assert.equal(w.length, 1);
    assert.deepEqual([w[0].startTs, w[0].endTs, w[0].requests, w[0].tokensIn, w[0].tokensOut], [T0, T0 + 5 * H, 3, 3000, 1500]);
    assert.equal(Math.round(w[0].costUsd * 100), 3);
  });

  it('opens a new window more than five hours after the start, floored to the UTC hour', () => {
    const w = usageWindows([req(T0 + 55 * 60_000), req(T0 + 4 * H + 30 * 60_000), req(T0 + 5 * H + 10 * 60_000)], T0 + 30 * H);
    // 10:55 floors to 10:00; 14:30 is within 15:00; 15:10 is past the start + 5 h: a new window at 15:00.
    assert.deepEqual(w.map((x) => [x.startTs, x.requests]), [[T0, 2], [T0 + 5 * H, 1]]);
  });

  it('sorts requests, splits on gaps, lists models once, and leaves unpriced requests out of the cost', () => {
    const w = usageWindows([req(T0 + 8 * H), req(T0, null, 'opus'), req(T0 + 2 * H), req(T0 + H, 0.02, 'opus')], T0 + 30 * H);
    assert.deepEqual(w.map((x) => [x.startTs, x.requests, x.pricedN, x.models]), [
      [T0, 3, 2, ['opus', 'claude-sonnet-4-20250514']], [T0 + 8 * H, 1, 1, ['claude-sonnet-4-20250514']],
    ]);
    assert.equal(Math.round(w[0].costUsd * 100), 3);
  });

  it('is active while its last request is under five hours old and it has not ended; projects the burn rate', () => {
    const rows = [req(T0 + 10 * 60_000), req(T0 + 70 * 60_000)];
    const now = T0 + 2 * H;
    const [w] = usageWindows(rows, now);
    assert.equal(w.active, true);
    assert.equal(usageWindows(rows, T0 + 5 * H)[0].active, false);
    const p = windowProjection(w, now)!;
    // 3000 tokens and $0.02 over 60 minutes: 50 tokens a minute, $0.02 an hour, 180 minutes left.
    assert.deepEqual([p.tokensPerMinute, p.minutesLeft, p.tokensAtEnd], [50, 180, 3000 + 50 * 180]);
    assert.equal(Math.round(p.costPerHour * 1e6), 20_000);
    assert.equal(Math.round(p.costAtEnd * 1e6), 80_000);
    assert.equal(windowProjection(usageWindows([req(T0)], now)[0], now), undefined);
  });

  it('knows where a walk can start exactly: after a gap of more than five hours', () => {
    assert.equal(firstWindowStart([req(T0), req(T0 + H)], T0 - 6 * H), 0);
    assert.equal(firstWindowStart([req(T0), req(T0 + H), req(T0 + 7 * H)], T0 - H), 2);
    assert.equal(firstWindowStart([req(T0), req(T0 + H)], T0 - H), undefined);
  });
});

describe('chart periods', () => {
  it('draws days up to 90 days and Monday weeks beyond, clipped to the range', () => {
    assert.equal(periods(100, 189).unit, 'day');
    const p = periods(100, 190); // day 100 is 1970-04-11, a Saturday
    assert.equal(p.unit, 'week');
    assert.equal(weekStart(100), 95);
    assert.equal(p.labels[0], '1970-04-11');
    assert.equal(p.labels[1], '1970-04-13');
    assert.deepEqual([p.index(100), p.index(101), p.index(102), p.index(190), p.index(99)], [0, 0, 1, 13, -1]);
    assert.equal(p.labels.length, 14);
  });
});
