import { PRICING_ALIASES, PRICING_TABLE } from './pricing-table';

/** USD per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
  cacheWrite: number;
  cacheRead: number;
}

/** User overrides (setting `aiLearning.importers.pricingOverrides`): model name -> price; wins over the table. */
export type PricingOverrides = Record<string, Partial<ModelPrice> & { input: number; output: number }>;

/** Token counts of one interaction; cache tokens are counted apart from `input`. */
export interface TokenUsage {
  input?: number;
  output?: number;
  cacheWrite?: number;
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

/** The price of a model, or undefined when it is not known (never guessed from a similar name). */
export function priceFor(model: string | undefined, overrides?: PricingOverrides): ModelPrice | undefined {
  if (model === undefined || model === '') return undefined;
  const raw = overrides?.[model] ?? overrides?.[normaliseModel(model)];
  if (raw !== undefined && isFiniteNonNeg(raw.input) && isFiniteNonNeg(raw.output)) {
    return { input: raw.input, output: raw.output, cacheWrite: raw.cacheWrite ?? raw.input, cacheRead: raw.cacheRead ?? raw.input };
  }
  const lower = model.trim().toLowerCase();
  const key = PRICING_ALIASES[lower] ?? PRICING_ALIASES[normaliseModel(lower)] ?? normaliseModel(lower);
  return Object.hasOwn(PRICING_TABLE, key) ? PRICING_TABLE[key] : undefined;
}

/** Cost in USD, or undefined when the model's price or every token count is unknown. */
export function costUsd(model: string | undefined, usage: TokenUsage, overrides?: PricingOverrides): number | undefined {
  const price = priceFor(model, overrides);
  if (price === undefined) return undefined;
  const { input, output, cacheWrite, cacheRead } = usage;
  if (input === undefined && output === undefined && cacheWrite === undefined && cacheRead === undefined) return undefined;
  const micro =
    (input ?? 0) * price.input +
    (output ?? 0) * price.output +
    (cacheWrite ?? 0) * price.cacheWrite +
    (cacheRead ?? 0) * price.cacheRead;
  return micro / 1_000_000;
}

function isFiniteNonNeg(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

/** Reads an overrides object from untyped settings, dropping malformed entries. */
export function parsePricingOverrides(value: unknown): PricingOverrides {
  const out: PricingOverrides = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const [model, price] of Object.entries(value as Record<string, unknown>)) {
    if (typeof price !== 'object' || price === null) continue;
    const p = price as Record<string, unknown>;
    if (!isFiniteNonNeg(p.input) || !isFiniteNonNeg(p.output)) continue;
    out[model] = {
      input: p.input,
      output: p.output,
      ...(isFiniteNonNeg(p.cacheWrite) ? { cacheWrite: p.cacheWrite } : {}),
      ...(isFiniteNonNeg(p.cacheRead) ? { cacheRead: p.cacheRead } : {}),
    };
  }
  return out;
}
