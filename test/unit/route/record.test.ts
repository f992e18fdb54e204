import assert from 'node:assert/strict';
import type { RecordedEvent } from '../../../src/core/model/events';
import { loadSqlJs, openDb, scalar } from '../../../src/core/store/db';
import { Ingestor } from '../../../src/core/store/ingest';
import { runQuery } from '../../../src/core/store/queries';
import { answerEvents, outcomeEvent, patternOutcomeEvents } from '../../../src/core/route/record';
import { nextFallback } from '../../../src/core/route/fallback';
import { routeRequest } from '../../../src/core/route/router';
import { estimateTokens } from '../../../src/core/route/calibration';
import { emptyRoutingState } from '../../../src/core/route/state';
import type { TaskProfile } from '../../../src/core/route/task-profile';

const T0 = Date.UTC(2026, 11, 1, 9);
const task: TaskProfile = { intent: 'debugging', taskType: 'debugging', complexity: 'medium', language: 'python' };
const models = [{ id: 'slow-model' }, { id: 'good-model' }, { id: 'failing-model' }];

describe('route: recording an answer (the participant contract) through the real store', () => {
  it('a timed-out first model, a fallback that answered, a vote: the store learns all three', async () => {
    const { db } = openDb(await loadSqlJs());
    const ingest = new Ingestor(db);
    const decision = routeRequest(task, models, emptyRoutingState(), { random: () => 0.99, preferred: 'slow-model' });
    const estimate = estimateTokens(task, 900, emptyRoutingState());
    const evs = [
      ...answerEvents({ requestId: 'r1', ts: T0, task, decision, attempts: [{ model: 'slow-model', failure: 'timeout', elapsedMs: 60_000 },
        { model: 'good-model', elapsedMs: 4000 }], promptChars: 120, responseChars: 900, tokensIn: 1000, tokensOut: 300, estimate,
      ab: [{ testId: 't1', arm: 'treatment' }] }),
      outcomeEvent('r1', 0, T0 + 1, 'debugging', 'good-model', { completed: true }),
      outcomeEvent('r1', 1, T0 + 60_000, 'debugging', 'good-model', { completed: true, vote: 1 }),
    ].filter((e): e is NonNullable<typeof e> => e !== undefined) as RecordedEvent[];
    assert.deepEqual(evs.map((e) => (e.kind === 'learning' ? e.what : e.kind)),
      ['ai_interaction', 'route', 'fallback', 'estimate', 'ab_assignment', 'outcome', 'outcome']);
    const res = ingest.apply([{ writer: 'w', records: evs.map((ev, i) => ({ seq: i + 1, ev: JSON.parse(JSON.stringify(ev)) as RecordedEvent, offset: 0 })) }]);
    assert.equal(res.quarantined, 0);
    const s = runQuery(db, 'routingState', { now: T0 + 120_000 });
    assert.deepEqual(s.figures.map((f) => [f.taskType, f.model, f.n, f.quality, f.sources]), [['debugging', 'good-model', 1, 9, { 'ai-learning': 1 }]]);
    assert.deepEqual(s.fallbacks, [{ failure: 'timeout', from: 'slow-model', to: 'good-model', tries: 1, successes: 1 }]);
    // Output 300 against the 600 predicted (no history): ratio 0.5 for medium requests.
    assert.deepEqual(s.adjustments.map((a) => [a.parameter, a.factor, a.n]), [['token_estimate_output_medium', 0.5, 1]]);
    assert.equal(scalar(db, "SELECT arm FROM ab_assignments WHERE request_id = 'r1'"), 'treatment');
    // Next time slow-model times out, the fallback that worked comes first, before the ranking's order.
    const again = routeRequest(task, [{ id: 'slow-model' }, { id: 'claude-opus-4' }, { id: 'good-model' }], s, { random: () => 0.99, preferred: 'slow-model' });
    assert.equal(nextFallback(again, ['slow-model'], 'error', s)?.model.id, 'claude-opus-4', 'the ranking (cold-start table) after another failure');
    assert.equal(nextFallback(again, ['slow-model'], 'timeout', s)?.model.id, 'good-model');
    // The patterns injected into that prompt are rated by the answer's outcome (9: kept), once.
    const rated = [...patternOutcomeEvents('r1', T0 + 600_000, ['p1', 'p2'], 9), ...patternOutcomeEvents('r1', T0 + 700_000, ['p1'], 2),
      ...patternOutcomeEvents('r2', T0 + 700_000, ['p1'], 6)];
    assert.deepEqual(rated.map((e) => e.action), ['kept', 'kept', 'discarded', 'discarded']);
    ingest.apply([{ writer: 'w', records: rated.map((ev, i) => ({ seq: 100 + i, ev, offset: 0 })) }]);
    assert.deepEqual(runQuery(db, 'patterns', {}).length, 0, 'no pattern rows: only their stats');
    assert.equal(scalar(db, "SELECT success_count FROM pattern_stats WHERE pattern_id = 'p1'"), 1);
    assert.equal(scalar(db, "SELECT count(*) FROM pattern_usage WHERE pattern_id = 'p1' AND action = 'discarded'"), 1);
    ingest.close();
    db.close();
  });
});
