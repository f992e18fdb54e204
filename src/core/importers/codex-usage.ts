import { num, obj } from './parse-util';
import type { Json } from './parse-util';

/**
 * Token usage of Codex rollouts. `event_msg/token_count` carries `info.total_token_usage`, a cumulative
 * snapshot for the whole session, and `info.last_token_usage`, the last request's. Codex writes the same
 * snapshot several times (often twice in a row, and again after a resume), and `info: null` events carry
 * only rate limits, so adding `last_token_usage` per event counts requests 1.7-2x: new usage is the increase
 * of the total since the previous snapshot. A total that went down means the counter restarted (a new
 * process on the same file): the new total is all new. Files without totals fall back to `last_token_usage`.
 */
export interface Usage {
  /** Input tokens that were not cache reads (Codex's `input_tokens` include `cached_input_tokens`). */
  input: number;
  cacheRead: number;
  /** Output tokens, reasoning included (as billed). */
  output: number;
  reasoning: number;
}

export type Snapshot = Json;

type Field = 'input_tokens' | 'cached_input_tokens' | 'output_tokens' | 'reasoning_output_tokens' | 'total_tokens';

/** The cumulative snapshot of a `token_count` payload, if it has one. */
export function totalOf(payload: Json): Snapshot | undefined {
  return obj(obj(payload.info)?.total_token_usage);
}

export function lastOf(payload: Json): Snapshot | undefined {
  return obj(obj(payload.info)?.last_token_usage);
}

function field(s: Snapshot | undefined, k: Field): number {
  return num(s?.[k]) ?? 0;
}

/** Sum of a snapshot's fields: a cheap "did anything change" and "did it go down" key. */
export function magnitude(s: Snapshot | undefined): number {
  const total = field(s, 'total_tokens');
  return total > 0 ? total : field(s, 'input_tokens') + field(s, 'output_tokens');
}

/** The usage a snapshot adds over `base` (undefined when nothing is new). */
export function increase(next: Snapshot, base: Snapshot | undefined): Usage | undefined {
  const from = base !== undefined && magnitude(next) >= magnitude(base) ? base : undefined;
  const d = (k: Field): number => Math.max(0, field(next, k) - field(from, k));
  const usage = { input: d('input_tokens') - d('cached_input_tokens'), cacheRead: d('cached_input_tokens'), output: d('output_tokens'), reasoning: d('reasoning_output_tokens') };
  if (usage.input < 0) usage.input = 0;
  return usage.input + usage.cacheRead + usage.output + usage.reasoning > 0 ? usage : undefined;
}

/** A `last_token_usage` read on its own (older rollouts without totals). */
export function fromLast(last: Snapshot): Usage | undefined {
  return increase(last, undefined);
}

export function addUsage(a: Usage | undefined, b: Usage): Usage {
  if (a === undefined) return { ...b };
  return { input: a.input + b.input, cacheRead: a.cacheRead + b.cacheRead, output: a.output + b.output, reasoning: a.reasoning + b.reasoning };
}
