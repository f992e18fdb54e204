import assert from 'node:assert/strict';
import { calcPrice, findProvider } from '@pydantic/genai-prices';
import { costUsd } from '../../../src/core/learn/pricing';

/*
 * `costUsd` prices most requests from per-token rates it read off the package once per model (pricing-linear.ts).
 * The oracle here is the package's own `calcPrice`, called directly for every request: over every model of the
 * providers below (1,300 models, 38 of them tiered by prompt size, 24 priced by date or time of day), at usages
 * drawn at random and at prompts on and around each tier's start, both must give the same cost.
 */
const PROVIDERS = ['anthropic', 'openai', 'google', 'deepseek', 'mistral', 'x-ai', 'groq', 'aws', 'azure', 'openrouter', 'together',
  'fireworks', 'cohere', 'perplexity', 'novita', 'avian', 'cerebras', 'moonshotai', 'ovhcloud'];
const AT = [Date.UTC(2025, 0, 10, 3), Date.UTC(2026, 5, 1, 17, 30)];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * The package's price of the usage `costUsd` is given, as `costUsd` documents it: the cache counts are parts of the
 * prompt, and a model id is tried whole, then without its provider prefix.
 */
function direct(model: string, u: { input: number; output: number; cacheRead: number; cacheWrite: number; cacheWrite1h: number }, at: number): number | undefined {
  const usage = { input_tokens: u.input + u.cacheRead + u.cacheWrite, output_tokens: u.output, cache_read_tokens: u.cacheRead,
    cache_write_tokens: u.cacheWrite, ...(u.cacheWrite1h > 0 ? { cache_write_1h_tokens: u.cacheWrite1h } : {}) };
  try {
    const whole = calcPrice(usage, model, { timestamp: new Date(at) });
    return (whole ?? calcPrice(usage, model.slice(model.lastIndexOf('/') + 1), { timestamp: new Date(at) }))?.total_price;
  } catch {
    return undefined;
  }
}

function tierStarts(prices: unknown): number[] {
  if (Array.isArray(prices)) return [];
  return Object.values(prices as Record<string, unknown>).flatMap((p) => (p !== null && typeof p === 'object' && 'tiers' in p ? (p as { tiers: { start: number }[] }).tiers.map((t) => t.start) : []));
}

describe('pricing: per-token rates against the package', () => {
  it('gives the package\'s cost for every model, usage and date', () => {
    const next = rng(14);
    let compared = 0;
    for (const providerId of PROVIDERS) {
      for (const model of findProvider({ providerId })?.models ?? []) {
        const starts = tierStarts(model.prices);
        const prompts = [0, 1, 1234, ...starts.flatMap((s) => [s - 1, s, s + 1, s + 50_000])];
        for (let i = 0; i < 6 + prompts.length; i++) {
          const whole = i < prompts.length ? prompts[i] : Math.floor(next() * 400_000);
          const cacheRead = Math.floor(whole * next() * 0.6);
          const cacheWrite = Math.floor((whole - cacheRead) * next() * 0.5);
          const cacheWrite1h = i % 3 === 0 ? Math.floor(cacheWrite * next()) : 0;
          const u = { input: whole - cacheRead - cacheWrite, output: Math.floor(next() * 20_000), cacheRead, cacheWrite, cacheWrite1h };
          for (const at of AT) {
            const want = direct(model.id, u, at);
            const got = costUsd(model.id, u, undefined, at);
            if (want === undefined) {
              assert.equal(got, undefined, `${model.id} ${JSON.stringify(u)}`);
              continue;
            }
            assert.ok(got !== undefined && Math.abs(got - want) <= 1e-12 + 1e-9 * Math.abs(want), `${model.id} ${JSON.stringify(u)}: ${got} != ${want}`);
            compared++;
          }
        }
      }
    }
    assert.ok(compared > 10_000, `${compared} costs compared`);
  });
});
