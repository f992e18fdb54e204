/**
 * Secret redaction, applied to every piece of text before it can reach the journal (code text at the `text`
 * capture level, command lines, imported prompts, feedback comments). Each secret is replaced by
 * `[REDACTED:<kind>]` and the rest of the text is kept.
 *
 * Two sources of spans: the token formats of gitleaks' rule set (secret-rules.ts, generated data) and the
 * detectors that judge by context (secret-context.ts). Both run in time linear in the text; a text longer than
 * `REDACT_MAX_CHARS` is cut first, so one call is bounded whatever it is given (~5 ms per 100 KB, see
 * bench/redact.bench.ts). Large text (imported prompts) is redacted in the import worker, not the host.
 */
import { contextSpans } from './secret-context';
import { ruleSpans } from './secret-rules';
import { applySpans } from './spans';

export { entropy, looksRandom } from './entropy';

/** The most text one call redacts and keeps; the rest is dropped and the cut is said in the text. */
export const REDACT_MAX_CHARS = 1_000_000;

export interface RedactionResult {
  text: string;
  /** Number of secrets replaced. */
  count: number;
  /** Characters dropped because the text was longer than the cap (0 when none). */
  truncatedChars: number;
}

/**
 * Cuts `text` to at most `max` characters, back to the last whitespace before the cut when one is near, so a
 * token is not split into a prefix that no rule recognises.
 */
function cap(text: string, max: number): { kept: string; dropped: number } {
  if (text.length <= max) return { kept: text, dropped: 0 };
  let cut = max;
  const ws = text.slice(Math.max(0, max - 4096), max).search(/\s\S*$/);
  if (ws >= 0) cut = Math.max(0, max - 4096) + ws;
  return { kept: text.slice(0, cut), dropped: text.length - cut };
}

/** Replaces every recognised secret in `text` (cut to `maxChars` first). */
export function redactSecrets(text: string, maxChars = REDACT_MAX_CHARS): RedactionResult {
  const { kept, dropped } = cap(text, maxChars);
  const { text: out, count } = applySpans(kept, [...ruleSpans(kept), ...contextSpans(kept)]);
  return {
    text: dropped > 0 ? `${out}\n[truncated: ${dropped} characters not kept]` : out,
    count,
    truncatedChars: dropped,
  };
}
