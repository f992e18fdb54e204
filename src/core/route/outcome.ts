/**
 * The outcome of one answer, measured, not asked (issue 15): ONE formula from the signals the editor sees to a
 * quality score of 0-10, the figure routing, the A/B tests and the pattern ratings learn from.
 *
 * Formula (additive from a neutral 5, then clamped to [0, 10]):
 * - a failed request (error, refusal, quota, timeout) is 0 and a cancelled one 2, whatever else is known;
 * - `completed` (an answer arrived without error): +1;
 * - vote: up +3, down -4 (a down vote is the clearest signal there is);
 * - a rephrased follow-up within `REPHRASE_WINDOW_MS`: -2 (the user asked again because the answer missed);
 * - code blocks: some inserted or applied in the editor +1; offered but none used -0.5;
 * - survival of the inserted code at 10 minutes, s in [0, 1]: +2 * (2s - 1) (all kept +2, all gone -2);
 * - survival at commit: +1.5 * (2s - 1);
 * - diagnostics after it (errors after minus before): more errors -0.5 each (at most -2), fewer +0.5; measured by
 *   capture in each file the answer's code went into, before the first AI insertion into the file and
 *   `DIAGNOSTICS_WINDOW_MS` (2 minutes) after it, summed over those files (answer-outcomes.ts);
 * - tests run after it: passed +1.5, failed -1.5; the first terminal command or task recognised as a test run
 *   (with an exit code) within `TESTS_AFTER_MS` (10 minutes) after the answer's first insertion, credited to the
 *   latest answer whose code was inserted before it.
 * Returns undefined when no signal at all is known (no figure is better than a made-up one).
 */
import type { FailureKind } from './fallback';

export interface OutcomeSignals {
  vote?: 1 | -1;
  /** Ms between the answer and a rephrased follow-up (see `isRephrase`); absent when there was none. */
  rephrasedWithinMs?: number;
  codeBlocks?: number;
  blocksInserted?: number;
  /** Share of the inserted characters still present 10 minutes later, 0-1. */
  survival10m?: number;
  /** Share still present at the next commit, 0-1. */
  survivalCommit?: number;
  /** Errors after minus errors before, in the files the answer touched. */
  diagnosticsDelta?: number;
  testsPassed?: boolean;
  failed?: FailureKind;
  /** The answer arrived in full without error. */
  completed?: boolean;
}

/** A follow-up later than this is a new request, not a rephrasing. */
export const REPHRASE_WINDOW_MS = 3 * 60_000;

const unit = (v: number | undefined): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : undefined;

/** The 0-10 quality of one answer, or undefined when nothing about it is known (formula in the file comment). */
export function qualityScore(s: OutcomeSignals): number | undefined {
  if (s.failed !== undefined) return s.failed === 'cancelled' ? 2 : 0;
  let q = 5;
  let known = false;
  const add = (x: number): void => {
    q += x;
    known = true;
  };
  if (s.completed === true) add(1);
  if (s.vote === 1) add(3);
  else if (s.vote === -1) add(-4);
  if (typeof s.rephrasedWithinMs === 'number' && s.rephrasedWithinMs >= 0 && s.rephrasedWithinMs <= REPHRASE_WINDOW_MS) add(-2);
  if (typeof s.codeBlocks === 'number' && s.codeBlocks > 0) add((s.blocksInserted ?? 0) > 0 ? 1 : -0.5);
  else if ((s.blocksInserted ?? 0) > 0) add(1);
  const s10 = unit(s.survival10m);
  if (s10 !== undefined) add(2 * (2 * s10 - 1));
  const sc = unit(s.survivalCommit);
  if (sc !== undefined) add(1.5 * (2 * sc - 1));
  if (typeof s.diagnosticsDelta === 'number' && Number.isFinite(s.diagnosticsDelta) && s.diagnosticsDelta !== 0) {
    add(s.diagnosticsDelta > 0 ? -Math.min(2, 0.5 * s.diagnosticsDelta) : 0.5);
  }
  if (s.testsPassed === true) add(1.5);
  else if (s.testsPassed === false) add(-1.5);
  return known ? Math.min(10, Math.max(0, q)) : undefined;
}

/**
 * The signals an imported interaction carries (another tool's log: success, vote, cancelled, and whether an answer
 * arrived at all), so imported history is scored by the same formula: an answer alone is 6, a vote up 9, a vote
 * down 2, a failure 0, a cancel 2. `answered` (output tokens or response text were logged) stands for success where
 * the tool logs no success of its own (Claude Code logs each response, not its errors).
 */
export function importedSignals(row: { success?: boolean; vote?: number; cancelled?: boolean; answered?: boolean }): OutcomeSignals {
  if (row.cancelled === true) return { failed: 'cancelled' };
  if (row.success === false) return { failed: 'error' };
  return {
    ...(row.success === true || row.answered === true ? { completed: true } : {}),
    ...(row.vote === 1 ? { vote: 1 as const } : row.vote === -1 ? { vote: -1 as const } : {}),
  };
}

/**
 * Whether a follow-up prompt rephrases the previous one: asked within the window and sharing at least half of its
 * distinct words of 3+ letters (Jaccard over word sets >= 0.5). The host measures the time; this decides the text.
 */
export function isRephrase(previous: string, next: string, gapMs: number): boolean {
  if (!(gapMs >= 0 && gapMs <= REPHRASE_WINDOW_MS)) return false;
  const words = (t: string): Set<string> => new Set(t.toLowerCase().match(/\p{L}{3,}/gu) ?? []);
  const a = words(previous);
  const b = words(next);
  if (a.size === 0 || b.size === 0) return false;
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return common / (a.size + b.size - common) >= 0.5;
}
