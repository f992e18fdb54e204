/**
 * The user's own prices (setting `aiLearning.importers.pricingOverrides`), kept apart from `pricing.ts` so that
 * reading settings in the extension host does not bundle the price catalogue.
 */

/** USD per million tokens, flat (no context tiers). */
export interface ModelPrice {
  input: number;
  output: number;
  cacheWrite: number;
  cacheRead: number;
}

/** Model name -> price; wins over the catalogue. `cacheWrite` and `cacheRead` default to `input`. */
export type PricingOverrides = Record<string, Partial<ModelPrice> & { input: number; output: number }>;

export function isFiniteNonNeg(v: unknown): v is number {
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
