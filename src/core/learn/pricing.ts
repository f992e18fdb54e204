/**
 * Cost of one AI request. Prices come from the catalogue bundled in `@pydantic/genai-prices` (see
 * `price-data.ts`), which prices context tiers (e.g. the whole request at the higher rate once the prompt
 * exceeds 200k tokens), cache writes and cache reads apart, and prices that changed on a date (the request's
 * own time picks the price). The package never fetches anything unless `updatePrices` is called, which this
 * extension does not do. The user's overrides win over the catalogue.
 */
import { calcPrice } from '@pydantic/genai-prices';
import type { Provider } from '@pydantic/genai-prices';
import type { ModelPrice, PricingOverrides } from './pricing-overrides';
import { isFiniteNonNeg } from './pricing-overrides';
import { linearCost, linearPrice } from './pricing-linear';
import type { LinearPrice } from './pricing-linear';

/**
 * Token counts of one interaction, each counted once: `input` is the uncached prompt only, cache writes and
 * cache reads apart from it (Codex's cached input is `cacheRead`).
 */
export interface TokenUsage {
  input?: number;
  output?: number;
  cacheWrite?: number;
  /**
   * The part of `cacheWrite` kept for an hour (Anthropic's `cache_creation.ephemeral_1h_input_tokens`), priced at the
   * catalogue's 1-hour write rate (2x input against 1.25x for 5 minutes); the rest of `cacheWrite` is 5-minute.
   */
  cacheWrite1h?: number;
  cacheRead?: number;
}

/**
 * Normalises a model id the way tools log it: lower case, provider prefix dropped
 * (`copilot/`, `anthropic/`, `openai/`, `gemini/`...), a trailing `-YYYYMMDD` snapshot date dropped.
 */
export function normaliseModel(model: string): string {
  let m = model.trim().toLowerCase();
  const slash = m.lastIndexOf('/');
  if (slash !== -1) m = m.slice(slash + 1);
  return m.replace(/-\d{8}$/, '');
}

function overrideFor(model: string, overrides: PricingOverrides | undefined): ModelPrice | undefined {
  const raw = overrides?.[model] ?? overrides?.[normaliseModel(model)];
  if (raw === undefined || !isFiniteNonNeg(raw.input) || !isFiniteNonNeg(raw.output)) return undefined;
  return { input: raw.input, output: raw.output, cacheWrite: raw.cacheWrite ?? raw.input, cacheRead: raw.cacheRead ?? raw.input };
}

function flatCost(price: ModelPrice, u: TokenUsage): number {
  const micro = (u.input ?? 0) * price.input + (u.output ?? 0) * price.output +
    (u.cacheWrite ?? 0) * price.cacheWrite + (u.cacheRead ?? 0) * price.cacheRead;
  return micro / 1_000_000;
}

/**
 * The provider each model id matched, narrowed to that one model (null: nothing matched), so later requests of
 * the same model skip the catalogue-wide search, which took 60-80% of the time of an import (100-250 us a request
 * against 30-65 us narrowed, same prices); and that model's price taken apart into per-token rates
 * (`pricing-linear.ts`), which makes most requests a few multiplications. Bounded: ids are few, but a log could
 * invent many.
 */
const matched = new Map<string, { provider: Provider; linear: LinearPrice | null } | null>();
const MAX_MATCHED = 512;

function price(usage: Parameters<typeof calcPrice>[0], id: string, at: Date | undefined): number | undefined {
  const known = matched.get(id);
  if (known === null) return undefined;
  if (known?.linear) {
    const provider = known.provider;
    const cost = linearCost(known.linear, usage, (u) => {
      const r = calcPrice(u, id, { provider });
      if (r === null) throw new Error(`no price for ${id}`);
      return r.total_price;
    });
    if (cost !== undefined) return cost;
  }
  const options = { ...(at !== undefined ? { timestamp: at } : {}), ...(known !== undefined ? { provider: known.provider } : {}) };
  const result = calcPrice(usage, id, options);
  if (known === undefined) {
    if (matched.size >= MAX_MATCHED) matched.clear();
    matched.set(id, result === null ? null : { provider: { ...result.provider, models: [result.model] }, linear: linearPrice(result.model, result.model_price) });
  }
  return result === null ? undefined : result.total_price;
}

/** The catalogue's price, or undefined when no model in it matches (provider prefix tried with and without). */
function catalogueCost(model: string, u: TokenUsage, at: number | undefined): number | undefined {
  const cacheRead = u.cacheRead ?? 0;
  const cacheWrite = u.cacheWrite ?? 0;
  // The package counts cache tokens as parts of `input_tokens` (the whole prompt), which also decides the tier.
  const cacheWrite1h = Math.max(0, Math.min(u.cacheWrite1h ?? 0, cacheWrite));
  const usage = { input_tokens: (u.input ?? 0) + cacheRead + cacheWrite, output_tokens: u.output ?? 0,
    cache_read_tokens: cacheRead, cache_write_tokens: cacheWrite, ...(cacheWrite1h > 0 ? { cache_write_1h_tokens: cacheWrite1h } : {}) };
  const when = at !== undefined && Number.isFinite(at) ? new Date(at) : undefined;
  const lower = model.trim().toLowerCase();
  for (const id of new Set([lower, lower.slice(lower.lastIndexOf('/') + 1)])) {
    if (id === '') continue;
    try {
      const cost = price(usage, id, when);
      if (cost !== undefined) return cost;
    } catch (err) {
      // The package rejects usage it cannot decompose; a cost left unknown is the honest answer.
      if (!(err instanceof Error)) throw err;
      return undefined;
    }
  }
  return undefined;
}

/**
 * Cost in USD, or undefined when the model's price or every token count is unknown (never guessed from a
 * similar name outside the catalogue's own matching rules). `at` (ms) is when the request was made.
 */
export function costUsd(model: string | undefined, usage: TokenUsage, overrides?: PricingOverrides, at?: number): number | undefined {
  if (model === undefined || model.trim() === '') return undefined;
  const { input, output, cacheWrite, cacheRead } = usage;
  if (input === undefined && output === undefined && cacheWrite === undefined && cacheRead === undefined) return undefined;
  const override = overrideFor(model, overrides);
  return override !== undefined ? flatCost(override, usage) : catalogueCost(model, usage, at);
}
