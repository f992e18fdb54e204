import assert from 'node:assert/strict';
import { dayFromIso, dayIso, isDashboardRange, outsideRangeNote, previousRange, rangeLabel, resolveRange } from '../../../src/core/dashboard/range';
import { rangeView } from '../../../src/core/dashboard/range-view';
import type { DashboardData } from '../../../src/core/dashboard/dashboard-data';

// 2026-11-30 is day 20_787: 56 years to 2026-01-01 with 14 leap days (20_454), then 333 days into 2026.
const TODAY = Date.UTC(2026, 10, 30) / 86_400_000;

describe('dashboard range', () => {
  it('resolves the last N days, a custom span and all time', () => {
    assert.equal(TODAY, 20_787);
    assert.deepEqual(resolveRange({ kind: 'days', days: 30 }, TODAY), { fromDay: 20_758, toDay: 20_787 });
    assert.deepEqual(resolveRange({ kind: 'custom', fromDay: 20_000, toDay: 20_010 }, TODAY), { fromDay: 20_000, toDay: 20_010 });
    assert.deepEqual(resolveRange({ kind: 'all' }, TODAY, 19_700), { fromDay: 19_700, toDay: TODAY });
    assert.deepEqual(resolveRange({ kind: 'all' }, TODAY), { fromDay: TODAY, toDay: TODAY }, 'nothing recorded: today');
    assert.deepEqual(resolveRange({ kind: 'all' }, TODAY, 19_700, TODAY + 2), { fromDay: 19_700, toDay: TODAY + 2 });
    assert.deepEqual(previousRange({ fromDay: 20_758, toDay: 20_787 }), { fromDay: 20_728, toDay: 20_757 });
  });

  it('reads and writes dates as the date input gives them, rejecting impossible ones', () => {
    assert.equal(dayIso(TODAY), '2026-11-30');
    assert.equal(dayFromIso('2026-11-30'), TODAY);
    assert.equal(dayFromIso('2025-02-29'), undefined);
    assert.equal(dayFromIso('30/11/2026'), undefined);
    assert.equal(rangeLabel({ kind: 'custom', fromDay: TODAY - 29, toDay: TODAY }), '2026-11-01 to 2026-11-30');
    assert.equal(rangeLabel({ kind: 'all' }), 'All time');
    assert.equal(rangeLabel({ kind: 'days', days: 14 }), 'Last 14 days');
  });

  it('accepts only well-formed ranges', () => {
    assert.equal(isDashboardRange({ kind: 'days', days: 365 }), true);
    assert.equal(isDashboardRange({ kind: 'days', days: 366 }), false);
    assert.equal(isDashboardRange({ kind: 'custom', fromDay: TODAY, toDay: TODAY }), true);
    assert.equal(isDashboardRange({ kind: 'custom', fromDay: TODAY, toDay: TODAY - 1 }), false);
    assert.equal(isDashboardRange({ kind: 'custom', fromDay: 5, toDay: TODAY }), false, 'before 2000');
  });

  it('says how many requests lie outside the range', () => {
    assert.equal(outsideRangeNote({ before: 0, inRange: 5, after: 0 }), undefined);
    assert.equal(outsideRangeNote({ before: 212, inRange: 40, after: 0 }), '212 requests before this range');
    assert.equal(outsideRangeNote({ before: 26, inRange: 0, after: 0 }), '26 requests recorded, all before this range');
    assert.equal(outsideRangeNote({ before: 1, inRange: 3, after: 1 }), '1 request before this range, 1 request after it');
    assert.equal(outsideRangeNote({ before: 1200, inRange: 0, after: 3 }), '1,203 requests recorded, all outside this range (1,200 before, 3 after)');
  });
});

describe('dashboard range view', () => {
  const base: DashboardData = {
    generatedTs: 0, source: 'store', rangeDays: 365, range: { kind: 'days', days: 365 }, captureOn: true,
    textByLanguage: [], blindSpots: [],
  };

  it('a year-old import in a one-year range: not "nothing recorded", the cards say why and offer all time', () => {
    const v = rangeView({ ...base, requests: { before: 26, inRange: 0, after: 0 } });
    assert.deepEqual(v, {
      label: 'Last 365 days', note: '26 requests recorded, all before this range', offerAllTime: true,
      nothingRecorded: false, requestsEmpty: '26 requests recorded, all before this range.',
    });
  });

  it('all time offers nothing more; an empty store is the first-run state', () => {
    const all = rangeView({ ...base, range: { kind: 'all' }, requests: { before: 0, inRange: 26, after: 0 }, daily: [{ day: 20_000, kind: 'ai_interaction', n: 26 }] });
    assert.deepEqual(all, { label: 'All time', note: undefined, offerAllTime: false, nothingRecorded: false, requestsEmpty: undefined });
    assert.equal(rangeView({ ...base, requests: { before: 0, inRange: 0, after: 0 } }).nothingRecorded, true);
    assert.equal(rangeView({ ...base, source: 'window', range: undefined }).label, 'This window since it opened');
  });

  it('data in range and history before it: a note beside the picker, cards keep their own empty text', () => {
    const v = rangeView({ ...base, requests: { before: 212, inRange: 3, after: 0 }, daily: [{ day: 20_400, kind: 'ai_interaction', n: 3 }] });
    assert.equal(v.note, '212 requests before this range');
    assert.equal(v.offerAllTime, true);
    assert.equal(v.requestsEmpty, undefined);
  });
});
