import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PRICE_DATA, priceDataLabel } from '../../../src/core/learn/price-data';
import { costUsd, normaliseModel } from '../../../src/core/learn/pricing';
import { parsePricingOverrides } from '../../../src/core/learn/pricing-overrides';

/*
 * Expected figures are worked out by hand from the per-million prices published in @pydantic/genai-prices
 * 0.1.8 (its prices/providers/*.yml, bundled in the package), written here as literals; the code under test
 * reads the package itself. USD per million tokens (input / output / cache write / cache read):
 *   claude-opus-4-5                     5 / 25 / 6.25 / 0.5 (1-hour cache write: 10)
 *   claude-opus-4-6   from 2026-03-13   5 / 25 / 6.25 / 0.5 flat; before it, above 200k prompt: 10 / 37.5 / 12.5 / 1
 *   claude-sonnet-4-6 from 2026-03-13   3 / 15 / 3.75 / 0.3 flat
 *   claude-sonnet-4-5                   3 / 15 / 3.75 / 0.3; above 200k prompt: 6 / 22.5 / 7.5 / 0.6
 *   gpt-5.2                             1.75 / 14 / - / 0.175
 *   gpt-5.3-codex                       1.75 / 14 / - / 0.175
 *   gpt-5.1 (matches gpt-5.1-codex-max) 1.25 / 10 / - / 0.125
 *   gemini-3-pro-preview                2 / 12 / - / 0.2; above 200k prompt: 4 / 18 / - / 0.4
 *   gemini-3-flash-preview              0.5 / 3 / - / 0.05
 * The prompt that decides a tier is input + cache write + cache read; above it the whole request is repriced.
 */
const JUNE_2026 = Date.UTC(2026, 5, 1);
const FEB_2026 = Date.UTC(2026, 1, 1);

function near(actual: number | undefined, expected: number): void {
  assert.ok(actual !== undefined, 'a price was found');
  assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} != ${expected}`);
}

describe('pricing (@pydantic/genai-prices)', () => {
  it('prices the current Claude models with cache writes and reads apart', () => {
    // (1000*5 + 500*25 + 2000*6.25 + 10000*0.5) / 1e6 = (5000 + 12500 + 12500 + 5000) / 1e6
    near(costUsd('claude-opus-4-5-20251101', { input: 1000, output: 500, cacheWrite: 2000, cacheRead: 10_000 }, undefined, JUNE_2026), 0.035);
    // (2000*3 + 800*15 + 50000*0.3) / 1e6 = (6000 + 12000 + 15000) / 1e6
    near(costUsd('claude-sonnet-4-6', { input: 2000, output: 800, cacheRead: 50_000 }, undefined, JUNE_2026), 0.033);
  });

  it('prices one-hour cache writes apart from five-minute ones', () => {
    // (1000*5 + 40000*6.25 + 60000*10) / 1e6 = (5000 + 250000 + 600000) / 1e6
    near(costUsd('claude-opus-4-5', { input: 1000, cacheWrite: 100_000, cacheWrite1h: 60_000 }, undefined, JUNE_2026), 0.855);
    // A one-hour figure above the whole write is taken as all of it; a negative one as none.
    near(costUsd('claude-opus-4-5', { cacheWrite: 100_000, cacheWrite1h: 1e9 }, undefined, JUNE_2026), 1);
    near(costUsd('claude-opus-4-5', { cacheWrite: 100_000, cacheWrite1h: -5 }, undefined, JUNE_2026), 0.625);
  });

  it('uses the price in force when the request was made (claude-opus-4-6 dropped its long-context tier)', () => {
    const usage = { input: 300_000, output: 1000 };
    // after 2026-03-13: (300000*5 + 1000*25) / 1e6
    near(costUsd('claude-opus-4-6', usage, undefined, JUNE_2026), 1.525);
    // before: the 300k prompt is above 200k, so (300000*10 + 1000*37.5) / 1e6
    near(costUsd('claude-opus-4-6', usage, undefined, FEB_2026), 3.0375);
  });

  it('reprices a request above 200k prompt tokens at the higher tier, and not at exactly 200k', () => {
    // prompt 10000 + 20000 + 180000 = 210000 > 200000: (10000*6 + 180000*0.6 + 20000*7.5 + 2000*22.5) / 1e6
    near(costUsd('claude-sonnet-4-5-20250929', { input: 10_000, cacheWrite: 20_000, cacheRead: 180_000, output: 2000 }), 0.363);
    // prompt 0 + 20000 + 180000 = 200000, not above: (180000*0.3 + 20000*3.75 + 2000*15) / 1e6
    near(costUsd('claude-sonnet-4-5-20250929', { input: 0, cacheWrite: 20_000, cacheRead: 180_000, output: 2000 }), 0.159);
  });

  it('prices gpt-5.x and codex models, cached input as cache read', () => {
    // (40000*1.75 + 60000*0.175 + 3000*14) / 1e6 = (70000 + 10500 + 42000) / 1e6
    near(costUsd('gpt-5.2', { input: 40_000, cacheRead: 60_000, output: 3000 }), 0.1225);
    // (12000*1.75 + 88000*0.175 + 4000*14) / 1e6 = (21000 + 15400 + 56000) / 1e6
    near(costUsd('gpt-5.3-codex', { input: 12_000, cacheRead: 88_000, output: 4000 }), 0.0924);
    // (10000*1.25 + 90000*0.125 + 1000*10) / 1e6 = (12500 + 11250 + 10000) / 1e6
    near(costUsd('gpt-5.1-codex-max', { input: 10_000, cacheRead: 90_000, output: 1000 }), 0.03375);
    // the same tokens all as uncached input would cost (100000*1.25 + 1000*10) / 1e6 = 0.135: cache reads are cheaper
    near(costUsd('gpt-5.1-codex-max', { input: 100_000, output: 1000 }), 0.135);
  });

  it('prices gemini-3 with its 200k tier', () => {
    // prompt 150000: (100000*2 + 50000*0.2 + 5000*12) / 1e6 = (200000 + 10000 + 60000) / 1e6
    near(costUsd('gemini-3-pro-preview', { input: 100_000, cacheRead: 50_000, output: 5000 }), 0.27);
    // prompt 250000: (250000*4 + 5000*18) / 1e6
    near(costUsd('gemini/gemini-3-pro-preview', { input: 250_000, output: 5000 }), 1.09);
    // (1000*0.5 + 1000*3) / 1e6
    near(costUsd('gemini-3-flash-preview', { input: 1000, output: 1000 }), 0.0035);
  });

  it('leaves cost unknown for unknown models or no tokens, never guesses', () => {
    assert.equal(costUsd('my-local-llama', { input: 100 }), undefined);
    assert.equal(costUsd('<synthetic>', { input: 100 }), undefined);
    assert.equal(costUsd(undefined, { input: 100 }), undefined);
    assert.equal(costUsd('  ', { input: 100 }), undefined);
    assert.equal(costUsd('gpt-4o', {}), undefined);
  });

  it('lets settings override and add models, winning over the catalogue, ignoring malformed entries', () => {
    const overrides = parsePricingOverrides({ 'my-local-llama': { input: 0, output: 0 }, 'gpt-4o': { input: 1, output: 2, cacheRead: 0.5 }, bad: { input: 'x' }, worse: 3 });
    assert.deepEqual(Object.keys(overrides).sort(), ['gpt-4o', 'my-local-llama']);
    assert.equal(costUsd('my-local-llama', { input: 100, output: 5 }, overrides), 0);
    // cache write defaults to the input price: (1e6*1 + 1e6*1 + 1e6*0.5) / 1e6
    assert.equal(costUsd('copilot/gpt-4o', { input: 1_000_000, cacheWrite: 1_000_000, cacheRead: 1_000_000 }, overrides), 2.5);
    // an override is flat: no tier applies even above 200k
    assert.equal(costUsd('gpt-4o', { input: 300_000 }, overrides), 0.3);
  });

  it('normalises provider prefixes and snapshot dates for overrides', () => {
    assert.equal(normaliseModel('Anthropic/Claude-Sonnet-4-20250514'), 'claude-sonnet-4');
  });

  it('names the data it ships, and that is the installed version', () => {
    const installed = JSON.parse(readFileSync('node_modules/@pydantic/genai-prices/package.json', 'utf8')) as { version: string };
    assert.equal(installed.version, PRICE_DATA.version, 'update PRICE_DATA (version and date) with the package');
    assert.equal(priceDataLabel(), 'prices: @pydantic/genai-prices 0.1.8, data of 2026-09-23');
  });
});
