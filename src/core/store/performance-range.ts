/**
 * Model performance by task type over a range of days: the same EMA as the stored `model_performance`
 * (`src/core/learn/model-performance.ts`, folded in `apply.ts`), recomputed from the interactions of the
 * range, oldest first. Interaction history is kept forever (`retention.ts`), so any range can be folded.
 */
import type { Database } from 'sql.js';
import { hasSignal, interactionQuality, updatePerformance } from '../learn/model-performance';
import type { ModelPerformance } from '../learn/model-performance';
import { dayStartTs } from '../model/day';
import type { DayRange } from './queries';

type Cell = number | string | null;

const opt = (v: Cell): number | undefined => (typeof v === 'number' ? v : undefined);
const bool = (v: Cell): boolean | undefined => (typeof v === 'number' ? v === 1 : undefined);

/**
 * Calls `each` with [intent, model, success, vote, cancelled, latency_ms, cost_usd, ts] of the range's
 * interactions in time order. By `ts` so the `ts` index gives the order without a sort; arrays, not
 * objects, since "All time" can be tens of thousands of rows.
 */
function eachInteraction(db: Database, r: DayRange, each: (row: Cell[]) => void): void {
  const st = db.prepare(`SELECT intent, model, success, vote, cancelled, latency_ms, cost_usd, ts FROM ai_interactions
    WHERE ts >= ? AND ts < ? AND model IS NOT NULL AND model != '' ORDER BY ts`);
  try {
    st.bind([dayStartTs(r.fromDay), dayStartTs(r.toDay + 1)]);
    while (st.step()) each(st.get() as Cell[]);
  } finally {
    st.free();
  }
}

/** Rows like the `modelPerformance` query's, by task then quality descending, with at least `minN` rated. */
export function performanceInRange(db: Database, r: DayRange, minN = 0) {
  const byKey = new Map<string, { taskType: string; model: string; p: ModelPerformance }>();
  eachInteraction(db, r, ([intent, model, success, vote, cancelled, latency, cost, ts]) => {
    const obs = {
      quality: interactionQuality({ success: bool(success), vote: opt(vote), cancelled: bool(cancelled) }),
      latencyMs: opt(latency), costUsd: opt(cost), ts: Number(ts),
    };
    if (!hasSignal(obs)) return;
    const taskType = typeof intent === 'string' && intent !== '' ? intent : 'unknown';
    const key = `${taskType}\u0000${String(model)}`;
    const prev = byKey.get(key);
    byKey.set(key, { taskType, model: String(model), p: updatePerformance(prev?.p, obs) });
  });
  return [...byKey.values()]
    .filter((e) => e.p.n >= minN)
    .map(({ taskType, model, p }) => ({ taskType, model, n: p.n, quality: p.quality, latencyMs: p.latencyMs, costUsd: p.costUsd, confidence: p.confidence }))
    .sort((a, b) => (a.taskType < b.taskType ? -1 : a.taskType > b.taskType ? 1 : b.quality - a.quality || (a.model < b.model ? -1 : a.model > b.model ? 1 : 0)));
}
