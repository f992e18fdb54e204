import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Database } from 'sql.js';
import type { AiInteractionEvent, RecordedEvent } from '../../../src/core/model/events';
import { all, loadSqlJs, openDb, scalar } from '../../../src/core/store/db';
import { Ingestor } from '../../../src/core/store/ingest';
import { runQuery } from '../../../src/core/store/queries';
import { learningEvent } from '../../../src/core/route/learning-events';
import { importFile } from '../../../src/core/importers/run-import';
import { DEFAULT_IMPORT_OPTIONS } from '../../../src/core/importers/types';
import { countLog } from '../../oracle/count-logs';
import type { LogTool } from '../../oracle/count-logs';

const T0 = Date.UTC(2026, 10, 1, 12);
const ai = (id: string, i: number, extra: Partial<AiInteractionEvent>): AiInteractionEvent =>
  ({ kind: 'ai_interaction', ts: T0 + i * 1000, id, sourceTool: 'claude-code', interaction: 'chat', intent: 'refactor', ...extra });

async function store(): Promise<{ db: Database; ingest: Ingestor; apply: (evs: RecordedEvent[]) => ReturnType<Ingestor['apply']> }> {
  const { db } = openDb(await loadSqlJs());
  const ingest = new Ingestor(db);
  let seq = 0;
  const apply = (evs: RecordedEvent[]) => ingest.apply([{ writer: 'w', records: evs.map((ev) => ({ seq: ++seq, ev: JSON.parse(JSON.stringify(ev)) as RecordedEvent, offset: 0 })) }]);
  return { db, ingest, apply };
}

describe('store: routing state (schema 5)', () => {
  it('folds imported and own interactions per (intent, model) with their sources; a measured outcome replaces the formula', async () => {
    const { db, apply } = await store();
    apply([
      ai('c1', 1, { model: 'claude-sonnet-4-20250514', success: true, latencyMs: 1000, costUsd: 0.02 }),
      ai('c2', 2, { model: 'claude-sonnet-4-20250514', success: false, latencyMs: 3000, costUsd: 0.04 }),
      ai('x1', 3, { sourceTool: 'codex', model: 'claude-sonnet-4-20250514', success: true, vote: 1 }),
      ai('own1', 4, { sourceTool: 'ai-learning', model: 'claude-sonnet-4-20250514', success: true, latencyMs: 2000 }),
      ai('none', 5, { success: true }),
      ai('d1', 6, { intent: 'debugging', model: 'gpt-4o', cancelled: true }),
      learningEvent('outcome', 'outcome:own1:1', T0 + 60_000, { requestId: 'own1', taskType: 'refactor', model: 'claude-sonnet-4', quality: 8.5, signals: { completed: true } }),
      learningEvent('outcome', 'outcome:own1:0', T0 + 30_000, { requestId: 'own1', taskType: 'refactor', model: 'claude-sonnet-4', quality: 3, signals: {} }),
    ]);
    const s = runQuery(db, 'routingState', { now: T0 + 86_400_000 });
    const f = s.figures.find((x) => x.taskType === 'refactor');
    assert.ok(f);
    assert.equal(s.figures.length, 2);
    assert.deepEqual(f.sources, { 'claude-code': 2, codex: 1, 'ai-learning': 1 });
    // quality: 6 (success) -> 0 (failure): 5.4 -> 9 (vote up): 5.76 -> 8.5 (measured, the later outcome won): 6.034
    assert.ok(Math.abs(f.quality - 6.034) < 1e-12, String(f.quality));
    assert.equal(f.n, 4);
    // success 1 -> 0.9 -> 0.91 -> 0.919; latency 1000 -> 1200 -> 1280; cost 0.02 -> 0.022
    assert.ok(Math.abs(f.success - 0.919) < 1e-12);
    assert.ok(Math.abs((f.latencyMs ?? 0) - 1280) < 1e-9);
    assert.ok(Math.abs((f.costUsd ?? 0) - 0.022) < 1e-12);
    const d = s.figures.find((x) => x.taskType === 'debugging');
    assert.deepEqual([d?.n, d?.quality, d?.successN], [1, 2, 0], 'a cancel is quality 2 and says nothing of success');
    assert.deepEqual(s.monthlyRequests, [{ taskType: 'debugging', model: 'gpt-4o', n: 1 }, { taskType: 'refactor', model: 'claude-sonnet-4-20250514', n: 4 }]);
    db.close();
  });

  it('records routes, fallbacks, assignments and tests; a bad learning record is set aside and counted, the rest applied', async () => {
    const { db, apply } = await store();
    const res = apply([
      learningEvent('route', 'route:r1', T0, { requestId: 'r1', taskType: 'refactor', complexity: 'low', chosen: 'a', basis: 'learned', score: 7, confidence: 0.6, explored: false, candidates: 3 }),
      learningEvent('fallback', 'fb:r1:1', T0 + 1, { requestId: 'r1', attempt: 1, from: 'a', failure: 'timeout', to: 'b', succeeded: true }),
      learningEvent('fallback', 'fb:r2:1', T0 + 2, { requestId: 'r2', attempt: 1, from: 'a', failure: 'timeout', to: 'b', succeeded: false }),
      learningEvent('fallback', 'fb:r3:1', T0 + 3, { requestId: 'r3', attempt: 1, from: 'a', failure: 'timeout', to: 'b', succeeded: true }),
      learningEvent('ab_test', 'ab:t1', T0, { op: 'create', id: 't1', name: 'Patterns', kind: 'pattern_injection', control: 'off', treatment: 'on', ratio: 0.5, minSamples: 2, seed: 'seed' }),
      learningEvent('ab_assignment', 'aba:t1:r1', T0 + 5, { testId: 't1', requestId: 'r1', arm: 'control' }),
      learningEvent('ab_assignment', 'aba:t1:r1', T0 + 5, { testId: 't1', requestId: 'r1', arm: 'control' }),
      learningEvent('ab_assignment', 'aba:t1:r2', T0 + 6, { testId: 't1', requestId: 'r2', arm: 'treatment' }),
      learningEvent('outcome', 'o:r1', T0 + 7, { requestId: 'r1', taskType: 'refactor', model: 'a', quality: 7, signals: {}, costUsd: 0.01 }),
      { kind: 'learning', ts: T0 + 8, id: 'bad', what: 'outcome', data: { requestId: 'r9', model: 'a', quality: 42 } },
      { kind: 'learning', ts: T0 + 9, id: 'future', what: 'something_new', data: {} },
    ]);
    assert.equal(res.quarantined, 1);
    assert.match(String(scalar(db, 'SELECT reason FROM quarantine')), /outcome quality 42 outside 0-10/);
    const s = runQuery(db, 'routingState', { now: T0 + 10 });
    assert.deepEqual(s.fallbacks, [{ failure: 'timeout', from: 'a', to: 'b', tries: 3, successes: 2 }]);
    assert.equal(s.tests.length, 1);
    assert.deepEqual(s.tests[0].samples, [{ arm: 'control', quality: 7, costUsd: 0.01 }, { arm: 'treatment' }]);
    assert.equal(s.tests[0].state, 'running');
    assert.deepEqual(all(db, 'SELECT chosen, basis, explored FROM route_decisions'), [{ chosen: 'a', basis: 'learned', explored: 0 }]);
    apply([learningEvent('ab_test', 'ab:t1:accept', T0 + 20, { op: 'accept', id: 't1' })]);
    assert.equal(scalar(db, "SELECT state FROM ab_tests WHERE id = 't1'"), 'accepted');
    db.close();
  });

  it('is kept until a row is written or the minute turns, and a write or a delete is seen at once', async () => {
    const { db, apply } = await store();
    apply([ai('c1', 1, { model: 'gpt-4o', success: true })]);
    const now = T0 + 86_400_000;
    const first = runQuery(db, 'routingState', { now });
    assert.equal(runQuery(db, 'routingState', { now: now + 1000 }), first, 'same rows, same minute: the folded state is reused');
    assert.notEqual(runQuery(db, 'routingState', { now: now + 60_000 }), first, 'the next minute folds again');
    apply([ai('c2', 2, { model: 'gpt-4o', success: false })]);
    const after = runQuery(db, 'routingState', { now: now + 60_000 });
    assert.equal(after.figures.find((f) => f.model === 'gpt-4o')?.n, 2, 'a new interaction is in the next answer');
    db.run('DELETE FROM ai_interactions');
    assert.deepEqual(runQuery(db, 'routingState', { now: now + 60_000 }).figures, [], 'a delete is seen at once');
    db.close();
  });

  it('calibrates token estimates per complexity class as estimates arrive (seed 004), latest adjustment applies', async () => {
    const { db, apply } = await store();
    const est = (i: number, complexity: 'low' | 'high', po: number, ao: number) => learningEvent('estimate', `e${i}`, T0 + i,
      { requestId: `q${i}`, taskType: 'test', complexity, model: 'm', predictedInput: 1000, predictedOutput: po, actualInput: 1000, actualOutput: ao });
    apply(Array.from({ length: 10 }, (_, i) => est(i, 'low', 100, 150)));
    let s = runQuery(db, 'routingState', { now: T0 + 100 });
    assert.equal(s.adjustments.length, 1);
    const a = s.adjustments[0];
    assert.deepEqual([a.parameter, a.factor, a.n, a.confidence], ['token_estimate_output_low', 1.5, 10, 0.2]);
    // One row: the factor held at 1.5 while its count and confidence grew.
    assert.equal(scalar(db, "SELECT count(*) FROM learning_adjustments WHERE parameter = 'token_estimate_output_low'"), 1);
    // Back on target: 40 more exact ones bring the mean to (10 * 1.5 + 40) / 50 = 1.1, within 15%: factor 1 again.
    apply(Array.from({ length: 40 }, (_, i) => est(100 + i, 'low', 100, 100)));
    s = runQuery(db, 'routingState', { now: T0 + 1000 });
    assert.ok(Number(scalar(db, 'SELECT count(*) FROM learning_adjustments')) >= 3, 'the factor moved down, then back to 1');
    assert.equal(s.adjustments[0].factor, 1);
    assert.match(s.adjustments[0].reason, /^Back within 15%/);
    db.close();
  });

  it('a version-4 database keeps every row through migration 5', async () => {
    const SQL = await loadSqlJs();
    const { MIGRATIONS } = await import('../../../src/core/model/schema');
    const v4 = new SQL.Database();
    for (const m of MIGRATIONS.filter((x) => x.version <= 4)) v4.exec(m.sql);
    v4.exec(`PRAGMA user_version=4; INSERT INTO ai_interactions (id, ts, day, source_tool, intent, model, success) VALUES ('i1', ${T0}, 1, 'codex', 'test', 'gpt-5', 1);
      INSERT INTO model_performance (task_type, model, n, ema_quality) VALUES ('test', 'gpt-5', 1, 0.73);
      INSERT INTO learning_events (id, ts, day, what, data) VALUES ('l1', 1, 1, 'x', '{}');`);
    const before = all<{ name: string }>(v4, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map((r) => r.name);
    const counts = (d: Database): number[] => before.map((t) => Number(scalar(d, `SELECT count(*) FROM ${t}`)));
    const c4 = counts(v4);
    const { db, version } = openDb(SQL, v4.export());
    v4.close();
    assert.equal(version, 5);
    assert.deepEqual(counts(db), c4);
    const { RAW_TABLES, TABLES } = await import('../../../src/core/model/schema');
    for (const t of ['learning_adjustments', 'ab_tests', 'ab_assignments', 'route_decisions', 'route_fallbacks', 'route_outcomes', 'token_estimates']) {
      assert.equal(scalar(db, `SELECT count(*) FROM ${t}`), 0, t);
      // Exported (the export writes every table of TABLES) and never aged out by retention (only raw tables are).
      assert.ok(TABLES.some((x) => x.name === t && x.role === 'entity'), t);
      assert.ok(!RAW_TABLES.includes(t), t);
    }
    const s = runQuery(db, 'routingState', { now: T0 + 1 });
    assert.deepEqual(s.figures.map((f) => [f.taskType, f.model, f.n, f.quality, f.sources]), [['test', 'gpt-5', 1, 6, { codex: 1 }]]);
    db.close();
  });
});

describe('store: routing state over real imported logs', () => {
  const REAL = join(__dirname, '../../fixtures/ai-logs/real/git-ai');
  // git-ai's fixtures (Apache-2.0, real/SOURCE.md); not claude-code-with-thinking.jsonl (held out for intent labels).
  const files: [LogTool, string, 'claude-code' | 'codex' | 'copilot-session-json'][] = [
    ['claude-code', 'example-claude-code.jsonl', 'claude-code'], ['codex', 'codex-session-simple.jsonl', 'codex'],
    ['copilot', 'copilot_session_simple.json', 'copilot-session-json'],
  ];

  it('every imported request with a model is in a figure, under its source tool (counts from the independent counter)', async () => {
    const { db, apply } = await store();
    for (const [, name, format] of files) {
      const events: RecordedEvent[] = [];
      await importFile({ path: join(REAL, name), format, source: 'claudeCode' }, undefined, { ...DEFAULT_IMPORT_OPTIONS, quietMs: 0 }, (e) => events.push(e));
      apply(events);
    }
    const s = runQuery(db, 'routingState', { now: Date.now() });
    const bySource = new Map<string, number>();
    for (const f of s.figures) for (const [src, n] of Object.entries(f.sources)) bySource.set(src, (bySource.get(src) ?? 0) + n);
    const withModel = all<{ source: string; n: number }>(db, "SELECT source_tool AS source, count(*) AS n FROM ai_interactions WHERE model IS NOT NULL AND model != '' GROUP BY 1");
    assert.deepEqual(Object.fromEntries(bySource), Object.fromEntries(withModel.map((r) => [r.source, r.n])));
    for (const [tool, name] of files) {
      const oracle = countLog(join(REAL, name), tool);
      const src = tool === 'copilot' ? 'copilot-chat' : tool;
      assert.ok(oracle.models.length > 0, name);
      const figModels = new Set(s.figures.filter((f) => (f.sources[src] ?? 0) > 0).map((f) => f.model));
      for (const m of oracle.models) assert.ok(figModels.has(m), `${name}: ${m} has a figure`);
      // Every response of the log is one interaction (Claude Code: one per API response).
      assert.equal(bySource.get(src), oracle.responses, `${name}: responses`);
      const rated = s.figures.filter((f) => (f.sources[src] ?? 0) > 0).reduce((a, f) => a + f.n, 0);
      assert.equal(rated, oracle.responses, `${name}: every answered response is rated (6, by the formula)`);
    }
    db.close();
  });
});
