/**
 * What the store returns for routing (query `routingState`, `src/core/store/routing-state.ts`), in one value the
 * host caches and refreshes when the store reports a change. Every figure comes from stored rows, never a default
 * made to look measured: a model nobody used has no figure and routing says "cold start".
 */
import type { Complexity } from './task-profile';
import type { FailureKind } from './fallback';

/** Learned performance of one model on one task type (seed 004), folded in time order over all its interactions. */
export interface RouteFigure {
  taskType: string;
  /** As stored (the tool's own id); `normaliseModel` of it is what candidates are matched on. */
  model: string;
  /** Observations that carried a quality (`qualityScore` of the interaction's signals). */
  n: number;
  /** EMA (alpha 0.1) of the 0-10 quality; meaningful only when `n` > 0. */
  quality: number;
  /** EMA of success (1 answered, 0 failed) over requests whose success is known. */
  success: number;
  successN: number;
  /** EMA of the response time, ms; null until one was observed. */
  latencyMs: number | null;
  /** EMA of the cost of a request, USD; null when no price was known. */
  costUsd: number | null;
  /** Plain mean and standard deviation of all quality observations (the two-sigma alert compares the EMA to them). */
  qualityMean: number;
  qualityStd: number;
  /** Requests per source tool (`ai-learning` is our own participant; the rest imported), newest data included. */
  sources: Record<string, number>;
  updatedTs: number;
}

/** Which fallback model succeeded after which failure of which model (seed 003's fallback learning). */
export interface FallbackFigure {
  failure: FailureKind;
  from: string;
  to: string;
  tries: number;
  successes: number;
}

/** Output tokens of the history of one task type (all tools), the base of the output estimate. */
export interface OutputHistory {
  taskType: string;
  n: number;
  meanOutput: number;
}

/** A learned token-estimate adjustment (seed 004's `learning_adjustments`), the latest per parameter. */
export interface TokenAdjustment {
  /** `token_estimate_input_<complexity>` or `token_estimate_output_<complexity>`. */
  parameter: string;
  direction: 'input' | 'output';
  complexity: Complexity;
  /** Mean actual/predicted ratio; estimates are multiplied by it. */
  factor: number;
  /** `min(n / 50, 1)`. */
  confidence: number;
  n: number;
  ts: number;
  reason: string;
}

/** An A/B test as stored (`ab_tests`) with its recorded samples (`ab_assignments` joined to outcomes). */
export interface AbTestState {
  id: string;
  name: string;
  kind: 'pattern_injection' | 'routing' | 'prompt_variant';
  control: string;
  treatment: string;
  /** Share of requests assigned to control (seed 004's `assignment_ratio`; 0.5 = 50/50). */
  ratio: number;
  minSamples: number;
  seed: string;
  state: 'running' | 'decided' | 'accepted' | 'stopped';
  winner?: 'control' | 'treatment';
  pValue?: number;
  startTs: number;
  samples: { arm: 'control' | 'treatment'; quality?: number; costUsd?: number }[];
}

export interface RoutingState {
  figures: RouteFigure[];
  fallbacks: FallbackFigure[];
  outputTokens: OutputHistory[];
  adjustments: TokenAdjustment[];
  tests: AbTestState[];
  /** Requests per task type and month over the last 30 days of history (all tools): the volume savings are priced on. */
  monthlyRequests: { taskType: string; model: string; n: number }[];
  asOf: number;
}

/** A state with nothing learned (a new install before any import). */
export function emptyRoutingState(asOf = 0): RoutingState {
  return { figures: [], fallbacks: [], outputTokens: [], adjustments: [], tests: [], monthlyRequests: [], asOf };
}
