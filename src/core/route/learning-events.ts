/**
 * The `learning` events the participant records (kind `learning`, `what` below, `data` as typed here), applied by
 * the store worker into the version-5 tables (`src/core/store/apply-learning.ts`). Each answer is also recorded as
 * an `ai_interaction` with `sourceTool: 'ai-learning'`, `id` = the request id, `intent` = the task type, `model` =
 * the model that answered; these events refer to it by `requestId`. Every event id must be unique per fact
 * (`route:<requestId>`, `outcome:<requestId>:<n>` ...): a replayed id changes nothing.
 */
import type { Complexity } from './task-profile';
import type { FailureKind } from './fallback';
import type { OutcomeSignals } from './outcome';
import type { AbTestState } from './state';

/** `route`: the decision made for a request (table `route_decisions`). */
export interface RouteData {
  requestId: string; taskType: string; complexity: Complexity; language?: string;
  chosen: string; basis: 'learned' | 'cold-start' | 'explore'; score: number; confidence: number;
  explored: boolean; preferred?: string; candidates: number;
}

/** `fallback`: one fallback step, recorded when the model fallen back to has finished (table `route_fallbacks`). */
export interface FallbackData {
  requestId: string; attempt: number; from: string; failure: FailureKind; to: string; succeeded: boolean;
}

/**
 * `outcome`: the measured quality of an answer, re-sent as signals arrive (vote, 10-minute survival, commit); the
 * latest by `ts` wins (table `route_outcomes`). `quality` is `qualityScore(signals)`.
 */
export interface OutcomeData {
  requestId: string; taskType: string; model: string; quality: number; signals: OutcomeSignals; costUsd?: number;
}

/** `estimate`: base prediction and actual tokens of a request (table `token_estimates`); fields merge by request. */
export interface EstimateData {
  requestId: string; taskType: string; complexity: Complexity; model: string;
  predictedInput: number; predictedOutput: number; actualInput?: number; actualOutput?: number; costUsd?: number;
}

/** `ab_assignment`: the arm a request was assigned to (table `ab_assignments`). */
export interface AbAssignmentData { testId: string; requestId: string; arm: 'control' | 'treatment' }

/** `ab_test`: a test created, decided, accepted or stopped (table `ab_tests`). */
export type AbTestData =
  | ({ op: 'create' } & Pick<AbTestState, 'id' | 'name' | 'kind' | 'control' | 'treatment' | 'ratio' | 'minSamples' | 'seed'>)
  | { op: 'decide'; id: string; winner?: 'control' | 'treatment'; pValue: number }
  | { op: 'accept' | 'stop'; id: string };

export interface LearningDataByWhat {
  route: RouteData;
  fallback: FallbackData;
  outcome: OutcomeData;
  estimate: EstimateData;
  ab_assignment: AbAssignmentData;
  ab_test: AbTestData;
}

export type LearningWhat = keyof LearningDataByWhat;

/** The source tool id of our own participant's interactions. */
export const OWN_SOURCE_TOOL = 'ai-learning';

/** A `learning` event, typed by `what`. */
export function learningEvent<W extends LearningWhat>(
  what: W, id: string, ts: number, data: LearningDataByWhat[W],
): { kind: 'learning'; ts: number; id: string; what: W; data: Record<string, unknown> } {
  return { kind: 'learning', ts, id, what, data: data as unknown as Record<string, unknown> };
}
