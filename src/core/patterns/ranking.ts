/** Which patterns may be suggested, and how a CodeLens summarises a search (seed 002's `min_success_rate`). */
import type { PatternRecord } from './types';

/** Default `min_success_rate` (percent) once a pattern has been used. */
export const DEFAULT_MIN_SUCCESS_RATE = 70;

type Stats = Pick<PatternRecord, 'usageCount' | 'successCount' | 'discardedCount'>;

/**
 * Percent of decided insertions kept (kept / (kept + discarded)), or undefined while none is decided: a pattern
 * inserted a minute ago is not held back as if it had failed. Without a discarded count every use not kept
 * counts against the pattern.
 */
export function successRate(p: Stats): number | undefined {
  const kept = Math.min(p.successCount, p.usageCount);
  const decided = p.discardedCount === undefined ? p.usageCount : kept + p.discardedCount;
  return decided > 0 ? (kept / decided) * 100 : undefined;
}

/** Unused patterns qualify (nothing is known against them); used ones need `minSuccessRate` percent kept. */
export function qualifies(p: Stats & Pick<PatternRecord, 'stale'>, minSuccessRate: number): boolean {
  if (p.stale) return false;
  const rate = successRate(p);
  return rate === undefined || rate >= minSuccessRate;
}

/**
 * Near-duplicate tie-break: does `a` survive better than `b`? Among used patterns the higher success
 * rate wins; otherwise the code that has existed longer (older `firstSeenTs`) wins; ties keep `b`.
 */
export function survivesBetter(a: PatternRecord, b: PatternRecord): boolean {
  const ra = successRate(a);
  const rb = successRate(b);
  if (ra !== undefined && rb !== undefined && ra !== rb) return ra > rb;
  if (ra !== undefined && rb === undefined) return ra >= DEFAULT_MIN_SUCCESS_RATE;
  if (rb !== undefined && ra === undefined) return rb < DEFAULT_MIN_SUCCESS_RATE;
  return a.firstSeenTs < b.firstSeenTs;
}

/** What a CodeLens shows and why. */
export interface LensSummary {
  title: string;
  tooltip: string;
  count: number;
  /** Best success rate among the shown patterns that have been used. */
  bestRate?: number;
}

/** "N similar patterns · best kept X%" for qualifying hits; the tooltip says how many were held back and why. */
export function lensSummary(shown: readonly Stats[], heldBack: number, minSuccessRate: number): LensSummary {
  const rates = shown.map(successRate).filter((r): r is number => r !== undefined);
  const bestRate = rates.length ? Math.max(...rates) : undefined;
  const n = shown.length;
  const noun = n === 1 ? 'pattern' : 'patterns';
  const title = bestRate === undefined ? `${n} similar ${noun} · not used yet` : `${n} similar ${noun} · best kept ${Math.round(bestRate)}%`;
  const why = [`Similar code from your own files, ranked by shared words, their synonyms and the words your own code uses together.`];
  why.push(`Patterns that have been inserted before are offered only when at least ${minSuccessRate}% of those insertions were kept.`);
  if (heldBack > 0) why.push(`${heldBack} similar ${heldBack === 1 ? 'pattern was' : 'patterns were'} held back below that rate.`);
  const summary: LensSummary = { title, tooltip: why.join(' '), count: n };
  if (bestRate !== undefined) summary.bestRate = bestRate;
  return summary;
}
