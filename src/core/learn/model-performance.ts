/**
 * Model performance by task type (DESIGN "Learning and insights"): an exponential moving average of quality,
 * latency and cost per (task type, model), with a confidence that grows with the number of rated observations.
 * Pure: the store applies it once per newly stored interaction (see `src/core/store/apply.ts`).
 */

/** Weight of a new observation in every moving average. */
export const ALPHA = 0.1;

/** Confidence never exceeds this, however many observations there are. */
export const MAX_CONFIDENCE = 0.95;

/** Cold start: the quality assumed before any observation (latency and cost start from the first observed value). */
export const DEFAULTS = { quality: 0.7 } as const;

/** The learned performance of one model on one task type. */
export interface ModelPerformance {
  /** Observations that carried a quality (latency- or cost-only observations do not count). */
  n: number;
  /** EMA of quality in [0, 1]; `DEFAULTS.quality` until the first rated observation moves it. */
  quality: number;
  /** EMA of the response time in ms; null until one was observed. */
  latencyMs: number | null;
  /** EMA of the cost in USD; null until one was observed. */
  costUsd: number | null;
  /** `min(0.95, 0.5 + n / 100 * 0.45)`. */
  confidence: number;
  /** The latest observation's timestamp (ms since epoch); never moves back. */
  updatedTs: number;
}

/** One observation; a missing (or invalid) field leaves its average unchanged. */
export interface PerformanceObservation {
  /** In [0, 1]; values outside it or not finite are ignored. */
  quality?: number;
  /** >= 0 and finite, else ignored. */
  latencyMs?: number;
  /** >= 0 and finite, else ignored. */
  costUsd?: number;
  ts: number;
}

/** The outcome fields of an interaction that decide its quality. */
export interface InteractionOutcome {
  success?: boolean;
  vote?: number;
  cancelled?: boolean;
}

/** `min(0.95, 0.5 + n / 100 * 0.45)`. */
export function confidenceFor(n: number): number {
  return Math.min(MAX_CONFIDENCE, 0.5 + (n / 100) * 0.45);
}

/**
 * The quality of one interaction, or undefined when nothing about it is known. Precedence: a vote decides
 * (+1 -> 1, -1 -> 0); else a cancelled interaction is 0; else `success` (true -> 1, false -> 0).
 * `cancelled: false` alone says nothing.
 */
export function interactionQuality(o: InteractionOutcome): number | undefined {
  if (o.vote === 1) return 1;
  if (o.vote === -1) return 0;
  if (o.cancelled === true) return 0;
  if (o.success === true) return 1;
  if (o.success === false) return 0;
  return undefined;
}

const ema = (prev: number, x: number): number => prev + ALPHA * (x - prev);
const valid = (v: number | undefined, max = Infinity): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= max;

/** Whether the observation carries anything `updatePerformance` would use (the store skips empty ones). */
export function hasSignal(obs: PerformanceObservation): boolean {
  return valid(obs.quality, 1) || valid(obs.latencyMs) || valid(obs.costUsd);
}

/**
 * Applies one observation. Without `prev` (cold start) it starts from `DEFAULTS.quality` and from the
 * observation's own latency and cost, then applies the observation: a first quality q gives
 * `0.7 + 0.1 * (q - 0.7)`, a first latency or cost is taken as is. `n` grows only when a quality was observed.
 */
export function updatePerformance(prev: ModelPerformance | undefined, obs: PerformanceObservation): ModelPerformance {
  const base: ModelPerformance = prev ?? {
    n: 0, quality: DEFAULTS.quality, latencyMs: null, costUsd: null, confidence: confidenceFor(0), updatedTs: obs.ts,
  };
  const q = valid(obs.quality, 1) ? obs.quality : undefined;
  const lat = valid(obs.latencyMs) ? obs.latencyMs : undefined;
  const cost = valid(obs.costUsd) ? obs.costUsd : undefined;
  const n = base.n + (q === undefined ? 0 : 1);
  return {
    n,
    quality: q === undefined ? base.quality : ema(base.quality, q),
    latencyMs: lat === undefined ? base.latencyMs : ema(base.latencyMs ?? lat, lat),
    costUsd: cost === undefined ? base.costUsd : ema(base.costUsd ?? cost, cost),
    confidence: confidenceFor(n),
    updatedTs: Number.isFinite(obs.ts) ? Math.max(base.updatedTs, obs.ts) : base.updatedTs,
  };
}
