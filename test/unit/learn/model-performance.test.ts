import assert from 'node:assert/strict';
import {
  confidenceFor, hasSignal, interactionQuality, updatePerformance,
} from '../../../src/core/learn/model-performance';
import type { ModelPerformance } from '../../../src/core/learn/model-performance';

const close = (actual: number | null, expected: number, what: string): void => {
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-12, `${what}: ${String(actual)} != ${expected}`);
};

describe('model performance EMA', () => {
  it('cold start: quality from the 0.7 default, latency and cost taken from the first observation', () => {
    const p = updatePerformance(undefined, { quality: 1, latencyMs: 1000, costUsd: 0.01, ts: 5 });
    close(p.quality, 0.73, 'quality');
    assert.equal(p.latencyMs, 1000);
    assert.equal(p.costUsd, 0.01);
    assert.equal(p.n, 1);
    close(p.confidence, 0.5045, 'confidence');
    assert.equal(p.updatedTs, 5);
  });

  it('second observation moves each average by alpha 0.1', () => {
    const p1 = updatePerformance(undefined, { quality: 1, latencyMs: 1000, costUsd: 0.01, ts: 5 });
    const p2 = updatePerformance(p1, { quality: 0, latencyMs: 2000, costUsd: 0.03, ts: 9 });
    close(p2.quality, 0.657, 'quality');
    close(p2.latencyMs, 1100, 'latency');
    close(p2.costUsd, 0.012, 'cost');
    assert.equal(p2.n, 2);
    close(p2.confidence, 0.509, 'confidence');
    assert.equal(p2.updatedTs, 9);
  });

  it('fields an observation lacks keep their average; n counts only rated observations', () => {
    const p1 = updatePerformance(undefined, { latencyMs: 500, ts: 1 });
    assert.deepEqual(p1, { n: 0, quality: 0.7, latencyMs: 500, costUsd: null, confidence: 0.5, updatedTs: 1 });
    const p2 = updatePerformance(p1, { quality: 0, costUsd: 0.2, ts: 2 });
    close(p2.quality, 0.63, 'quality');
    assert.equal(p2.latencyMs, 500);
    assert.equal(p2.costUsd, 0.2);
    assert.equal(p2.n, 1);
    const p3 = updatePerformance(p2, { ts: 1 }); // nothing observed, older ts
    assert.deepEqual(p3, { ...p2, updatedTs: 2 });
  });

  it('invalid values are ignored, never averaged in', () => {
    const p = updatePerformance(undefined, { quality: 1.5, latencyMs: -3, costUsd: Number.NaN, ts: 1 });
    assert.deepEqual(p, { n: 0, quality: 0.7, latencyMs: null, costUsd: null, confidence: 0.5, updatedTs: 1 });
    assert.equal(hasSignal({ quality: 1.5, latencyMs: -3, costUsd: Number.NaN, ts: 1 }), false);
    assert.equal(hasSignal({ costUsd: 0, ts: 1 }), true);
  });

  it('confidence grows 0.0045 per rated observation and caps at 0.95 from n = 100', () => {
    close(confidenceFor(0), 0.5, 'n=0');
    close(confidenceFor(10), 0.545, 'n=10');
    close(confidenceFor(99), 0.9455, 'n=99');
    assert.equal(confidenceFor(100), 0.95);
    assert.equal(confidenceFor(1000), 0.95);
    let p: ModelPerformance | undefined;
    for (let i = 0; i < 120; i++) p = updatePerformance(p, { quality: 1, ts: i });
    assert.equal(p?.n, 120);
    assert.equal(p?.confidence, 0.95);
    // 120 observations of 1 from 0.7: 1 - 0.3 * 0.9^120.
    close(p?.quality ?? null, 1 - 0.3 * 0.9 ** 120, 'quality');
  });

  it('interaction quality: vote overrides, then cancelled, then success; nothing known -> undefined', () => {
    assert.equal(interactionQuality({ success: true }), 1);
    assert.equal(interactionQuality({ success: false }), 0);
    assert.equal(interactionQuality({ success: false, vote: 1 }), 1);
    assert.equal(interactionQuality({ success: true, vote: -1 }), 0);
    assert.equal(interactionQuality({ success: true, cancelled: true }), 0);
    assert.equal(interactionQuality({ cancelled: true, vote: 1 }), 1);
    assert.equal(interactionQuality({ cancelled: false }), undefined);
    assert.equal(interactionQuality({}), undefined);
  });
});
