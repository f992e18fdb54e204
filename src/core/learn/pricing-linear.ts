/**
 * The catalogue's price of one model, taken apart once into per-token rates so that each request costs a few
 * multiplications instead of a `calcPrice` call (15-40 us each: the package checks and decomposes its units
 * generically on every call, which was a third of a dense Gemini CLI import).
 *
 * Why this is the package's own price, not a second price table: `calcPrice` charges each unit `price x tokens /
 * per` (plain prices) or, for tiered prices, the rate of the highest tier whose `start` the request's whole
 * prompt (`input_tokens`) exceeds, times the tokens. So within one band of prompt sizes between two tier starts
 * the cost is linear in the token counts plus a constant (a per-request price). The rates of a band are read
 * from `calcPrice` itself, at prompts inside that band. Models whose price changes with the date or the time of
 * day, or that has a price the rule above does not cover, are not taken apart: they keep calling `calcPrice`.
 * The unit tests compare both ways over the whole catalogue.
 */
import type { ModelInfo, ModelPrice, Usage } from '@pydantic/genai-prices';

/** The counts of the usage `pricing.ts` hands the package (`input_tokens` is the whole prompt). */
const KEYS = ['input_tokens', 'output_tokens', 'cache_read_tokens', 'cache_write_tokens', 'cache_write_1h_tokens'] as const;

/** Per-token rates of one band, `KEYS` order, and the constant (per-request) part. */
interface Rates {
  base: number;
  perToken: number[];
}

/** A model's bands: band `k` holds prompts `p` with `starts[k-1] < p <= starts[k]` (the last one is open). */
export interface LinearPrice {
  starts: number[];
  bands: (Rates | null)[];
}

/** The package's price of a usage for the model already matched; throws as the package does. */
export type PriceOf = (usage: Usage) => number;

/**
 * The linear form of a model's price (its bands' rates are read on first use), or null when its price is not
 * linear in bands: dated or timed prices, a tiered per-request price, a price object of another shape.
 */
export function linearPrice(model: ModelInfo, modelPrice: ModelPrice): LinearPrice | null {
  if (Array.isArray(model.prices)) return null;
  const starts = new Set<number>();
  for (const [key, p] of Object.entries(modelPrice)) {
    if (p === undefined || typeof p === 'number') continue;
    if (key === 'requests' || !isTiered(p)) return null;
    for (const t of p.tiers) starts.add(t.start);
  }
  const sorted = [...starts].sort((a, b) => a - b);
  return { starts: sorted, bands: [] };
}

function isTiered(p: unknown): p is { base: number; tiers: { start: number }[] } {
  const t = p as { base?: unknown; tiers?: unknown };
  return typeof t.base === 'number' && Array.isArray(t.tiers) && t.tiers.every((x) => Number.isSafeInteger((x as { start?: unknown }).start));
}

/**
 * The cost of `usage` by the linear form (rates of a band worked out on its first use), or undefined when it
 * must go to the package: a count that is not a finite non-negative number (the package rejects it), a prompt
 * on a tier's start, or a band whose rates could not be read.
 */
export function linearCost(lp: LinearPrice, usage: Usage, priceOf: PriceOf): number | undefined {
  for (const k of Object.keys(usage)) if (!(KEYS as readonly string[]).includes(k)) return undefined;
  const values = KEYS.map((k) => usage[k] ?? 0);
  for (const v of values) if (!Number.isFinite(v) || v < 0) return undefined;
  const prompt = values[0];
  let band = 0;
  while (band < lp.starts.length && prompt > lp.starts[band]) band++;
  if (band < lp.starts.length && prompt === lp.starts[band]) return undefined;
  if (!(band in lp.bands)) lp.bands[band] = ratesOf(lp, band, priceOf);
  const rates = lp.bands[band];
  if (rates === null) return undefined;
  let cost = rates.base;
  for (let i = 0; i < KEYS.length; i++) if (values[i] !== 0) cost += rates.perToken[i] * values[i];
  return cost;
}

/** A prompt size strictly inside band `k` (counts need not be whole for the package). */
function promptIn(lp: LinearPrice, k: number): number {
  const lo = k === 0 ? 0 : lp.starts[k - 1];
  const hi = k < lp.starts.length ? lp.starts[k] : lo + 2_000_000;
  return (lo + hi) / 2;
}

/**
 * The rates of band `k`, read from the package at one prompt size `x` inside it: the whole prompt as plain input,
 * then as much again of output, cache reads, cache writes and 1-hour cache writes (the cache counts are parts of
 * the prompt). Null when the package rejects one of these usages.
 */
function ratesOf(lp: LinearPrice, k: number, priceOf: PriceOf): Rates | null {
  const x = promptIn(lp, k);
  try {
    const base = priceOf({ input_tokens: 0, output_tokens: 0, cache_read_tokens: 0, cache_write_tokens: 0 });
    const prompt = priceOf({ input_tokens: x, output_tokens: 0, cache_read_tokens: 0, cache_write_tokens: 0 });
    const output = priceOf({ input_tokens: x, output_tokens: x, cache_read_tokens: 0, cache_write_tokens: 0 });
    const read = priceOf({ input_tokens: x, output_tokens: 0, cache_read_tokens: x, cache_write_tokens: 0 });
    const write = priceOf({ input_tokens: x, output_tokens: 0, cache_read_tokens: 0, cache_write_tokens: x });
    const write1h = priceOf({ input_tokens: x, output_tokens: 0, cache_read_tokens: 0, cache_write_tokens: x, cache_write_1h_tokens: x });
    // In band 0 the constant is the price of an empty request; in a higher band it is the same per-request price.
    return { base, perToken: [(prompt - base) / x, (output - prompt) / x, (read - prompt) / x, (write - prompt) / x, (write1h - write) / x] };
  } catch (err) {
    if (!(err instanceof Error)) throw err;
    return null;
  }
}
