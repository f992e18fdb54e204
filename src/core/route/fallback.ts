/**
 * Fallback (seed 003): when the chosen model fails (error, refusal, quota, timeout), the next model; the store
 * learns which fallback succeeded after which failure of which model (`route_fallbacks`), and that order is tried
 * first next time. A cancellation is the user's choice: no fallback.
 */
import type { FallbackFigure, RoutingState } from './state';
import type { RankedModel, RouteDecision } from './router';
import { routeKey } from './router';

export type FailureKind = 'error' | 'refusal' | 'quota' | 'timeout' | 'cancelled';

/** A request with no first token after this long is a timeout (the host aborts it). */
export const TIMEOUT_MS = 60_000;

const QUOTA = /\b(quota|rate.?limit|too many requests|429|exceeded|insufficient.?(?:credits|balance)|usage limit)\b/i;
const REFUSAL_TEXT = /^\s*(?:i['’]m sorry|sorry, (?:but )?i can(?:no|')t|i can(?:no|')t (?:help|assist) with|i (?:won['’]t|am unable to) (?:help|assist))/i;
const CANCEL = /\b(cancel(?:l?ed)?|abort(?:ed)?)\b/i;
const TIMEOUT = /\b(time[d ]?out|etimedout|deadline exceeded)\b/i;

/** The `code` of an error as vscode.LanguageModelError (and Node) report it, without importing vscode. */
function codeOf(err: unknown): string {
  if (typeof err !== 'object' || err === null) return '';
  const o = err as { code?: unknown; name?: unknown };
  return [o.code, o.name].filter((v): v is string => typeof v === 'string').join(' ');
}

/**
 * What kind of failure ended a request, or undefined when it did not fail. `err` is what the request threw
 * (vscode.LanguageModelError codes `NoPermissions`, `Blocked`, `NotFound`, a CancellationError, an HTTP error
 * text); `text` is the answer when one arrived (a refusal arrives as text). `elapsedMs` beyond `TIMEOUT_MS`
 * with an error is a timeout.
 */
export function classifyFailure(err: unknown, elapsedMs: number, text?: string): FailureKind | undefined {
  if (err === undefined || err === null) {
    return text !== undefined && REFUSAL_TEXT.test(text.slice(0, 200)) ? 'refusal' : undefined;
  }
  const code = codeOf(err);
  const message = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  const all = `${code} ${message}`;
  if (/Cancel/i.test(code) || CANCEL.test(message)) return 'cancelled';
  if (/Blocked/i.test(code) || QUOTA.test(all)) return 'quota';
  if (TIMEOUT.test(all) || elapsedMs >= TIMEOUT_MS) return 'timeout';
  if (/NoPermissions|refus|content.?filter|policy/i.test(all)) return 'refusal';
  return 'error';
}

/** Share of successes after which a learned fallback is trusted over the ranking: (successes + 1) / (tries + 2). */
const successRate = (f: FallbackFigure): number => (f.successes + 1) / (f.tries + 2);

/**
 * The next model to try after `failed` (ids of the models that failed so far, in order) with `failure` of the
 * last, or undefined when none is left or the failure was a cancellation. Among the ranked models not yet tried,
 * a fallback learned after this failure of this model comes first when its smoothed success rate (Laplace,
 * `(s+1)/(t+2)`) beats 0.5; otherwise the ranking's order. After a quota failure, models of the same vendor are
 * tried last (a quota is usually the vendor's).
 */
export function nextFallback(
  decision: RouteDecision, failed: readonly string[], failure: FailureKind, state: RoutingState,
): RankedModel | undefined {
  if (failure === 'cancelled') return undefined;
  const tried = new Set(failed);
  let left = decision.ranked.filter((r) => !tried.has(r.model.id));
  if (left.length === 0) return undefined;
  const last = decision.ranked.find((r) => r.model.id === failed[failed.length - 1]);
  if (failure === 'quota' && last?.model.vendor) {
    const vendor = last.model.vendor;
    left = [...left.filter((r) => r.model.vendor !== vendor), ...left.filter((r) => r.model.vendor === vendor)];
  }
  const from = last ? routeKey(last.model.id) : undefined;
  const learned = state.fallbacks
    .filter((f) => f.failure === failure && from !== undefined && routeKey(f.from) === from && successRate(f) > 0.5)
    .sort((a, b) => successRate(b) - successRate(a));
  for (const f of learned) {
    const hit = left.find((r) => routeKey(r.model.id) === routeKey(f.to));
    if (hit) return hit;
  }
  return left[0];
}
