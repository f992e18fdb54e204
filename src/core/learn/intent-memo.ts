import type { Intent } from '../model/events';
import { classifyIntent } from './intent';

/**
 * `classifyIntent` once per distinct prompt within an import run (one import worker): the same prompt text comes
 * again when a tool rewrites a message line (Gemini CLI writes a user message again under the same id), when a
 * document rewritten during its read is read again (`importUntilSteady`), and as the short prompts people repeat
 * ("continue", "yes", "fix it"). The answer depends on the text alone (the model is fixed at build time), so a
 * remembered one is the same answer. Bounded: prompts over `MAX_KEY_CHARS` are not remembered, and the memo is
 * emptied when its prompts add up to `MAX_TOTAL_CHARS` or `MAX_ENTRIES`.
 */
const MAX_KEY_CHARS = 8_192;
const MAX_TOTAL_CHARS = 4_000_000;
const MAX_ENTRIES = 50_000;

const memo = new Map<string, Intent>();
let totalChars = 0;

/** The intent of `prompt`, as `classifyIntent` gives it. */
export function classifyIntentOnce(prompt: string | undefined): Intent {
  if (prompt === undefined || prompt.length > MAX_KEY_CHARS) return classifyIntent(prompt);
  const known = memo.get(prompt);
  if (known !== undefined) return known;
  const intent = classifyIntent(prompt);
  if (totalChars + prompt.length > MAX_TOTAL_CHARS || memo.size >= MAX_ENTRIES) resetIntentMemo();
  memo.set(prompt, intent);
  totalChars += prompt.length;
  return intent;
}

/**
 * Forgets every remembered prompt. An import run starts with an empty memo (a fresh worker); the benchmarks call
 * this before each timed import so that a repeated round of the same file pays what a new run pays.
 */
export function resetIntentMemo(): void {
  memo.clear();
  totalChars = 0;
}

/** How many prompts and characters are remembered (for tests of the bounds). */
export function intentMemoSize(): { entries: number; chars: number } {
  return { entries: memo.size, chars: totalChars };
}
