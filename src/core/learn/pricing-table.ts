import type { ModelPrice } from './pricing';

/**
 * The pricing table shipped with the extension: USD per million tokens, as listed on the vendors'
 * public API price pages (Anthropic, OpenAI, Google) on the date below. Prices change: users override
 * or add models with the `aiLearning.importers.pricingOverrides` setting. A model not listed here (after
 * the exact normalisation in `pricing.ts`) has an unknown cost; nothing is guessed from similar names.
 *
 * `cacheWrite` for OpenAI/Google models equals `input`: they do not bill cache writes separately, the
 * tokens are plain input. `cacheRead` is the discounted cached-input price.
 */
export const PRICING_TABLE_DATE = '2025-10-15';

export const PRICING_TABLE: Readonly<Record<string, ModelPrice>> = {
  // Anthropic (cache write = 5-minute write, 1.25x input; cache read 0.1x input).
  'claude-opus-4-1': { input: 15, output: 75, cacheWrite: 18.75, cacheRead: 1.5 },
  'claude-opus-4': { input: 15, output: 75, cacheWrite: 18.75, cacheRead: 1.5 },
  'claude-sonnet-4-5': { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
  'claude-sonnet-4': { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
  'claude-3-7-sonnet': { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
  'claude-3-5-sonnet': { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
  'claude-haiku-4-5': { input: 1, output: 5, cacheWrite: 1.25, cacheRead: 0.1 },
  'claude-3-5-haiku': { input: 0.8, output: 4, cacheWrite: 1, cacheRead: 0.08 },
  // OpenAI.
  'gpt-5': { input: 1.25, output: 10, cacheWrite: 1.25, cacheRead: 0.125 },
  'gpt-5-codex': { input: 1.25, output: 10, cacheWrite: 1.25, cacheRead: 0.125 },
  'gpt-5-mini': { input: 0.25, output: 2, cacheWrite: 0.25, cacheRead: 0.025 },
  'gpt-5-nano': { input: 0.05, output: 0.4, cacheWrite: 0.05, cacheRead: 0.005 },
  'gpt-4.1': { input: 2, output: 8, cacheWrite: 2, cacheRead: 0.5 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6, cacheWrite: 0.4, cacheRead: 0.1 },
  'gpt-4o': { input: 2.5, output: 10, cacheWrite: 2.5, cacheRead: 1.25 },
  'gpt-4o-mini': { input: 0.15, output: 0.6, cacheWrite: 0.15, cacheRead: 0.075 },
  o3: { input: 2, output: 8, cacheWrite: 2, cacheRead: 0.5 },
  'o4-mini': { input: 1.1, output: 4.4, cacheWrite: 1.1, cacheRead: 0.275 },
  // Google (prompts up to 200k tokens).
  'gemini-2.5-pro': { input: 1.25, output: 10, cacheWrite: 1.25, cacheRead: 0.31 },
  'gemini-2.5-flash': { input: 0.3, output: 2.5, cacheWrite: 0.3, cacheRead: 0.075 },
};

/** Exact alternative names tools log for a listed model (no pattern matching). */
export const PRICING_ALIASES: Readonly<Record<string, string>> = {
  'claude-opus-4-1-20250805': 'claude-opus-4-1',
  'claude-sonnet-4-5-20250929': 'claude-sonnet-4-5',
  'claude-haiku-4-5-20251001': 'claude-haiku-4-5',
  'claude-3-7-sonnet-latest': 'claude-3-7-sonnet',
  'claude-3-5-sonnet-latest': 'claude-3-5-sonnet',
  'claude-3-5-haiku-latest': 'claude-3-5-haiku',
  'gemini-2.5-pro-preview-06-05': 'gemini-2.5-pro',
  'gemini-2.5-pro-preview-05-06': 'gemini-2.5-pro',
};
