import assert from 'node:assert/strict';
import { HashingEmbedder } from '../../../src/core/embed/hashing';
import { DEFAULT_MIN_RELEVANCE } from '../../../src/core/search/strength';
import { recallAtK } from './recall';

describe('search quality on the labelled query set (hashing embedder)', () => {
  it('reports recall@5 over >= 50 query -> pattern pairs, with and without doc comments', async () => {
    const withDocs = await recallAtK(new HashingEmbedder(), 5, DEFAULT_MIN_RELEVANCE);
    const codeOnly = await recallAtK(new HashingEmbedder(), 5, DEFAULT_MIN_RELEVANCE, true);
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    console.log(
      `      recall@5 ${pct(withDocs.recall)} (above minRelevance ${pct(withDocs.recallAboveMin)}, negatives passing ${pct(withDocs.falsePositiveRate)}); ` +
        `code without doc comments: ${pct(codeOnly.recall)} (above minRelevance ${pct(codeOnly.recallAboveMin)}); ` +
        `${withDocs.pairs} pairs over ${withDocs.patterns} patterns`,
    );
    for (const m of withDocs.misses) console.log(`      miss: "${m.query}" -> ${m.expected}; got ${m.got.join(', ')}`);
    assert.ok(withDocs.pairs >= 50);
    // Floors well under the measured figures: a regression in tokenising, hashing or blending trips them.
    assert.ok(withDocs.recall >= 0.85, pct(withDocs.recall));
    assert.ok(codeOnly.recall >= 0.75, pct(codeOnly.recall));
    assert.ok(withDocs.falsePositiveRate <= 0.3, pct(withDocs.falsePositiveRate));
  });
});
