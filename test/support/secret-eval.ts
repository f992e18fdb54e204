/**
 * Scores a redaction function on test/fixtures/secrets/eval-set.json. The oracle knows nothing of the rules: a
 * secret counts as caught when no 8-character run of its body (taken within each whitespace-separated piece)
 * survives that the text would not hold without the secret, and a look-alike counts as a false positive when the function changes its text at all.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context, EvalLookAlike, EvalSecret } from '../fixtures/secrets/gen-eval-set';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface EvalSet {
  secrets: EvalSecret[];
  lookAlikes: EvalLookAlike[];
}

export function loadEvalSet(): EvalSet {
  return JSON.parse(readFileSync(path.join(here, '../fixtures/secrets/eval-set.json'), 'utf8')) as EvalSet;
}

/**
 * True when some 8-character run of `body` is still in `out`. A run that the text holds anyway without the
 * secret (a `CLOJARS_` prefix that is also in the variable name `CLOJARS_TOKEN`), or that is only in a
 * `[REDACTED:<kind>]` marker, does not count.
 */
export function leaks(body: string, text: string, redacted: string): boolean {
  const without = text.split(body).join('');
  // The markers name a kind (`[REDACTED:rubygems-api-token]`), which may spell a token's public prefix.
  const out = redacted.replace(/\[REDACTED:[^\]]*\]/g, '');
  for (const piece of body.split(/\s+/)) {
    const w = Math.min(8, piece.length);
    for (let i = 0; i + w <= piece.length; i++) {
      const run = piece.slice(i, i + w);
      if (out.includes(run) && !without.includes(run)) return true;
    }
  }
  return false;
}

export interface EvalScore {
  /** Share of secrets caught, per context, over the selected formats. */
  recall: Record<Context, number>;
  missed: Array<{ format: string; context: Context; text: string }>;
  falsePositiveRate: number;
  falsePositives: EvalLookAlike[];
  secrets: number;
  lookAlikes: number;
}

/** `split`: 'tune', 'report' or 'all' formats; the look-alikes are always all scored. */
export function score(redact: (text: string) => string, set: EvalSet, split: 'tune' | 'report' | 'all'): EvalScore {
  const chosen = set.secrets.filter((s) => split === 'all' || s.split === split);
  const caught: Record<string, [number, number]> = {};
  const missed: EvalScore['missed'] = [];
  for (const s of chosen) {
    const c = (caught[s.context] ??= [0, 0]);
    c[1]++;
    if (!leaks(s.body, s.text, redact(s.text))) c[0]++;
    else missed.push({ format: s.format, context: s.context, text: s.text });
  }
  const recall = Object.fromEntries(Object.entries(caught).map(([k, [a, n]]) => [k, a / n])) as Record<Context, number>;
  const falsePositives = set.lookAlikes.filter((l) => redact(l.text) !== l.text);
  return {
    recall, missed, falsePositives, falsePositiveRate: falsePositives.length / set.lookAlikes.length,
    secrets: chosen.length, lookAlikes: set.lookAlikes.length,
  };
}
