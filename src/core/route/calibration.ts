/**
 * Token-estimate calibration (seed 004's `calibrate_token_estimation` and `apply_learned_token_adjustments`).
 *
 * Before a request: input tokens are the model's own `countTokens` of the prompt (given by the host), output tokens
 * the mean output of the history of the task type (all tools; `OUTPUT_FALLBACK` without history); each is then
 * multiplied by the latest adjustment of its complexity class. After the request the host records the base
 * (unadjusted) prediction beside the actual counts (a `learning` event `estimate`); `calibrate` compares them per
 * complexity class over the last `WINDOW_MS`: when the mean actual/predicted ratio is more than 15% off, an
 * adjustment with that ratio as its factor and confidence `min(n / 50, 1)` is recorded, and later estimates use it.
 * Ratios are taken against the base prediction, so an adjustment never compounds on itself.
 */
import type { Complexity, TaskProfile } from './task-profile';
import type { RoutingState, TokenAdjustment } from './state';
import { costUsd } from '../learn/pricing';

/** Output tokens assumed for a task type with no history at all (a medium chat answer). */
export const OUTPUT_FALLBACK = 600;
/** Seed 004: adjust when the mean ratio is more than this far from 1. */
export const RATIO_TOLERANCE = 0.15;
/** Seed 004's calibration window (30 days). */
export const WINDOW_MS = 30 * 86_400_000;
/** Seed 004's alert: an adjustment factor more than this far from 1. */
export const LARGE_ADJUSTMENT = 0.5;
/** Samples at which an adjustment's confidence reaches 1 (`min(n / 50, 1)`). */
export const FULL_CONFIDENCE_N = 50;

export interface TokenEstimate {
  input: number;
  output: number;
  costUsd?: number;
  /** The unadjusted prediction: what the host records beside the actuals. */
  baseInput: number;
  baseOutput: number;
  /** The factors applied (1 when none). */
  inputFactor: number;
  outputFactor: number;
}

function latest(state: RoutingState, direction: 'input' | 'output', complexity: Complexity): TokenAdjustment | undefined {
  let best: TokenAdjustment | undefined;
  for (const a of state.adjustments) {
    if (a.direction === direction && a.complexity === complexity && (!best || a.ts > best.ts)) best = a;
  }
  return best;
}

/**
 * The estimate of one request. `inputTokens` is the model's `countTokens` of the whole prompt; `model` (optional)
 * prices it with the bundled catalogue (undefined when the price is unknown, never guessed).
 */
export function estimateTokens(
  task: TaskProfile, inputTokens: number, state: RoutingState, model?: string,
): TokenEstimate {
  const baseInput = Math.max(0, Math.round(inputTokens));
  const hist = state.outputTokens.find((h) => h.taskType === task.taskType && h.n > 0);
  const baseOutput = Math.round(hist ? hist.meanOutput : OUTPUT_FALLBACK);
  const inputFactor = latest(state, 'input', task.complexity)?.factor ?? 1;
  const outputFactor = latest(state, 'output', task.complexity)?.factor ?? 1;
  const input = Math.round(baseInput * inputFactor);
  const output = Math.round(baseOutput * outputFactor);
  const cost = model === undefined ? undefined : costUsd(model, { input, output });
  return { input, output, ...(cost === undefined ? {} : { costUsd: cost }), baseInput, baseOutput, inputFactor, outputFactor };
}

/** One recorded estimate with its actuals. */
export interface EstimateSample {
  complexity: Complexity;
  ts: number;
  predictedInput: number;
  predictedOutput: number;
  actualInput?: number;
  actualOutput?: number;
}

/** An adjustment `calibrate` proposes (the store records it in `learning_adjustments`). */
export type ProposedAdjustment = Omit<TokenAdjustment, 'ts'> & { large: boolean };

/**
 * Seed 004's calibration over `samples` within `WINDOW_MS` before `now`: per complexity class and direction, the
 * mean of actual/max(predicted, 1) over samples with both figures; an adjustment when it is more than 15% off 1.
 */
export function calibrate(samples: readonly EstimateSample[], now: number): ProposedAdjustment[] {
  const out: ProposedAdjustment[] = [];
  for (const complexity of ['low', 'medium', 'high'] as const) {
    const group = samples.filter((s) => s.complexity === complexity && s.ts > now - WINDOW_MS && s.ts <= now);
    for (const direction of ['input', 'output'] as const) {
      const ratios = group.flatMap((s) => {
        const actual = direction === 'input' ? s.actualInput : s.actualOutput;
        const predicted = direction === 'input' ? s.predictedInput : s.predictedOutput;
        return typeof actual === 'number' && actual >= 0 ? [actual / Math.max(predicted, 1)] : [];
      });
      const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
      const a = adjustmentFor(direction, complexity, ratios.length, mean);
      if (a) out.push(a);
    }
  }
  return out;
}

/**
 * The rule on one class's aggregate (the store computes `n` and the mean ratio in SQL over the same window):
 * an adjustment when more than 15% off, else undefined.
 */
export function adjustmentFor(
  direction: 'input' | 'output', complexity: Complexity, n: number, meanRatio: number,
): ProposedAdjustment | undefined {
  if (!(n > 0) || !Number.isFinite(meanRatio) || Math.abs(meanRatio - 1) <= RATIO_TOLERANCE) return undefined;
  return {
    parameter: `token_estimate_${direction}_${complexity}`, direction, complexity, factor: meanRatio,
    confidence: Math.min(n / FULL_CONFIDENCE_N, 1), n,
    reason: `Avg actual/predicted ratio: ${meanRatio.toFixed(2)} over ${n} requests`,
    large: Math.abs(meanRatio - 1) > LARGE_ADJUSTMENT,
  };
}

/** Requests at least this large (input + output tokens) get their estimate shown before they are sent. */
export const LARGE_REQUEST_TOKENS = 8000;

const tokensText = (n: number): string => (n >= 10_000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n));

/** The line shown before a large request: "about 14k tokens, about $0.05" (no price part when the price is unknown). */
export function describeEstimate(e: Pick<TokenEstimate, 'input' | 'output' | 'costUsd'>): string {
  const cost = e.costUsd === undefined ? '' : `, about $${e.costUsd < 0.01 ? e.costUsd.toFixed(3) : e.costUsd.toFixed(2)}`;
  return `about ${tokensText(e.input + e.output)} tokens${cost}`;
}
