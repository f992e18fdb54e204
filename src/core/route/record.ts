/**
 * The events one routed answer is recorded as (the contract of `learning-events.ts`, built in one place so the
 * participant cannot get it half right): an `ai_interaction` of source `ai-learning` (what every figure folds), the
 * `route` decision, one `fallback` per failed attempt that was followed by another, the token `estimate` with its
 * actuals, and the A/B assignments. `outcomeEvent` re-sends the measured quality as signals arrive.
 */
import type { AiInteractionEvent, LearningEvent, PatternUsageEvent } from '../model/events';
import type { FailureKind } from './fallback';
import type { OutcomeSignals } from './outcome';
import { qualityScore } from './outcome';
import type { RouteDecision } from './router';
import type { TaskProfile } from './task-profile';
import type { TokenEstimate } from './calibration';
import { OWN_SOURCE_TOOL, learningEvent } from './learning-events';

/** One attempt of a request: the model tried and how it ended (no `failure`: it answered). */
export interface Attempt { model: string; failure?: FailureKind; elapsedMs: number }

export interface AnswerRecord {
  requestId: string;
  ts: number;
  task: TaskProfile;
  decision: RouteDecision;
  /** In order; the last one is the answer (or the last failure). */
  attempts: readonly Attempt[];
  promptChars?: number;
  responseChars?: number;
  firstTokenMs?: number;
  tokensIn?: number;
  tokensOut?: number;
  costUsd?: number;
  estimate?: TokenEstimate;
  session?: string;
  conversation?: string;
  ab?: readonly { testId: string; arm: 'control' | 'treatment' }[];
}

const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** The events of one answer, in the order they should be appended. */
export function answerEvents(a: AnswerRecord): (AiInteractionEvent | LearningEvent)[] {
  if (a.attempts.length === 0) throw new Error('answerEvents: a request has at least one attempt');
  const last = a.attempts[a.attempts.length - 1];
  const d = a.decision;
  const interaction: AiInteractionEvent = defined({
    kind: 'ai_interaction' as const, ts: a.ts, id: a.requestId, sourceTool: OWN_SOURCE_TOOL, interaction: 'chat' as const,
    intent: a.task.intent, model: last.model, session: a.session, conversation: a.conversation, promptChars: a.promptChars,
    responseChars: a.responseChars, firstTokenMs: a.firstTokenMs, latencyMs: last.elapsedMs, tokensIn: a.tokensIn,
    tokensOut: a.tokensOut, costUsd: a.costUsd, success: last.failure === undefined ? true : last.failure === 'cancelled' ? undefined : false,
    cancelled: last.failure === 'cancelled' ? true : undefined,
  });
  const events: (AiInteractionEvent | LearningEvent)[] = [interaction, learningEvent('route', `route:${a.requestId}`, a.ts, defined({
    requestId: a.requestId, taskType: a.task.taskType, complexity: a.task.complexity, language: a.task.language,
    chosen: d.chosen.model.id, basis: d.chosen.basis, score: d.chosen.score, confidence: d.chosen.confidence,
    explored: d.explored, candidates: d.ranked.length,
  }))];
  for (let i = 1; i < a.attempts.length; i++) {
    const from = a.attempts[i - 1];
    const to = a.attempts[i];
    if (from.failure === undefined || from.failure === 'cancelled') continue;
    events.push(learningEvent('fallback', `fallback:${a.requestId}:${i}`, a.ts, {
      requestId: a.requestId, attempt: i, from: from.model, failure: from.failure, to: to.model, succeeded: to.failure === undefined,
    }));
  }
  if (a.estimate) {
    events.push(learningEvent('estimate', `estimate:${a.requestId}`, a.ts, defined({
      requestId: a.requestId, taskType: a.task.taskType, complexity: a.task.complexity, model: last.model,
      predictedInput: a.estimate.baseInput, predictedOutput: a.estimate.baseOutput, actualInput: a.tokensIn,
      actualOutput: a.tokensOut, costUsd: a.costUsd,
    })));
  }
  for (const x of a.ab ?? []) {
    events.push(learningEvent('ab_assignment', `ab:${x.testId}:${a.requestId}`, a.ts, { testId: x.testId, requestId: a.requestId, arm: x.arm }));
  }
  return events;
}

/**
 * The measured outcome of an answer as it stands (`seq` numbers the re-sends: 0 at the answer, 1 after a vote ...;
 * the latest `ts` wins in the store); undefined when the signals say nothing yet.
 */
export function outcomeEvent(
  requestId: string, seq: number, ts: number, taskType: string, model: string, signals: OutcomeSignals, costUsd?: number,
): LearningEvent | undefined {
  const quality = qualityScore(signals);
  if (quality === undefined) return undefined;
  return learningEvent('outcome', `outcome:${requestId}:${seq}`, ts, defined({ requestId, taskType, model, quality, signals, costUsd }));
}

/** An answer at least this good (0-10) counts the patterns injected into its prompt as kept (seed 002's rating). */
export const PATTERN_KEPT_QUALITY = 7;

/**
 * The rating of the patterns injected into a request's prompt by the answer's outcome: `kept` (adds to the pattern's
 * success count) when the quality is at least `PATTERN_KEPT_QUALITY` (an answer that merely arrived is 6: it takes a
 * vote up or kept code), else `discarded`. Call it once, when the outcome is settled (the 10-minute survival, or a
 * vote); the id `outcome:<requestId>:<patternId>` makes a second call change nothing.
 */
export function patternOutcomeEvents(requestId: string, ts: number, patternIds: readonly string[], quality: number): PatternUsageEvent[] {
  const action = quality >= PATTERN_KEPT_QUALITY ? 'kept' : 'discarded';
  return patternIds.map((patternId) => ({ kind: 'pattern_usage', ts, id: `outcome:${requestId}:${patternId}`, patternId, action }));
}
