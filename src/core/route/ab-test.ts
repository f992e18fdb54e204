/**
 * A/B tests of the participant's strategies (seed 004): a test names a control and a treatment (pattern injection
 * on or off, learned routing or the user's default model, two prompt variants), the share of requests assigned to
 * control and the minimum samples per arm. Assignment is seeded and deterministic (the same request id always gets
 * the same arm, so a replay or a second window agrees) and recorded (`ab_assignment` events). The primary metric is
 * quality per dollar; Welch's two-sample t-test (`@stdlib/stats-ttest2`, variance 'unequal', two-sided) decides at
 * p < 0.05 once both arms have the minimum. Fixed horizon: the test reads the first `minSamples` of each arm (in
 * recorded order) and nothing after, so looking again after every new answer (the dashboard does) cannot inflate
 * the false-positive rate the way repeated peeking does (bench:learn measures both). The winner is only proposed: the host asks the user before it becomes
 * the default.
 */
import { createHash } from 'node:crypto';
import ttest2 from '@stdlib/stats-ttest2';
import type { AbTestState } from './state';

export type AbTest = Pick<AbTestState, 'id' | 'ratio' | 'seed' | 'minSamples'> & Partial<AbTestState>;
export type Arm = 'control' | 'treatment';

/** Seed 004's significance level. */
export const SIGNIFICANCE = 0.05;

/** A uniform number in [0, 1) from SHA-256 of `seed:requestId` (52 bits, exact in a double). */
export function assignmentDraw(seed: string, requestId: string): number {
  const hex = createHash('sha256').update(`${seed}:${requestId}`).digest('hex').slice(0, 13);
  return parseInt(hex, 16) / 2 ** 52;
}

/** Seed 004's rule: control when the draw is below the ratio. */
export function assignArm(test: AbTest, requestId: string): Arm {
  const ratio = Number.isFinite(test.ratio) ? Math.min(1, Math.max(0, test.ratio)) : 0.5;
  return assignmentDraw(test.seed || test.id, requestId) < ratio ? 'control' : 'treatment';
}

export interface AbSample { arm: Arm; quality?: number; costUsd?: number }

export interface AbDecision {
  decided: boolean;
  winner?: Arm;
  pValue?: number;
  statistic?: number;
  df?: number;
  /**
   * `quality_per_usd` when every scored sample of both arms has a cost > 0; else `quality` (Copilot's and local
   * models have no per-request price, and a ratio with a zero or unknown cost means nothing).
   */
  metric: 'quality_per_usd' | 'quality';
  control: ArmSummary;
  treatment: ArmSummary;
  /** Why it is not decided (too few samples, no difference), for the report. */
  note: string;
}

export interface ArmSummary { n: number; mean: number | null; sd: number | null }

function summary(xs: readonly number[]): ArmSummary {
  if (xs.length === 0) return { n: 0, mean: null, sd: null };
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = xs.length > 1 ? Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1)) : null;
  return { n: xs.length, mean, sd };
}

function firstOfEachArm<T extends AbSample>(samples: readonly T[], min: number): T[] {
  let c = 0;
  let t = 0;
  return samples.filter((s) => (s.arm === 'control' ? ++c <= min : ++t <= min));
}

const scored = (s: AbSample): s is AbSample & { quality: number } => typeof s.quality === 'number' && Number.isFinite(s.quality);

/**
 * Decides `test` from its samples (only those with a quality count), in recorded order. By default only the first
 * `minSamples` of each arm count (fixed horizon); `opts.allSamples` tests every sample (reference checks, and the
 * peeking measurement of the benchmark).
 */
export function decideTest(test: AbTest, samples: readonly AbSample[], opts: { allSamples?: boolean } = {}): AbDecision {
  const min = Math.max(2, test.minSamples);
  const rated = opts.allSamples ? samples.filter(scored) : firstOfEachArm(samples.filter(scored), min);
  const priced = rated.length > 0 && rated.every((s) => typeof s.costUsd === 'number' && s.costUsd > 0);
  const metric: AbDecision['metric'] = priced ? 'quality_per_usd' : 'quality';
  const value = (s: AbSample & { quality: number }): number => (priced ? s.quality / (s.costUsd as number) : s.quality);
  const x = rated.filter((s) => s.arm === 'control').map(value);
  const y = rated.filter((s) => s.arm === 'treatment').map(value);
  const base = { metric, control: summary(x), treatment: summary(y) };
  if (x.length < min || y.length < min) {
    return { ...base, decided: false, note: `${x.length} control and ${y.length} treatment samples of the ${min} each needs` };
  }
  if (base.control.sd === 0 && base.treatment.sd === 0) {
    // No variance in either arm: the t statistic is undefined; identical means are no difference at all.
    const same = base.control.mean === base.treatment.mean;
    return same ? { ...base, decided: false, pValue: 1, note: 'both arms gave identical figures' }
      : { ...base, decided: true, pValue: 0, winner: (base.treatment.mean ?? 0) > (base.control.mean ?? 0) ? 'treatment' : 'control', note: 'no variance, means differ' };
  }
  const r = ttest2(x, y, { variance: 'unequal', alternative: 'two-sided', alpha: SIGNIFICANCE });
  const decided = r.pValue < SIGNIFICANCE;
  return {
    ...base, decided, pValue: r.pValue, statistic: r.statistic, df: (r as { df?: number }).df,
    ...(decided ? { winner: (base.treatment.mean ?? 0) > (base.control.mean ?? 0) ? 'treatment' as const : 'control' as const } : {}),
    note: decided ? `Welch t = ${r.statistic.toFixed(2)}, p = ${r.pValue.toFixed(4)}` : `no significant difference (p = ${r.pValue.toFixed(3)})`,
  };
}
