/**
 * One request to our chat participant (`@learn`), from the prompt it sends to the events it records: the prompt
 * text (the user's request, the selection, the proven patterns), the code blocks of the answer (hashed the way
 * capture hashes an insertion, to link an "Insert" back to the answer), and the events of the finished turn: an
 * `ai_interaction` (source tool `ai-learning`) plus the `learning` events of `learning-events.ts`.
 */
import type { AiInteractionEvent, RecordedEvent } from '../model/events';
import { fastHash } from '../util/hash';
import type { FailureKind } from './fallback';
import { learningEvent, OWN_SOURCE_TOOL } from './learning-events';
import type { OutcomeSignals } from './outcome';
import { qualityScore } from './outcome';
import type { RouteDecision } from './router';
import type { TaskProfile } from './task-profile';

/** The prompt sent to the model: the request, then the selection it is about, then the proven patterns (if any). */
export function promptText(request: string, selection: { text: string; language?: string } | undefined, patternsMarkdown: string): string {
  const parts = [request.trim()];
  if (selection && selection.text.trim()) {
    const fence = selection.text.includes('```') ? '````' : '```';
    parts.push(`The code this is about (selected in the editor):\n${fence}${selection.language ?? ''}\n${selection.text}\n${fence}`);
  }
  if (patternsMarkdown) parts.push(`Patterns from your own code that worked (use them where they fit):\n\n${patternsMarkdown}`);
  return parts.join('\n\n');
}

/** The code of each fenced block of a Markdown answer. */
export function codeBlocks(markdown: string): string[] {
  const out: string[] = [];
  const re = /^(`{3,})[^\n`]*\n([\s\S]*?)^\1[ \t]*$/gm;
  for (let m = re.exec(markdown); m; m = re.exec(markdown)) out.push(m[2]);
  return out;
}

/**
 * The hashes an insertion of `code` can have in capture (`ai_insertion.textHash` = `fastHash` of the inserted text):
 * the block as is, without its final newline, and with one (the editor's "Insert" keeps or adds it).
 */
export function blockHashes(code: string): string[] {
  const bare = code.replace(/\n+$/, '');
  return [...new Set([code, bare, `${bare}\n`].filter((c) => c.trim()).map(fastHash))];
}

/** One model tried for a turn. */
export interface Attempt {
  model: string;
  /** Undefined when it answered. */
  failure?: FailureKind;
  firstTokenMs?: number;
  elapsedMs: number;
}

/** What the host knows once a turn has finished. */
export interface FinishedTurn {
  requestId: string;
  ts: number;
  task: TaskProfile;
  decision: RouteDecision;
  preferred?: string;
  attempts: Attempt[];
  promptChars: number;
  responseChars: number;
  /** Base (unadjusted) prediction and actuals of the model that answered (or was tried last). */
  estimate?: { predictedInput: number; predictedOutput: number; actualInput?: number; actualOutput?: number; costUsd?: number };
  codeBlocks: number;
  ab?: { testId: string; arm: 'control' | 'treatment' };
  /** A stored prompt only when the user opted in to prompt text. */
  prompt?: string;
}

/** The signals known when the turn ends: it failed (the last attempt's failure) or completed, and its code blocks. */
export function initialSignals(t: FinishedTurn): OutcomeSignals {
  const last = t.attempts[t.attempts.length - 1];
  if (last?.failure) return { failed: last.failure };
  return { completed: true, codeBlocks: t.codeBlocks };
}

/** The fields of one attempt's interaction (a request sent to one model). */
function attemptInteraction(t: FinishedTurn, a: Attempt | undefined, id: string, ts: number): AiInteractionEvent {
  return {
    kind: 'ai_interaction', ts, id, sourceTool: OWN_SOURCE_TOOL, interaction: 'chat', intent: t.task.intent,
    latencyMs: Math.round(a?.elapsedMs ?? 0), success: a !== undefined && a.failure === undefined,
    ...(a?.failure === 'cancelled' ? { cancelled: true } : {}), ...(a ? { model: a.model } : {}),
    ...(a?.firstTokenMs !== undefined ? { firstTokenMs: Math.round(a.firstTokenMs) } : {}),
  };
}

/**
 * The events of a finished turn: one `ai_interaction` per model tried (the last one under the request id, the
 * failed ones before it under `<requestId>#<n>`), then the learning events; ids derive from the request id (a
 * replay changes nothing).
 */
export function turnEvents(t: FinishedTurn): RecordedEvent[] {
  const last = t.attempts[t.attempts.length - 1];
  const interaction: AiInteractionEvent = {
    ...attemptInteraction(t, last, t.requestId, t.ts),
    promptChars: t.promptChars, responseChars: t.responseChars,
    ...(t.estimate?.actualInput !== undefined ? { tokensIn: t.estimate.actualInput } : {}),
    ...(t.estimate?.actualOutput !== undefined ? { tokensOut: t.estimate.actualOutput } : {}),
    ...(t.estimate?.costUsd !== undefined ? { costUsd: t.estimate.costUsd } : {}),
    ...(t.prompt !== undefined ? { prompt: t.prompt } : {}),
  };
  // Each model that failed before the last was a request of its own: its failure is what routing learns from.
  const failedBefore = t.attempts.slice(0, -1).map((a, i) => ({ ...attemptInteraction(t, a, `${t.requestId}#${i + 1}`, t.ts), promptChars: t.promptChars }));
  const c = t.decision.chosen;
  const events: RecordedEvent[] = [...failedBefore, interaction, learningEvent('route', `route:${t.requestId}`, t.ts, {
    requestId: t.requestId, taskType: t.task.taskType, complexity: t.task.complexity, chosen: c.model.id, basis: c.basis,
    score: c.score, confidence: c.confidence, explored: t.decision.explored, candidates: t.decision.ranked.length,
    ...(t.task.language ? { language: t.task.language } : {}), ...(t.preferred ? { preferred: t.preferred } : {}),
  })];
  t.attempts.forEach((a, i) => {
    const next = t.attempts[i + 1];
    if (!a.failure || !next) return;
    events.push(learningEvent('fallback', `fallback:${t.requestId}:${i + 1}`, t.ts, {
      requestId: t.requestId, attempt: i + 1, from: a.model, failure: a.failure, to: next.model, succeeded: next.failure === undefined,
    }));
  });
  if (t.estimate && last) {
    events.push(learningEvent('estimate', `estimate:${t.requestId}`, t.ts, {
      requestId: t.requestId, taskType: t.task.taskType, complexity: t.task.complexity, model: last.model, ...t.estimate,
    }));
  }
  const signals = initialSignals(t);
  const quality = qualityScore(signals);
  if (last && quality !== undefined) {
    events.push(learningEvent('outcome', `outcome:${t.requestId}:0`, t.ts, {
      requestId: t.requestId, taskType: t.task.taskType, model: last.model, quality, signals,
      ...(t.estimate?.costUsd !== undefined ? { costUsd: t.estimate.costUsd } : {}),
    }));
  }
  if (t.ab) events.push(learningEvent('ab_assignment', `ab:${t.ab.testId}:${t.requestId}`, t.ts, { ...t.ab, requestId: t.requestId }));
  return events;
}
