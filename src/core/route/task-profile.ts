/**
 * What a chat request is, for routing (issue 15): its intent (the learned classifier of `src/core/learn/intent.ts`),
 * the active file's language and a complexity class from the prompt and the selection. Pure and cheap.
 */
import type { Intent } from '../model/events';
import { classifyIntent } from '../learn/intent';

export type Complexity = 'low' | 'medium' | 'high';

export interface TaskProfile {
  intent: Intent;
  /** The active editor's language id (`typescript`, `python` ...), when there is one. */
  language?: string;
  complexity: Complexity;
  /**
   * The key of learned figures: the intent alone, since the store's `model_performance` and the imported history
   * are keyed by intent (language and complexity are too sparse per model to learn from yet).
   */
  taskType: string;
}

/**
 * Complexity thresholds, in characters (about 4 characters a token). A request is `high` when the prompt plus the
 * selection exceed `HIGH_CHARS` or it names work across files or a design; `low` when both are short and it names
 * neither; `medium` otherwise. The calibration (`calibration.ts`) learns one token factor per class, so the classes
 * only have to separate small, usual and large requests, not be right about difficulty.
 */
export const COMPLEXITY = { LOW_CHARS: 400, HIGH_CHARS: 6000 } as const;

/** Words that make a request high whatever its size: work over several files, or over the design. */
const BROAD = /\b(across (?:the |all )?(?:files|modules|codebase|project)|whole (?:project|codebase|repo)|every file|architecture|migrate|redesign|multi-?file)\b/i;

export function complexityOf(prompt: string, selectionChars = 0): Complexity {
  const size = prompt.length + Math.max(0, selectionChars);
  if (size > COMPLEXITY.HIGH_CHARS || BROAD.test(prompt)) return 'high';
  if (size <= COMPLEXITY.LOW_CHARS) return 'low';
  return 'medium';
}

/** Classifies one request. `ctx.selectionChars` is the size of the selection sent with it (0 when none). */
export function profileTask(prompt: string, ctx: { language?: string; selectionChars?: number }): TaskProfile {
  const intent = classifyIntent(prompt);
  return {
    intent,
    ...(ctx.language ? { language: ctx.language } : {}),
    complexity: complexityOf(prompt, ctx.selectionChars ?? 0),
    taskType: intent,
  };
}
