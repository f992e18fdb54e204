import assert from 'node:assert/strict';
import { blendHits, defaultBlend, SENTENCE_BLEND, VECTOR_BLEND } from '../../../src/core/patterns/blend';

describe('blending a vector cosine into the ranker', () => {
  it('scores the union of lexical hits and nearest vectors as (1 - w) * relevance + w * cosine', () => {
    const cos: Record<string, number> = { a: 0.1, b: 0.9, c: 0.95 };
    const out = blendHits([{ id: 'a', relevance: 0.8 }, { id: 'b', relevance: 0.2 }], ['c', 'b'], (id) => cos[id], 0.5);
    assert.deepEqual(out.map((h) => h.id), ['b', 'c', 'a']);
    assert.ok(Math.abs(out[0].relevance - 0.55) < 1e-9);
    assert.ok(Math.abs(out[1].relevance - 0.475) < 1e-9, 'a vector-only candidate has no lexical part');
  });

  it('uses the hashed vectors\' weight for the hashing embedder and the sentence weight for a sentence model', () => {
    assert.equal(defaultBlend('hashing-384-v1'), VECTOR_BLEND);
    assert.equal(defaultBlend('sentence:Xenova/all-MiniLM-L6-v2:q8:256:0123456789ab'), SENTENCE_BLEND);
  });
});
