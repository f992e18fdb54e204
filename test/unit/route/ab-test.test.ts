import assert from 'node:assert/strict';
import { assignArm, assignmentDraw, decideTest } from '../../../src/core/route/ab-test';
import type { AbSample } from '../../../src/core/route/ab-test';

// Reference figures computed independently with scipy 1.17.1 on this machine:
//   from scipy import stats; stats.ttest_ind(x, y, equal_var=False)
const A = { x: [6.1, 7.3, 5.8, 8.0, 6.6, 7.1, 5.9, 6.8], y: [7.9, 8.4, 7.2, 9.1, 8.8, 7.7, 8.3, 9.0, 8.1, 7.6],
  t: -4.516054023265261, p: 0.0005183336904023915, df: 13.61174973404418 };
const B = { x: [2.0, 2.1, 1.9, 2.2, 2.0, 2.05], y: [1.0, 3.5, 2.8, 0.4, 4.1, 2.2, 3.9],
  t: -0.9483012504075847, p: 0.3791803379532285, df: 6.070879149265575 };
const C = { x: [5, 6, 7, 5, 6, 7, 5, 6], y: [5.5, 6.5, 6, 7, 5, 6.2, 5.8, 6.1, 6.4],
  t: -0.5109699277347086, p: 0.6183755977535731, df: 12.360673544882937 };

const FIRST5 = { t: -2.903810735623309, p: 0.020404030713700835 };

const samples = (x: number[], y: number[], cost?: number): AbSample[] => [
  ...x.map((q) => ({ arm: 'control' as const, quality: q, ...(cost ? { costUsd: cost } : {}) })),
  ...y.map((q) => ({ arm: 'treatment' as const, quality: q, ...(cost ? { costUsd: cost } : {}) })),
];
const test = { id: 't1', ratio: 0.5, seed: 's', minSamples: 5 };

describe('route: A/B tests', () => {
  for (const [name, ref] of Object.entries({ A, B, C })) {
    it(`Welch's t-test matches scipy's ttest_ind(equal_var=False) on set ${name}`, () => {
      const d = decideTest(test, samples(ref.x, ref.y), { allSamples: true });
      assert.ok(Math.abs((d.statistic ?? NaN) - ref.t) < 1e-9, `t ${d.statistic}`);
      assert.ok(Math.abs((d.pValue ?? NaN) - ref.p) < 1e-9, `p ${d.pValue}`);
      assert.ok(Math.abs((d.df ?? NaN) - ref.df) < 1e-9, `df ${d.df}`);
      assert.equal(d.decided, ref.p < 0.05);
      assert.equal(d.metric, 'quality');
    });
  }

  it('decides for the treatment at p < 0.05 and not before both arms have the minimum', () => {
    assert.equal(decideTest(test, samples(A.x, A.y), { allSamples: true }).winner, 'treatment');
    const few = decideTest({ ...test, minSamples: 9 }, samples(A.x, A.y));
    assert.equal(few.decided, false);
    assert.match(few.note, /8 control and 9 treatment samples of the 9/);
  });

  it('fixed horizon: only the first minSamples of each arm count, later samples change nothing', () => {
    // scipy: ttest_ind([6.1,7.3,5.8,8.0,6.6], [7.9,8.4,7.2,9.1,8.8], equal_var=False)
    const d = decideTest(test, samples(A.x, A.y));
    assert.deepEqual([d.control.n, d.treatment.n], [5, 5]);
    assert.ok(Math.abs((d.statistic ?? NaN) - FIRST5.t) < 1e-9, String(d.statistic));
    assert.ok(Math.abs((d.pValue ?? NaN) - FIRST5.p) < 1e-9, String(d.pValue));
    const more = decideTest(test, [...samples(A.x, A.y), { arm: 'control', quality: 10 }, { arm: 'treatment', quality: 0 }]);
    assert.equal(more.pValue, d.pValue);
  });

  it('uses quality per dollar when every sample is priced (a uniform cost scales t not at all)', () => {
    const d = decideTest(test, samples(A.x, A.y, 0.02), { allSamples: true });
    assert.equal(d.metric, 'quality_per_usd');
    assert.ok(Math.abs((d.statistic ?? NaN) - A.t) < 1e-9);
    assert.ok(Math.abs((d.control.mean ?? 0) - 6.7 / 0.02) < 1e-9);
  });

  it('assignment is seeded: the same request always gets the same arm; the ratio holds over many', () => {
    assert.equal(assignArm(test, 'req-1'), assignArm({ ...test }, 'req-1'));
    assert.equal(assignmentDraw('s', 'req-1'), assignmentDraw('s', 'req-1'));
    assert.notEqual(assignmentDraw('s', 'req-1'), assignmentDraw('other', 'req-1'));
    let control = 0;
    for (let i = 0; i < 10_000; i++) if (assignArm({ ...test, ratio: 0.3 }, `r${i}`) === 'control') control++;
    // Binomial(10000, 0.3): sd 45.8; 4 sd either side.
    assert.ok(control > 2817 && control < 3183, String(control));
    assert.equal(assignArm({ ...test, ratio: 1 }, 'x'), 'control');
    assert.equal(assignArm({ ...test, ratio: 0 }, 'x'), 'treatment');
  });
});
