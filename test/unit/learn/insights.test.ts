import assert from 'node:assert/strict';
import { deriveInsights } from '../../../src/core/learn/insights';
import type { Insight, Period } from '../../../src/core/learn/insights';
import { localDay } from '../../../src/core/model/day';
import type { QueryResult } from '../../../src/core/store/queries';

type Row<K extends keyof QueryResult> = QueryResult[K] extends (infer R)[] ? R : never;

const NOW = new Date(2026, 10, 21, 12, 0).getTime();
const TODAY = localDay(NOW);

const surv = (origin: string, checkpoint: string, charsKept: number, charsTotal: number, language = 'typescript') =>
  ({ language, origin, checkpoint, n: 1, charsKept, charsTotal });
const survival = (...rows: ReturnType<typeof surv>[]): Period => ({ insertionSurvival: { insertions: [], survival: rows } });
const tool = (name: string, source: string, ok: number, failed: number, n = ok + failed): Row<'toolSuccess'> =>
  ({ tool: name, source, n, ok, failed, avgDurationMs: null });
const req = (sourceTool: string, n: number, ok: number, failed: number, avgLatencyMs: number | null = null, intent = 'code_generation'): Row<'interactionsByIntent'> =>
  ({ intent, sourceTool, n, ok, failed, votesUp: 0, votesDown: 0, avgLatencyMs });
const fb = (day: number, n: number, avgRating: number): Row<'feedbackTrend'> => ({ day, n, avgRating });
const tok = (model: string, n: number, costUsd: number | null, costKnownN: number, sourceTool = 'claude-code'): Row<'tokensByModel'> =>
  ({ model, sourceTool, n, tokensIn: 100, tokensOut: 10, cacheRead: 0, cacheWrite: 0, costUsd, costKnownN });
const pattern = (id: string, usageCount: number, successCount: number, stale = false): Row<'patterns'> => ({
  id, name: `fn${id}`, description: null, language: 'typescript', framework: null, tags: [], complexity: 3, lines: 5,
  code: null, fingerprint: null, sourcePath: null, sourceCommit: null, firstSeenTs: null, createdTs: null, updatedTs: null,
  stale, usageCount, successCount, avgRating: null,
});

const run = (current: Period, previous?: Period, patterns?: Row<'patterns'>[]): Insight[] =>
  deriveInsights({ current, previous, patterns }, NOW);
const ids = (list: Insight[]): string[] => list.map((i) => i.id);

describe('insights', () => {
  it('gives nothing for no data', () => {
    assert.deepEqual(run({}), []);
    assert.deepEqual(run({}, {}, []), []);
  });

  it('low survival: an origin below 50% of >= 500 measured characters at the latest checkpoint, summed over languages', () => {
    assert.deepEqual(run(survival(surv('agent', 'commit', 100, 200), surv('agent', 'commit', 149, 300, 'python'))), [{
      id: 'low-survival:agent', severity: 'alert', title: 'Little agent AI code survives',
      detail: "49.8% of 500 characters of agent AI code were still there at 'commit' (249 kept).",
      evidence: { origin: 'agent', checkpoint: 'commit', charsKept: 249, charsMeasured: 500, keptPct: 49.8 },
    }]);
    assert.deepEqual(run(survival(surv('agent', 'commit', 250, 500))), [], 'exactly 50% is not below');
    assert.deepEqual(run(survival(surv('agent', 'commit', 0, 499))), [], 'small sample');
  });

  it('low survival of inserted patterns is about your own patterns, never called AI code, and not an alert', () => {
    const [i] = run(survival(surv('pattern', 'commit', 0, 593)));
    assert.equal(i.title, 'Little of your inserted pattern code survives');
    assert.equal(i.detail, "0% of 593 characters of your inserted pattern code were still there at 'commit' (0 kept).");
    assert.equal(i.severity, 'warning');
    assert.doesNotMatch(`${i.title} ${i.detail}`, /\bAI\b/);
  });

  it('low survival: commit, else 15m, else 5m, the first with enough characters measured', () => {
    const fifteen = run(survival(surv('chat', 'commit', 0, 100), surv('chat', '15m', 900, 1000), surv('chat', '5m', 0, 900)));
    assert.deepEqual(fifteen, [], "15m (90%) wins over commit (too few) and 5m");
    const five = run(survival(surv('chat', 'commit', 0, 499), surv('chat', '30s', 0, 5000), surv('chat', '5m', 200, 600)));
    assert.deepEqual(five.map((i) => [i.id, i.evidence.checkpoint, i.evidence.keptPct]), [['low-survival:chat', '5m', 33.3]]);
  });

  it('survival falling: >= 15 points vs the previous period at the same checkpoint, enough characters in both', () => {
    const prev = survival(surv('inline', 'commit', 650, 1000));
    assert.deepEqual(run(survival(surv('inline', 'commit', 500, 1000)), prev), [{
      id: 'survival-falling:inline', severity: 'warning', title: 'Less inline AI code survives than before',
      detail: "50% kept at 'commit' (500 of 1000 characters), down from 65% (650 of 1000).",
      evidence: { origin: 'inline', checkpoint: 'commit', keptPct: 50, previousKeptPct: 65, dropPoints: 15, charsMeasured: 1000, previousCharsMeasured: 1000 },
    }]);
    assert.deepEqual(run(survival(surv('inline', 'commit', 501, 1000)), prev), [], '14.9 points');
    assert.deepEqual(run(survival(surv('inline', 'commit', 500, 1000)), survival(surv('inline', 'commit', 499, 499))), [], 'small previous');
    assert.deepEqual(run(survival(surv('inline', 'commit', 500, 1000))), [], 'no previous period');
  });

  it('success of AI requests falling: >= 15 points with >= 20 known outcomes in both periods', () => {
    const prev: Period = { interactionsByIntent: [req('copilot-chat', 12, 10, 2), req('claude-code', 8, 6, 2, null, 'debugging')] };
    assert.deepEqual(run({ interactionsByIntent: [req('copilot-chat', 20, 13, 7)] }, prev), [{
      id: 'success-falling', severity: 'warning', title: 'Fewer AI requests succeed than before',
      detail: '65% of 20 AI requests succeeded, down from 80% of 20.',
      evidence: { okPct: 65, previousOkPct: 80, dropPoints: 15, requests: 20, previousRequests: 20 },
    }]);
    assert.deepEqual(run({ interactionsByIntent: [req('copilot-chat', 20, 14, 6)] }, prev), [], '10 points');
    assert.deepEqual(run({ interactionsByIntent: [req('copilot-chat', 30, 10, 9)] }, prev), [], '19 known outcomes');
  });

  it('tools failing: terminal/task with >= 5 known runs below 60% success, worst first', () => {
    const list = run({ toolSuccess: [tool('npm', 'terminal', 2, 3), tool('build', 'task', 1, 4), tool('make', 'terminal', 3, 2)] });
    assert.deepEqual(list, [{
      id: 'tool-failing:task:build', severity: 'alert', title: 'build fails often',
      detail: 'build (task) succeeded in 1 of 5 runs (20%).',
      evidence: { tool: 'build', source: 'task', runs: 5, ok: 1, failed: 4, successPct: 20 },
    }, {
      id: 'tool-failing:terminal:npm', severity: 'alert', title: 'npm fails often',
      detail: 'npm (terminal) succeeded in 2 of 5 runs (40%).',
      evidence: { tool: 'npm', source: 'terminal', runs: 5, ok: 2, failed: 3, successPct: 40 },
    }], 'make at exactly 60% does not fire');
    const quiet = run({ toolSuccess: [tool('cargo', 'terminal', 0, 4), tool('git', 'terminal', 1, 3, 10), tool('Bash', 'import', 0, 10)] });
    assert.deepEqual(quiet, [], '4 runs; 4 known outcomes of 10; agent tool calls are not local runs');
  });

  it('test runs failing more: >= 15 points more failures with >= 5 test runs in both; npm (first word only) is not a test run', () => {
    const prev: Period = { toolSuccess: [tool('jest', 'terminal', 8, 2), tool('test: unit', 'task', 8, 2), tool('npm', 'terminal', 0, 10)] };
    const cur: Period = { toolSuccess: [tool('jest', 'terminal', 6, 4), tool('test: unit', 'task', 7, 3), tool('tsc', 'terminal', 9, 0)] };
    assert.deepEqual(run(cur, prev), [{
      id: 'tests-failing-more', severity: 'warning', title: 'Test runs fail more often than before',
      detail: '7 of 20 test runs failed (35%), up from 20% (4 of 20).',
      evidence: { failedPct: 35, previousFailedPct: 20, risePoints: 15, runs: 20, previousRuns: 20, tools: 'jest, test: unit' },
    }]);
    const lower: Period = { toolSuccess: [tool('jest', 'terminal', 7, 3), tool('test: unit', 'task', 7, 3)] };
    assert.deepEqual(run(lower, prev), [], '10 points');
    assert.deepEqual(run(cur, { toolSuccess: [tool('pytest', 'terminal', 4, 0)] }), [], '4 previous test runs');
  });

  it('slow responses: a source tool above 30 s over >= 5 requests, weighted over intents', () => {
    const cur: Period = { interactionsByIntent: [req('claude-code', 3, 3, 0, 30_000), req('claude-code', 2, 2, 0, 30_003, 'debugging'), req('claude-code', 9, 9, 0, null, 'test')] };
    assert.deepEqual(run(cur), [{
      id: 'slow-responses:claude-code', severity: 'warning', title: 'Slow responses from claude-code',
      detail: 'claude-code took 30 s on average over 5 requests.',
      evidence: { sourceTool: 'claude-code', avgMs: 30_001, requests: 5 },
    }]);
    assert.deepEqual(run({ interactionsByIntent: [req('claude-code', 5, 5, 0, 30_000)] }), [], 'exactly 30 s');
    assert.deepEqual(run({ interactionsByIntent: [req('claude-code', 4, 4, 0, 90_000)] }), [], '4 requests');
  });

  it('slow responses: up >= 50% vs the previous period with >= 5 requests in both', () => {
    const prev: Period = { interactionsByIntent: [req('copilot-chat', 5, 5, 0, 10_000)] };
    assert.deepEqual(run({ interactionsByIntent: [req('copilot-chat', 6, 6, 0, 15_000)] }, prev), [{
      id: 'slow-responses:copilot-chat', severity: 'warning', title: 'copilot-chat responds more slowly than before',
      detail: 'copilot-chat took 15 s on average over 6 requests, 10 s over 5 in the previous period.',
      evidence: { sourceTool: 'copilot-chat', avgMs: 15_000, requests: 6, previousAvgMs: 10_000, previousRequests: 5, risePct: 50 },
    }]);
    assert.deepEqual(run({ interactionsByIntent: [req('copilot-chat', 6, 6, 0, 14_990)] }, prev), [], '+49.9%');
    const smallPrev: Period = { interactionsByIntent: [req('copilot-chat', 4, 4, 0, 1_000)] };
    assert.deepEqual(run({ interactionsByIntent: [req('copilot-chat', 6, 6, 0, 15_000)] }, smallPrev), [], '4 previous requests');
  });

  it('satisfaction dropping: average rating down >= 0.5 with >= 3 ratings in each period', () => {
    const prev: Period = { feedbackTrend: [fb(TODAY - 20, 2, 4.5), fb(TODAY - 19, 1, 3)] };
    assert.deepEqual(run({ feedbackTrend: [fb(TODAY - 2, 3, 3.5)] }, prev), [{
      id: 'satisfaction-dropping', severity: 'warning', title: 'Ratings of AI help are dropping',
      detail: 'Average rating 3.5 over 3 ratings, down from 4 over 3.',
      evidence: { avgRating: 3.5, previousAvgRating: 4, drop: 0.5, ratings: 3, previousRatings: 3 },
    }]);
    assert.deepEqual(run({ feedbackTrend: [fb(TODAY - 2, 3, 3.6)] }, prev), [], '0.4 lower');
    assert.deepEqual(run({ feedbackTrend: [fb(TODAY - 2, 2, 1)] }, prev), [], '2 ratings');
  });

  it("satisfaction anomaly: today's average >= 2 standard deviations below >= 7 earlier days", () => {
    const base = [3, 5, 3, 5, 3, 5, 4].map((r, i) => fb(TODAY - 7 + i, 1, r)); // mean 4, sd 1
    assert.deepEqual(run({ feedbackTrend: [...base, fb(TODAY, 3, 2)] }), [{
      id: 'satisfaction-anomaly', severity: 'alert', title: "Today's ratings are unusually low for you",
      detail: "Today's average rating 2 (3 ratings) is 2 standard deviations below your daily average 4 over 7 days.",
      evidence: { todayAvgRating: 2, todayRatings: 3, baselineAvgRating: 4, baselineSd: 1, baselineDays: 7, z: -2 },
    }]);
    assert.deepEqual(run({ feedbackTrend: [...base, fb(TODAY, 3, 2.01)] }), [], 'z = -1.99');
    assert.deepEqual(run({ feedbackTrend: [...base, fb(TODAY, 2, 1)] }), [], '2 ratings today');
    assert.deepEqual(run({ feedbackTrend: [...base.slice(1), fb(TODAY, 3, 1)] }), [], '6 baseline days');
    const split = run({ feedbackTrend: [...base.slice(4), fb(TODAY, 3, 2)] }, { feedbackTrend: base.slice(0, 4) });
    assert.deepEqual(ids(split), ['satisfaction-anomaly', 'satisfaction-dropping'], 'baseline spans both periods');
  });

  it('cost: the model with the highest known cost share (>= 5 priced requests) and unknown costs counted', () => {
    const current: Period = { tokensByModel: [
      tok('opus', 3, 2, 3), tok('opus', 1, 1, 1, 'copilot-chat'), tok('sonnet', 3, 1, 1), tok('mystery', 5, null, 0),
    ] };
    assert.deepEqual(run(current), [{
      id: 'cost-top-model', severity: 'info', title: 'opus costs the most',
      detail: 'opus: $3 of $4 known cost (75%, 4 priced requests).',
      evidence: { model: 'opus', costUsd: 3, totalCostUsd: 4, sharePct: 75, requests: 4, knownRequests: 5 },
    }, {
      id: 'cost-unknown', severity: 'info', title: 'Cost unknown for 7 requests',
      detail: 'No known price for 7 requests (mystery, sonnet); their cost is left out, never guessed.',
      evidence: { requests: 7, models: 'mystery, sonnet' },
    }]);
    assert.deepEqual(ids(run({ tokensByModel: [tok('opus', 4, 4, 4)] })), [], '4 priced requests, none unknown');
  });

  it('patterns paying off: >= 3 uses at >= 80% success, not stale, best 3', () => {
    const pats = [pattern('a', 3, 3), pattern('b', 5, 4), pattern('c', 5, 3), pattern('d', 2, 2), pattern('e', 10, 10, true)];
    assert.deepEqual(run({}, undefined, pats), [{
      id: 'pattern-pays-off:b', severity: 'good', title: 'Pattern fnb keeps paying off',
      detail: 'Used 5 times, 4 successful (80%).', evidence: { pattern: 'fnb', uses: 5, successes: 4, successPct: 80 },
    }, {
      id: 'pattern-pays-off:a', severity: 'good', title: 'Pattern fna keeps paying off',
      detail: 'Used 3 times, 3 successful (100%).', evidence: { pattern: 'fna', uses: 3, successes: 3, successPct: 100 },
    }]);
    const more = run({}, undefined, [...pats, pattern('f', 10, 9), pattern('g', 4, 4)]);
    assert.deepEqual(ids(more), ['pattern-pays-off:f', 'pattern-pays-off:b', 'pattern-pays-off:g']);
  });

  it('sorts alerts, warnings, info, good and keeps at most 8', () => {
    const current: Period = {
      ...survival(surv('agent', 'commit', 100, 1000), surv('chat', 'commit', 400, 1000)),
      toolSuccess: [tool('npm', 'terminal', 0, 5), tool('make', 'terminal', 1, 4), tool('go', 'terminal', 2, 3)],
      interactionsByIntent: [req('aider', 5, 5, 0, 40_000), req('codex', 5, 5, 0, 50_000)],
      tokensByModel: [tok('opus', 5, 5, 5), tok('mystery', 1, null, 0)],
    };
    const list = run(current, undefined, [pattern('a', 3, 3)]);
    assert.deepEqual(ids(list), [
      'low-survival:agent', 'low-survival:chat', 'tool-failing:terminal:npm', 'tool-failing:terminal:make',
      'tool-failing:terminal:go', 'slow-responses:codex', 'slow-responses:aider', 'cost-top-model',
    ]);
    const unCapped = run({ ...current, toolSuccess: [] }, undefined, [pattern('a', 3, 3)]);
    assert.deepEqual(unCapped.map((i) => i.severity), ['alert', 'alert', 'warning', 'warning', 'info', 'info', 'good']);
  });

  it('skips rows with non-finite or negative numbers instead of throwing', () => {
    const bad: Period = {
      ...survival(surv('agent', 'commit', Number.NaN, 1000), surv('agent', 'commit', 900, 500)),
      toolSuccess: [tool('npm', 'terminal', -5, 10)],
      interactionsByIntent: [req('aider', 5, 5, 0, Number.POSITIVE_INFINITY)],
      feedbackTrend: [fb(TODAY, Number.NaN, 1)],
      tokensByModel: [tok('opus', 5, Number.NaN, 5)],
    };
    assert.deepEqual(run(bad, bad, [pattern('x', 3, 5)]), []);
  });
});
