/**
 * One request to our chat participant (`@learn`), from the prompt it sends to the events it records: the prompt
 * text (the user's request, the selection, the proven patterns), the code blocks of the answer (hashed the way
 * capture hashes an insertion, to link an "Insert" back to the answer), and the events of the finished turn: an
 * `ai_interaction` (source tool `ai-learning`) plus the `learning` events of `learning-events.ts`.
 */
import type { AiInteractionEvent, RecordedEvent } from '../model/events';
import { fastHash } from '../util/hash';
import { OWN_SOURCE_TOOL } from './learning-events';
import type { OutcomeSignals } from './outcome';
import { answerEvents, outcomeEvent, type AnswerRecord } from './record';

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

/** What the host knows once a turn has finished: R's `AnswerRecord` (record.ts) plus what the prompt held. */
export interface FinishedTurn extends AnswerRecord {
  /** The seed 002 patterns put into the prompt (rated by the answer's outcome). */
  patternIds?: readonly string[];
  codeBlocks: number;
}

/** The signals known when the turn ends: it failed (the last attempt's failure) or completed, and its code blocks. */
export function initialSignals(t: FinishedTurn): OutcomeSignals {
  const last = t.attempts[t.attempts.length - 1];
  if (last?.failure) return { failed: last.failure };
  return { completed: true, codeBlocks: t.codeBlocks };
}

/**
 * The events of a finished turn: `answerEvents` (the interaction of the model that answered or was tried last, the
 * route, fallbacks, estimate, A/B assignments) preceded by one `ai_interaction` per model that failed before the last
 * one (`<requestId>#<n>`: each was a request of its own, and the store's figures learn a model's failures only from
 * interactions), then the outcome known at the end.
 */
export function turnEvents(t: FinishedTurn): RecordedEvent[] {
  const failedBefore: AiInteractionEvent[] = t.attempts.slice(0, -1).map((a, i) => ({
    kind: 'ai_interaction', ts: t.ts, id: `${t.requestId}#${i + 1}`, sourceTool: OWN_SOURCE_TOOL, interaction: 'chat',
    intent: t.task.intent, model: a.model, latencyMs: Math.round(a.elapsedMs),
    ...(a.failure === 'cancelled' ? { cancelled: true } : { success: a.failure === undefined }),
    ...(t.promptChars !== undefined ? { promptChars: t.promptChars } : {}),
  }));
  const last = t.attempts[t.attempts.length - 1];
  const outcome = last ? outcomeEvent(t.requestId, 0, t.ts, t.task.taskType, last.model, initialSignals(t), t.costUsd) : undefined;
  return [...failedBefore, ...answerEvents(t), ...(outcome ? [outcome] : [])];
}
