import assert from 'node:assert/strict';
import { costUsd, normaliseModel, parsePricingOverrides, priceFor } from '../../../src/core/learn/pricing';
import { PRICING_TABLE_DATE } from '../../../src/core/learn/pricing-table';

describe('pricing', () => {
  it('is dated and prices input, output, cache write and cache read apart', () => {
    assert.match(PRICING_TABLE_DATE, /^\d{4}-\d{2}-\d{2}$/);
    const cost = costUsd('claude-sonnet-4-20250514', { input: 1_000_000, output: 1_000_000, cacheWrite: 1_000_000, cacheRead: 1_000_000 });
    assert.equal(cost, 3 + 15 + 3.75 + 0.3);
  });

  it('normalises provider prefixes and snapshot dates, and resolves exact aliases only', () => {
    assert.equal(normaliseModel('Anthropic/Claude-Sonnet-4-20250514'), 'claude-sonnet-4');
    assert.equal(priceFor('gemini/gemini-2.5-pro-preview-06-05')?.input, 1.25);
    assert.equal(priceFor('openai/gpt-4o')?.output, 10);
    assert.equal(priceFor('gpt-4o-2024-08-06'), undefined, 'not in the table or aliases: unknown');
    assert.equal(priceFor('claude-sonnet-4-turbo'), undefined);
    assert.equal(priceFor('toString'), undefined, 'no prototype keys');
  });

  it('leaves cost unknown for unknown models or no tokens, never guesses', () => {
    assert.equal(costUsd('my-local-llama', { input: 100 }), undefined);
    assert.equal(costUsd(undefined, { input: 100 }), undefined);
    assert.equal(costUsd('gpt-4o', {}), undefined);
  });

  it('lets settings override and add models, ignoring malformed entries', () => {
    const overrides = parsePricingOverrides({ 'my-local-llama': { input: 0, output: 0 }, 'gpt-4o': { input: 1, output: 2, cacheRead: 0.5 }, bad: { input: 'x' }, worse: 3 });
    assert.deepEqual(Object.keys(overrides).sort(), ['gpt-4o', 'my-local-llama']);
    assert.equal(costUsd('my-local-llama', { input: 100, output: 5 }, overrides), 0);
    assert.equal(costUsd('copilot/gpt-4o', { input: 1_000_000, cacheWrite: 1_000_000, cacheRead: 1_000_000 }, overrides), 1 + 1 + 0.5);
  });
});
