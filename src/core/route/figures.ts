/**
 * Folding observations into a `RouteFigure` (seed 004's `update_model_performance`): EMA with alpha 0.1 of quality
 * (0-10), success, latency and cost per request, plus the plain mean and variance of quality (Welford) for the
 * two-sigma alert. The store folds every stored interaction, imported or our own, in time order
 * (`src/core/store/routing-state.ts`); tests and the benchmark fold scripted outcomes with the same function.
 */
import type { RouteFigure } from './state';
import { ALPHA } from '../learn/model-performance';

export interface FigureObservation {
  /** 0-10 (`qualityScore`); ignored when absent or outside. */
  quality?: number;
  success?: boolean;
  latencyMs?: number;
  costUsd?: number;
  ts: number;
  /** The source tool of the request. */
  source: string;
}

const ema = (prev: number, x: number): number => prev + ALPHA * (x - prev);
const ok = (v: number | undefined, max = Infinity): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= max;

/** Welford's running sum of squared deviations is kept in `qualityStd` as the sample sd; this recovers M2. */
const m2Of = (f: RouteFigure): number => (f.n > 1 ? f.qualityStd ** 2 * (f.n - 1) : 0);

/** A figure with no observation yet. */
export function newFigure(taskType: string, model: string, ts: number): RouteFigure {
  return { taskType, model, n: 0, quality: 0, success: 0, successN: 0, latencyMs: null, costUsd: null, qualityMean: 0,
    qualityStd: 0, sources: {}, updatedTs: ts };
}

/**
 * Applies `obs` to `f` in place (the store's fold over a year of history allocates nothing per row). The first
 * quality, latency or cost is taken as is (the EMA starts at the first observation, not at a made-up default);
 * `n` counts qualities, `successN` successes known.
 */
export function foldInto(f: RouteFigure, obs: FigureObservation): RouteFigure {
  f.sources[obs.source] = (f.sources[obs.source] ?? 0) + 1;
  if (ok(obs.quality, 10)) {
    const m2 = m2Of(f);
    const n = f.n + 1;
    const delta = obs.quality - f.qualityMean;
    const mean = f.qualityMean + delta / n;
    f.quality = f.n === 0 ? obs.quality : ema(f.quality, obs.quality);
    f.qualityMean = mean;
    f.qualityStd = n > 1 ? Math.sqrt((m2 + delta * (obs.quality - mean)) / (n - 1)) : 0;
    f.n = n;
  }
  if (typeof obs.success === 'boolean') {
    const x = obs.success ? 1 : 0;
    f.success = f.successN === 0 ? x : ema(f.success, x);
    f.successN++;
  }
  if (ok(obs.latencyMs)) f.latencyMs = f.latencyMs === null ? obs.latencyMs : ema(f.latencyMs, obs.latencyMs);
  if (ok(obs.costUsd)) f.costUsd = f.costUsd === null ? obs.costUsd : ema(f.costUsd, obs.costUsd);
  if (Number.isFinite(obs.ts)) f.updatedTs = Math.max(f.updatedTs, obs.ts);
  return f;
}

/** A new figure with `obs` applied; `prev` is not changed. */
export function updateFigure(prev: RouteFigure | undefined, taskType: string, model: string, obs: FigureObservation): RouteFigure {
  const f = prev ? { ...prev, sources: { ...prev.sources } } : newFigure(taskType, model, obs.ts);
  return foldInto(f, obs);
}
