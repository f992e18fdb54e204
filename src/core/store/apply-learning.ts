/**
 * How `learning` events of the learning loop (issue 15; shapes in `src/core/route/learning-events.ts`) land in the
 * version-5 tables. Called once per newly stored learning event (its id is new), inside the ingest transaction.
 * A `what` this version does not know is kept in `learning_events` only; a known `what` with unusable data throws,
 * so the ingestor sets the record aside (quarantine) and counts it, and the rest of the batch is applied.
 */
import type { SqlValue } from 'sql.js';
import type { LearningEvent } from '../model/events';
import type { ApplyContext } from './apply';
import { WINDOW_MS, adjustmentFor } from '../route/calibration';
import type { Complexity } from '../route/task-profile';

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const bool = (v: unknown): number | null => (typeof v === 'boolean' ? (v ? 1 : 0) : null);
const COMPLEXITIES: readonly string[] = ['low', 'medium', 'high'];

function need(what: string, d: Record<string, unknown>, fields: string[]): void {
  for (const f of fields) if (str(d[f]) === null) throw new Error(`learning ${what} without ${f}`);
}

const SQL = {
  route: `INSERT OR IGNORE INTO route_decisions (request_id, ts, day, task_type, complexity, language, chosen, basis, score,
    confidence, explored, preferred, candidates) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  fallback: `INSERT OR IGNORE INTO route_fallbacks (request_id, attempt, ts, day, from_model, failure, to_model, succeeded)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  outcome: `INSERT INTO route_outcomes (request_id, ts, task_type, model, quality, cost_usd, signals) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(request_id) DO UPDATE SET ts = excluded.ts, task_type = excluded.task_type, model = excluded.model,
    quality = excluded.quality, cost_usd = coalesce(excluded.cost_usd, cost_usd), signals = excluded.signals
    WHERE excluded.ts >= route_outcomes.ts`,
  estimate: `INSERT INTO token_estimates (request_id, ts, task_type, complexity, model, predicted_input, predicted_output,
    actual_input, actual_output, cost_usd) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(request_id) DO UPDATE SET
    task_type = coalesce(excluded.task_type, task_type), complexity = coalesce(excluded.complexity, complexity),
    model = coalesce(excluded.model, model), predicted_input = coalesce(excluded.predicted_input, predicted_input),
    predicted_output = coalesce(excluded.predicted_output, predicted_output),
    actual_input = coalesce(excluded.actual_input, actual_input), actual_output = coalesce(excluded.actual_output, actual_output),
    cost_usd = coalesce(excluded.cost_usd, cost_usd)`,
  ratio: (col: 'input' | 'output'): string => `SELECT count(*), avg(CAST(actual_${col} AS REAL) / max(predicted_${col}, 1))
    FROM token_estimates WHERE complexity = ? AND ts > ? AND ts <= ? AND actual_${col} IS NOT NULL AND predicted_${col} IS NOT NULL`,
  latestAdjustment: 'SELECT adjusted_value, id FROM learning_adjustments WHERE parameter = ? ORDER BY ts DESC, id DESC LIMIT 1',
  refresh: 'UPDATE learning_adjustments SET confidence = ?, n = ?, reason = ? WHERE id = ?',
  adjustment: `INSERT OR IGNORE INTO learning_adjustments (id, ts, parameter, parameter_type, direction, complexity, original_value,
    adjusted_value, confidence, n, reason) VALUES (?, ?, ?, 'token_estimation', ?, ?, ?, ?, ?, ?, ?)`,
  testCreate: `INSERT OR IGNORE INTO ab_tests (id, ts, name, kind, control, treatment, ratio, min_samples, seed, state)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'running')`,
  testDecide: "UPDATE ab_tests SET state = 'decided', winner = ?, p_value = ?, decided_ts = ? WHERE id = ? AND state = 'running'",
  testClose: "UPDATE ab_tests SET state = ?, closed_ts = ? WHERE id = ? AND state IN ('running', 'decided')",
  assignment: 'INSERT OR IGNORE INTO ab_assignments (test_id, request_id, ts, arm) VALUES (?, ?, ?, ?)',
} as const;

/** Applies the learning loop's part of one stored `learning` event. */
export function applyLearning(ev: LearningEvent, c: ApplyContext): void {
  const d = (typeof ev.data === 'object' && ev.data !== null ? ev.data : {});
  switch (ev.what) {
    case 'route':
      need('route', d, ['requestId', 'chosen']);
      c.run(SQL.route, [str(d.requestId), ev.ts, c.day, str(d.taskType), str(d.complexity), str(d.language), str(d.chosen),
        str(d.basis), num(d.score), num(d.confidence), bool(d.explored), str(d.preferred), num(d.candidates)]);
      return;
    case 'fallback':
      need('fallback', d, ['requestId', 'from', 'to', 'failure']);
      c.run(SQL.fallback, [str(d.requestId), num(d.attempt) ?? 0, ev.ts, c.day, str(d.from), str(d.failure), str(d.to), bool(d.succeeded)]);
      return;
    case 'outcome': {
      need('outcome', d, ['requestId', 'model']);
      const q = num(d.quality);
      if (q === null || q < 0 || q > 10) throw new Error(`learning outcome quality ${String(d.quality).slice(0, 20)} outside 0-10`);
      c.run(SQL.outcome, [str(d.requestId), ev.ts, str(d.taskType), str(d.model), q, num(d.costUsd), JSON.stringify(d.signals ?? {})]);
      return;
    }
    case 'estimate':
      return estimate(ev, d, c);
    case 'ab_test':
      return abTest(ev, d, c);
    case 'ab_assignment':
      need('ab_assignment', d, ['testId', 'requestId']);
      if (d.arm !== 'control' && d.arm !== 'treatment') throw new Error(`learning ab_assignment arm ${String(d.arm).slice(0, 20)}`);
      c.run(SQL.assignment, [str(d.testId), str(d.requestId), ev.ts, d.arm]);
      return;
    default:
      // Other `what`s (model performance notes, insights raised) stay in learning_events only.
  }
}

const count = (v: unknown): number | null => {
  const n = num(v);
  return n !== null && n >= 0 && n <= 1e9 ? Math.round(n) : null;
};

/** Stores the estimate, then re-runs the calibration of its complexity class (seed 004) and records a change. */
function estimate(ev: LearningEvent, d: Record<string, unknown>, c: ApplyContext): void {
  need('estimate', d, ['requestId']);
  const complexity = str(d.complexity);
  if (complexity !== null && !COMPLEXITIES.includes(complexity)) throw new Error(`learning estimate complexity ${complexity.slice(0, 20)}`);
  c.run(SQL.estimate, [str(d.requestId), ev.ts, str(d.taskType), complexity, str(d.model), count(d.predictedInput),
    count(d.predictedOutput), count(d.actualInput), count(d.actualOutput), num(d.costUsd)]);
  const row = c.get('SELECT complexity FROM token_estimates WHERE request_id = ?', [str(d.requestId)]);
  const cls = row && typeof row[0] === 'string' ? (row[0] as Complexity) : null;
  if (cls === null) return;
  for (const direction of ['input', 'output'] as const) recalibrate(ev, c, cls, direction);
}

function recalibrate(ev: LearningEvent, c: ApplyContext, complexity: Complexity, direction: 'input' | 'output'): void {
  const agg = c.get(SQL.ratio(direction), [complexity, ev.ts - WINDOW_MS, ev.ts]) as [number, number | null] | undefined;
  const n = agg ? Number(agg[0]) : 0;
  const proposed = adjustmentFor(direction, complexity, n, agg?.[1] ?? NaN);
  const parameter = `token_estimate_${direction}_${complexity}`;
  const latest = c.get(SQL.latestAdjustment, [parameter]);
  const prevFactor = latest ? Number(latest[0]) : 1;
  const factor = proposed?.factor ?? 1;
  const confidence = proposed?.confidence ?? Math.min(n / 50, 1);
  const reason = proposed?.reason ?? `Back within 15%: avg actual/predicted ratio ${(agg?.[1] ?? 1).toFixed(2)} over ${n} requests`;
  // A row per change of the factor (by 0.01 or more, or back to 1 once within tolerance); while the factor holds,
  // the latest row's sample count and confidence follow the window.
  if (latest !== undefined && Math.abs(factor - prevFactor) < 0.01) {
    if (proposed !== undefined) c.run(SQL.refresh, [confidence, n, reason, latest[1]]);
    return;
  }
  if (latest === undefined && proposed === undefined) return;
  const params: SqlValue[] = [`${parameter}:${ev.id}`, ev.ts, parameter, direction, complexity, prevFactor, factor, confidence, n, reason];
  c.run(SQL.adjustment, params);
}

function abTest(ev: LearningEvent, d: Record<string, unknown>, c: ApplyContext): void {
  need('ab_test', d, ['id', 'op']);
  const id = str(d.id);
  switch (d.op) {
    case 'create': {
      const ratio = num(d.ratio);
      if (ratio === null || ratio < 0 || ratio > 1) throw new Error('learning ab_test ratio outside 0-1');
      c.run(SQL.testCreate, [id, ev.ts, str(d.name), str(d.kind), str(d.control), str(d.treatment), ratio,
        count(d.minSamples) ?? 30, str(d.seed) ?? id]);
      return;
    }
    case 'decide':
      c.run(SQL.testDecide, [d.winner === 'control' || d.winner === 'treatment' ? d.winner : null, num(d.pValue), ev.ts, id]);
      return;
    case 'accept':
    case 'stop':
      c.run(SQL.testClose, [d.op === 'accept' ? 'accepted' : 'stopped', ev.ts, id]);
      return;
    default:
      throw new Error(`learning ab_test op ${String(d.op).slice(0, 20)}`);
  }
}
