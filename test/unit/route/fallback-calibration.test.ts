import assert from 'node:assert/strict';
import { classifyFailure, nextFallback, TIMEOUT_MS } from '../../../src/core/route/fallback';
import { routeRequest } from '../../../src/core/route/router';
import { calibrate, describeEstimate, estimateTokens } from '../../../src/core/route/calibration';
import type { EstimateSample } from '../../../src/core/route/calibration';
import { emptyRoutingState } from '../../../src/core/route/state';
import type { TaskProfile } from '../../../src/core/route/task-profile';
import { stateOf } from './helpers';

const task: TaskProfile = { intent: 'debugging', taskType: 'debugging', complexity: 'medium' };

describe('route: fallback', () => {
  it('classifies failures by code and text', () => {
    class LanguageModelError extends Error {
      constructor(message: string, readonly code: string) { super(message); }
    }
    assert.equal(classifyFailure(undefined, 100), undefined);
    assert.equal(classifyFailure(undefined, 100, "I'm sorry, but I can't help with that."), 'refusal');
    assert.equal(classifyFailure(undefined, 100, 'Here is the fix:'), undefined);
    assert.equal(classifyFailure(new LanguageModelError('Request was blocked', 'Blocked'), 100), 'quota');
    assert.equal(classifyFailure(new Error('429 Too Many Requests'), 100), 'quota');
    assert.equal(classifyFailure(new LanguageModelError('no access', 'NoPermissions'), 100), 'refusal');
    assert.equal(classifyFailure(Object.assign(new Error('Canceled'), { name: 'Canceled' }), 100), 'cancelled');
    assert.equal(classifyFailure(new Error('socket hang up'), TIMEOUT_MS), 'timeout');
    assert.equal(classifyFailure(new Error('ETIMEDOUT'), 5), 'timeout');
    assert.equal(classifyFailure(new Error('socket hang up'), 5), 'error');
  });

  const models = [{ id: 'claude-opus-4', vendor: 'anthropic' }, { id: 'claude-sonnet-4', vendor: 'anthropic' }, { id: 'gpt-4o-mini', vendor: 'openai' }];
  const decision = routeRequest(task, models, emptyRoutingState(), { random: () => 0.99 });

  it('falls back in ranking order, never to a tried model, not after a cancel', () => {
    assert.equal(nextFallback(decision, ['claude-opus-4'], 'error', emptyRoutingState())?.model.id, 'claude-sonnet-4');
    assert.equal(nextFallback(decision, ['claude-opus-4', 'claude-sonnet-4'], 'error', emptyRoutingState())?.model.id, 'gpt-4o-mini');
    assert.equal(nextFallback(decision, models.map((m) => m.id), 'error', emptyRoutingState()), undefined);
    assert.equal(nextFallback(decision, ['claude-opus-4'], 'cancelled', emptyRoutingState()), undefined);
  });

  it('after a quota failure another vendor first; a learned fallback that worked comes first', () => {
    assert.equal(nextFallback(decision, ['claude-opus-4'], 'quota', emptyRoutingState())?.model.id, 'gpt-4o-mini');
    const learned = stateOf([], { fallbacks: [{ failure: 'timeout', from: 'claude-opus-4-20250514', to: 'gpt-4o-mini', tries: 4, successes: 4 }] });
    assert.equal(nextFallback(decision, ['claude-opus-4'], 'timeout', learned)?.model.id, 'gpt-4o-mini');
    // Learned for another failure: the ranking again.
    assert.equal(nextFallback(decision, ['claude-opus-4'], 'error', learned)?.model.id, 'claude-sonnet-4');
    // A fallback that mostly failed ((1+1)/(4+2) = 0.33) is not trusted.
    const bad = stateOf([], { fallbacks: [{ failure: 'timeout', from: 'claude-opus-4', to: 'gpt-4o-mini', tries: 4, successes: 1 }] });
    assert.equal(nextFallback(decision, ['claude-opus-4'], 'timeout', bad)?.model.id, 'claude-sonnet-4');
  });
});

describe('route: token-estimate calibration', () => {
  const sample = (complexity: EstimateSample['complexity'], pi: number, ai: number, po: number, ao: number, ts = 1000): EstimateSample =>
    ({ complexity, ts, predictedInput: pi, actualInput: ai, predictedOutput: po, actualOutput: ao });

  it('estimates input by countTokens and output from the task type history, then applies the latest factor', () => {
    assert.deepEqual(estimateTokens(task, 1200.4, emptyRoutingState()),
      { input: 1200, output: 600, baseInput: 1200, baseOutput: 600, inputFactor: 1, outputFactor: 1 });
    const state = stateOf([], {
      outputTokens: [{ taskType: 'debugging', n: 30, meanOutput: 850.6 }],
      adjustments: [
        { parameter: 'token_estimate_output_medium', direction: 'output', complexity: 'medium', factor: 1.3, confidence: 0.4, n: 20, ts: 5, reason: '' },
        { parameter: 'token_estimate_output_medium', direction: 'output', complexity: 'medium', factor: 1.5, confidence: 0.2, n: 10, ts: 1, reason: '' },
        { parameter: 'token_estimate_input_high', direction: 'input', complexity: 'high', factor: 2, confidence: 1, n: 60, ts: 9, reason: '' },
      ],
    });
    const e = estimateTokens(task, 1000, state, 'claude-sonnet-4-20250514');
    assert.equal(e.baseOutput, 851);
    assert.equal(e.output, Math.round(851 * 1.3));
    assert.equal(e.input, 1000);
    // Sonnet 4: $3 / $15 per million tokens (the bundled catalogue).
    assert.ok(Math.abs((e.costUsd ?? 0) - (1000 * 3 + 1106 * 15) / 1e6) < 1e-9, String(e.costUsd));
  });

  it('describes an estimate in one line', () => {
    assert.equal(describeEstimate({ input: 12_600, output: 1_450, costUsd: 0.0495 }), 'about 14k tokens, about $0.05');
    assert.equal(describeEstimate({ input: 900, output: 300 }), 'about 1.2k tokens');
    assert.equal(describeEstimate({ input: 400, output: 200, costUsd: 0.0042 }), 'about 600 tokens, about $0.004');
  });

  it('records an adjustment when the mean ratio is more than 15% off, confidence min(n/50, 1)', () => {
    const now = 40 * 86_400_000;
    const samples = [
      ...Array.from({ length: 10 }, () => sample('low', 100, 100, 200, 300, now - 1000)),
      ...Array.from({ length: 60 }, () => sample('high', 1000, 1100, 500, 400, now - 1000)),
      sample('high', 1000, 5000, 500, 5000, now - 31 * 86_400_000),
    ];
    const adj = calibrate(samples, now);
    assert.deepEqual(adj.map((a) => [a.parameter, Math.round(a.factor * 1e9) / 1e9, a.confidence, a.n, a.large]), [
      ['token_estimate_output_low', 1.5, 0.2, 10, false],
      ['token_estimate_output_high', 0.8, 1, 60, false],
    ]);
    // Input of high: 1.1 is within 15%; the old sample is outside the 30-day window.
    const big = calibrate([sample('medium', 100, 100, 100, 260, now)], now);
    assert.equal(big[0].large, true);
    assert.equal(big[0].reason, 'Avg actual/predicted ratio: 2.60 over 1 requests');
  });
});
