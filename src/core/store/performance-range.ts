/**
 * Model performance by task type over a range of days: the same EMA as the stored `model_performance`
 * (`src/core/learn/model-performance.ts`, folded in `apply.ts`), recomputed from the interactions of the
 * range, oldest first. Interaction history is kept forever (`retention.ts`), so any range can be folded.
 */
import type { Database } from 'sql.js';
import { hasSignal, interactionQuality, updatePerformance } from '../learn/model-performance';
import type { ModelPerformance } from '../learn/model-performance';
import { all } from './db';
import type { DayRange } from './queries';

interface Row {
  intent: string | null; model: string; success: number | null; vote: number | null; cancelled: number | null;
  latency_ms: number | null; cost_usd: number | null; ts: number;
}

const opt = (v: number | null): number | undefined => (v === null ? undefined : v);
const bool = (v: number | null): boolean | undefined => (v === null ? undefined : v === 1);

/** Rows like the `modelPerformance` query's, by task then quality descending, with at least `minN` rated. */
export function performanceInRange(db: Database, r: DayRange, minN = 0) {
  const rows = all<Row>(db, `SELECT intent, model, success, vote, cancelled, latency_ms, cost_usd, ts
    FROM ai_interactions WHERE day BETWEEN ? AND ? AND model IS NOT NULL AND model != '' ORDER BY ts, id`, [r.fromDay, r.toDay]);
  const byKey = new Map<string, { taskType: string; model: string; p: ModelPerformance }>();
  for (const row of rows) {
    const obs = {
      quality: interactionQuality({ success: bool(row.success), vote: opt(row.vote), cancelled: bool(row.cancelled) }),
      latencyMs: opt(row.latency_ms), costUsd: opt(row.cost_usd), ts: row.ts,
    };
    if (!hasSignal(obs)) continue;
    const taskType = row.intent !== null && row.intent !== '' ? row.intent : 'unknown';
    const key = `${taskType}\u0000${row.model}`;
    const prev = byKey.get(key);
    byKey.set(key, { taskType, model: row.model, p: updatePerformance(prev?.p, obs) });
  }
  return [...byKey.values()]
    .filter((e) => e.p.n >= minN)
    .map(({ taskType, model, p }) => ({ taskType, model, n: p.n, quality: p.quality, latencyMs: p.latencyMs, costUsd: p.costUsd, confidence: p.confidence }))
    .sort((a, b) => (a.taskType < b.taskType ? -1 : a.taskType > b.taskType ? 1 : b.quality - a.quality || (a.model < b.model ? -1 : a.model > b.model ? 1 : 0)));
}
