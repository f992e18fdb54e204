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

/**
 * A new figure with `obs` applied (the input is not changed). The first quality, latency or cost is taken as is
 * (the EMA starts at the first observation, not at a made-up default); `n` counts qualities, `successN` successes
 * known.
 */
export function updateFigure(prev: RouteFigure | undefined, taskType: string, model: string, obs: FigureObservation): RouteFigure {
  const f: RouteFigure = prev ?? {
    taskType, model, n: 0, quality: 0, success: 0, successN: 0, latencyMs: null, costUsd: null, qualityMean: 0,
    qualityStd: 0, sources: {}, updatedTs: obs.ts,
  };
  const next: RouteFigure = { ...f, sources: { ...f.sources, [obs.source]: (f.sources[obs.source] ?? 0) + 1 } };
  if (ok(obs.quality, 10)) {
    const n = f.n + 1;
    const delta = obs.quality - f.qualityMean;
    const mean = f.qualityMean + delta / n;
    const m2 = m2Of(f) + delta * (obs.quality - mean);
    Object.assign(next, { n, quality: f.n === 0 ? obs.quality : ema(f.quality, obs.quality), qualityMean: mean,
      qualityStd: n > 1 ? Math.sqrt(m2 / (n - 1)) : 0 });
  }
  if (typeof obs.success === 'boolean') {
    const x = obs.success ? 1 : 0;
    Object.assign(next, { successN: f.successN + 1, success: f.successN === 0 ? x : ema(f.success, x) });
  }
  if (ok(obs.latencyMs)) next.latencyMs = f.latencyMs === null ? obs.latencyMs : ema(f.latencyMs, obs.latencyMs);
  if (ok(obs.costUsd)) next.costUsd = f.costUsd === null ? obs.costUsd : ema(f.costUsd, obs.costUsd);
  if (Number.isFinite(obs.ts)) next.updatedTs = Math.max(f.updatedTs, obs.ts);
  return next;
}
