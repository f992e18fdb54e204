import assert from 'node:assert/strict';
import { cheaperModels, learningAlerts } from '../../../src/core/route/advice';
import { learningReport } from '../../../src/core/route/learning-report';
import { updateFigure } from '../../../src/core/route/figures';
import { deriveInsights } from '../../../src/core/learn/insights';
import { scripted, stateOf } from './helpers';

describe('route: cheaper models, alerts and the learning report', () => {
  const opus = scripted('refactor', 'claude-opus-4', 40, 8, { costUsd: 0.12, source: 'claude-code' });
  const sonnet = scripted('refactor', 'claude-sonnet-4', 12, 7.6, { costUsd: 0.03, source: 'claude-code' });
  const mini = scripted('refactor', 'gpt-4o-mini', 30, 7.4, { costUsd: 0.002, source: 'copilot-chat' });
  const state = stateOf([opus, sonnet, mini], { monthlyRequests: [{ taskType: 'refactor', model: 'claude-opus-4-20250514', n: 200 }] });

  it('suggests a cheaper model within 0.5 of quality at confidence above 0.5, with the monthly saving', () => {
    const out = cheaperModels(state);
    assert.deepEqual(out.map((i) => i.id), ['cheaper-model:refactor:claude-sonnet-4']);
    // (0.12 - 0.03) * 200 = 18; gpt-4o-mini is 0.6 below: not suggested.
    assert.equal(out[0].evidence.monthlySavingUsd, 18);
    assert.equal(out[0].evidence.confidence, 0.55);
    assert.equal(out[0].evidence.sources, 'claude-code 12');
    // Nine rated requests: confidence 0.5405 * 0.9 = 0.486, not above 0.5.
    const nine = stateOf([opus, scripted('refactor', 'claude-sonnet-4', 9, 7.6, { costUsd: 0.03 })], { monthlyRequests: state.monthlyRequests });
    assert.deepEqual(cheaperModels(nine), []);
  });

  it('reaches the existing insights system (dashboard, CLI) when the routing state is given', () => {
    assert.deepEqual(deriveInsights({ current: {}, routing: state }, 0).map((i) => i.id), ['cheaper-model:refactor:claude-sonnet-4']);
    assert.deepEqual(deriveInsights({ current: {} }, 0), []);
  });

  it('alerts: a large adjustment, a model below its mean minus two sd, a test reaching significance', () => {
    let degraded = scripted('debugging', 'm', 30, 8);
    degraded = updateFigure(degraded, 'debugging', 'm', { quality: 9, ts: 1, source: 'x' });
    // Mean 253/35 = 7.23, sd 2.28, the EMA's sd 2.28 * sqrt(0.1/1.9) = 0.52: the EMA 5.66 is below 7.23 - 1.05.
    assert.deepEqual(learningAlerts(stateOf([degraded])), []);
    for (let i = 0; i < 4; i++) degraded = updateFigure(degraded, 'debugging', 'm', { quality: 1, ts: 2, source: 'x' });
    const x = [6.1, 7.3, 5.8, 8.0, 6.6, 7.1, 5.9, 6.8];
    const y = [7.9, 8.4, 7.2, 9.1, 8.8, 7.7, 8.3, 9.0, 8.1, 7.6];
    const s = stateOf([degraded, opus], {
      adjustments: [{ parameter: 'token_estimate_output_high', direction: 'output', complexity: 'high', factor: 1.6, confidence: 0.3, n: 15, ts: 1, reason: 'r' },
        { parameter: 'token_estimate_input_low', direction: 'input', complexity: 'low', factor: 1.2, confidence: 0.3, n: 15, ts: 1, reason: 'r' }],
      tests: [{ id: 't', name: 'Patterns in the prompt', kind: 'pattern_injection', control: 'off', treatment: 'on', ratio: 0.5,
        minSamples: 8, seed: 's', state: 'running', startTs: 0,
        samples: [...x.map((q) => ({ arm: 'control' as const, quality: q })), ...y.map((q) => ({ arm: 'treatment' as const, quality: q }))] }],
    });
    assert.deepEqual(learningAlerts(s).map((i) => i.id),
      ['large-adjustment:token_estimate_output_high', 'model-degraded:debugging:m', 'ab-significant:t']);
    const report = learningReport(s, Date.UTC(2026, 11, 2));
    assert.match(report, /^# Learning report\n\nGenerated 2026-12-02T00:00:00.000Z/);
    assert.match(report, /\| token_estimate_output_high \| 1\.60 \| 15 \| 0\.30 \| r \|/);
    assert.match(report, /Patterns in the prompt.*8\/8 samples \(min 8\), metric quality, p = 0\.0005: significant, treatment wins/);
    assert.match(report, /\| refactor \| claude-opus-4 \| 40 \| 8\.0 \| 100% \| - \| \$0\.1200 \| 0\.68 \| claude-code 40 \|/);
  });
});
