import assert from 'node:assert/strict';
import { routeConfidence, routeRequest } from '../../../src/core/route/router';
import type { CandidateModel } from '../../../src/core/route/router';
import { updateFigure } from '../../../src/core/route/figures';
import type { RouteFigure } from '../../../src/core/route/state';
import { emptyRoutingState } from '../../../src/core/route/state';
import type { TaskProfile } from '../../../src/core/route/task-profile';
import { scripted, seeded, stateOf } from './helpers';

const task: TaskProfile = { intent: 'refactor', taskType: 'refactor', complexity: 'medium', language: 'typescript' };
const never = (): number => 0.99;

describe('route: figures and confidence', () => {
  it('EMA with alpha 0.1 from the first observation, Welford mean and sd', () => {
    let f: RouteFigure | undefined;
    for (const q of [8, 6, 10]) f = updateFigure(f, 'refactor', 'm', { quality: q, success: q > 7, latencyMs: q * 100, ts: 1, source: 'codex' });
    assert.ok(f);
    // quality: 8 -> 8 + 0.1*(6-8) = 7.8 -> 7.8 + 0.1*(10-7.8) = 8.02
    assert.ok(Math.abs(f.quality - 8.02) < 1e-12);
    // success 1 -> 0.9 -> 0.91; latency 800 -> 780 -> 802
    assert.ok(Math.abs(f.success - 0.91) < 1e-12);
    assert.ok(Math.abs((f.latencyMs ?? 0) - 802) < 1e-9);
    assert.equal(f.n, 3);
    assert.ok(Math.abs(f.qualityMean - 8) < 1e-12);
    assert.ok(Math.abs(f.qualityStd - 2) < 1e-12);
    assert.deepEqual(f.sources, { codex: 3 });
  });

  it('confidence is min(0.95, 0.5 + n/100*0.45) times min(1, n/10): below 0.3 under 6 rated requests', () => {
    assert.equal(routeConfidence(0), 0);
    assert.ok(Math.abs(routeConfidence(5) - 0.5225 * 0.5) < 1e-12);
    assert.ok(routeConfidence(5) < 0.3);
    assert.ok(Math.abs(routeConfidence(6) - 0.527 * 0.6) < 1e-12);
    assert.ok(routeConfidence(6) >= 0.3);
    assert.ok(Math.abs(routeConfidence(10) - 0.545) < 1e-12);
    assert.ok(Math.abs(routeConfidence(41) - (0.5 + 0.41 * 0.45)) < 1e-12);
    assert.equal(routeConfidence(100), 0.95);
    assert.equal(routeConfidence(500), 0.95);
  });
});

describe('route: routing', () => {
  const models: CandidateModel[] = [
    { id: 'gpt-4o-mini', vendor: 'copilot' }, { id: 'claude-opus-4', vendor: 'copilot' }, { id: 'claude-sonnet-4', vendor: 'copilot' },
  ];

  it('cold start: without figures the capability table ranks, and says so', () => {
    const d = routeRequest(task, models, emptyRoutingState(), { random: never });
    assert.deepEqual(d.ranked.map((r) => r.model.id), ['claude-opus-4', 'claude-sonnet-4', 'gpt-4o-mini']);
    assert.equal(d.chosen.basis, 'cold-start');
    assert.equal(d.chosen.score, 8 * 0.95);
    assert.match(d.reason, /^claude-opus-4: cold start for refactor \(typescript\)/);
  });

  it('learned figures (imported ones too) outrank the table once confidence reaches 0.3', () => {
    const state = stateOf([scripted('refactor', 'gpt-4o-mini-2024-07-18', 41, 9, { source: 'copilot-chat' })]);
    const d = routeRequest(task, models, state, { random: never });
    assert.equal(d.chosen.model.id, 'gpt-4o-mini');
    assert.equal(d.chosen.basis, 'learned');
    assert.equal(d.chosen.n, 41);
    assert.equal(d.reason, 'gpt-4o-mini: best kept code for refactor (typescript), 41 requests, quality 9.0/10, confidence 0.68');
    // Five rated requests are not enough: the table decides.
    const few = routeRequest(task, models, stateOf([scripted('refactor', 'gpt-4o-mini', 5, 10)]), { random: never });
    assert.equal(few.chosen.model.id, 'claude-opus-4');
  });

  it('the user’s pick wins and is never explored away', () => {
    const d = routeRequest(task, models, emptyRoutingState(), { random: () => 0, preferred: 'gpt-4o-mini' });
    assert.equal(d.chosen.model.id, 'gpt-4o-mini');
    assert.equal(d.explored, false);
  });

  it('explores 5% of requests, only among models costing at most 1.5x the best one', () => {
    const state = stateOf([
      scripted('refactor', 'a', 50, 9, { costUsd: 0.01 }), scripted('refactor', 'b', 50, 8, { costUsd: 0.014 }),
      scripted('refactor', 'c', 50, 8.5, { costUsd: 0.02 }),
    ]);
    const ms = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const rnd = seeded(7);
    const picks: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 20_000; i++) picks[routeRequest(task, ms, state, { random: rnd }).chosen.model.id]++;
    assert.equal(picks.c, 0, 'c costs 2x a: never explored');
    // Binomial(20000, 0.05): mean 1000, sd 30.8; 4 sd either side.
    assert.ok(picks.b > 877 && picks.b < 1123, String(picks.b));
  });

  it('a model that fails often loses its place, and regains it when it recovers (scripted outcomes)', () => {
    const ms = [{ id: 'x' }, { id: 'y' }, { id: 'z' }];
    const figs = new Map<string, RouteFigure>([['x', scripted('refactor', 'x', 50, 10)], ['y', scripted('refactor', 'y', 50, 6)],
      ['z', scripted('refactor', 'z', 50, 5)]]);
    const rnd = seeded(42);
    let xWorks = false;
    let xFailures = 0;
    let ts = 10_000;
    const step = (): void => {
      const id = routeRequest(task, ms, stateOf([...figs.values()]), { random: rnd }).chosen.model.id;
      const good = id !== 'x' || xWorks;
      if (!good) xFailures++;
      const q = id === 'x' ? (good ? 10 : 0) : id === 'y' ? 6 : 5;
      figs.set(id, updateFigure(figs.get(id), 'refactor', id, { quality: q, success: good, ts: ts++, source: 'ai-learning' }));
    };
    const first = (): string => routeRequest(task, ms, stateOf([...figs.values()]), { random: never }).ranked[0].model.id;
    // x fails: its score 10 * 0.81^k (quality and success both fall by 0.9 a failure) drops below y's 6 at k = 3.
    assert.equal(first(), 'x');
    while (first() === 'x') step();
    assert.equal(xFailures, 3);
    assert.equal(first(), 'y');
    // x recovers: only explored requests reach it. Closed form: after j successes its score is
    // (10 - (10 - q0) * 0.9^j) * (1 - (1 - s0) * 0.9^j); first again when that beats y's 6.
    xWorks = true;
    const x0 = figs.get('x')!;
    const y = figs.get('y')!;
    let j = 0;
    while ((10 - (10 - x0.quality) * 0.9 ** j) * (1 - (1 - x0.success) * 0.9 ** j) <= y.quality * y.success) j++;
    let requests = 0;
    while (first() !== 'x' && requests < 50_000) {
      step();
      requests++;
    }
    assert.equal(first(), 'x');
    assert.equal(figs.get('x')!.successN - x0.successN, j);
    assert.ok(requests > j, 'recovery is seen only through exploration, 5% of requests');
  });
});
