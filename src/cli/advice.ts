/**
 * Model advice for a task type from the learned performance (`model_performance`, EMA per task and model):
 * the models ranked by quality, then confidence; a recommendation only when one has rated requests.
 */
import type { Intent } from '../core/model/events';
import type { QueryResult } from '../core/store/queries';

export const TASK_TYPES = ['code_generation', 'debugging', 'architecture', 'code_review', 'explanation', 'refactor', 'test', 'other'] as const satisfies readonly Intent[];

export interface ModelAdvice {
  taskType: string;
  ranking: { model: string; rated: number; quality: number; latencyMs: number | null; costUsd: number | null; confidence: number }[];
  recommendation: { model: string; why: string } | null;
  note: string;
}

const r3 = (v: number): number => Math.round(v * 1000) / 1000;

export function modelAdvice(rows: QueryResult['modelPerformance'], taskType: string): ModelAdvice {
  const ranking = rows.filter((m) => m.taskType === taskType && m.n > 0)
    .sort((a, b) => b.quality - a.quality || b.confidence - a.confidence || a.model.localeCompare(b.model))
    .map((m) => ({ model: m.model, rated: m.n, quality: r3(m.quality), latencyMs: m.latencyMs === null ? null : Math.round(m.latencyMs),
      costUsd: m.costUsd === null ? null : Math.round(m.costUsd * 1e6) / 1e6, confidence: r3(m.confidence) }));
  if (ranking.length === 0) {
    return { taskType, ranking, recommendation: null, note: `nothing learned yet for ${taskType}: no rated request of that type in the local store` };
  }
  const best = ranking[0];
  const cheaper = ranking.find((m) => m !== best && m.costUsd !== null && best.costUsd !== null && m.costUsd < best.costUsd && best.quality - m.quality <= 0.05);
  const why = `highest learned quality ${best.quality} over ${best.rated} rated requests (confidence ${best.confidence})`;
  return {
    taskType, ranking, recommendation: { model: best.model, why },
    note: cheaper ? `${cheaper.model} is cheaper ($${cheaper.costUsd} vs $${best.costUsd} a request) within 0.05 quality` : 'quality is an EMA (alpha 0.1) of outcomes: 1 for success or an up-vote, 0 for failure, cancel or a down-vote',
  };
}
