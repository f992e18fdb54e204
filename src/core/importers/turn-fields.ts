import { classifyIntentOnce } from '../learn/intent-memo';
import type { ImportOptions } from './types';

/** An agent turn as the turn-based importers (Codex, Copilot CLI and transcripts, Amp) collect it. */
export interface TurnTimes {
  prompt: string;
  ts: number;
  lastTs: number;
  firstReplyTs?: number;
  responseChars: number;
}

/**
 * The fields of a turn's `ai_interaction` taken from its prompt and times, filled the same way by every turn-based
 * importer: intent, prompt size (and text, redacted, only when the capture level allows), time to the first reply and
 * to the last. `withPrompt` false for a record that carries a turn's figures but is not itself a request.
 */
export function turnFields(t: TurnTimes, options: ImportOptions, withPrompt = true) {
  const { includeText, redact } = options;
  return {
    intent: classifyIntentOnce(t.prompt),
    promptChars: withPrompt ? t.prompt.length : undefined,
    prompt: includeText && withPrompt ? (redact ?? ((x: string) => x))(t.prompt) : undefined,
    responseChars: t.responseChars,
    firstTokenMs: t.firstReplyTs !== undefined ? t.firstReplyTs - t.ts : undefined,
    latencyMs: t.lastTs - t.ts,
  };
}
