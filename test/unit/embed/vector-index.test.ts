import assert from 'node:assert/strict';
import { normalize } from '../../../src/core/embed/embedder';
import { contentTokens } from '../../../src/core/embed/tokens';
import { VectorIndex } from '../../../src/core/embed/vector-index';

function vec(...xs: number[]): Float32Array {
  return normalize(Float32Array.from(xs));
}
const meta = (language: string, framework?: string, text = '') => ({ language, framework, tokens: contentTokens(text) });

describe('VectorIndex', () => {
  function build(): VectorIndex {
    const ix = new VectorIndex(4, 2); // small capacity: growth is exercised
    ix.upsert('a', vec(1, 0, 0, 0), meta('typescript', 'react', 'useFetch data loading'));
    ix.upsert('b', vec(0.9, 0.1, 0, 0), meta('javascript', 'express', 'listUsers route'));
    ix.upsert('c', vec(0, 1, 0, 0), meta('typescript', undefined, 'slugify title'));
    ix.upsert('d', vec(0.7, 0.7, 0, 0), meta('python', undefined, 'fetch data'));
    return ix;
  }

  it('returns top-k by cosine', () => {
    const hits = build().search(vec(1, 0, 0, 0), { k: 3 });
    assert.deepEqual(hits.map((h) => h.id), ['a', 'b', 'd']);
    assert.ok(Math.abs(hits[0].cosine - 1) < 1e-6);
  });

  it('filters by language and framework', () => {
    const ix = build();
    assert.deepEqual(ix.search(vec(1, 0, 0, 0), { k: 5, languages: ['typescript'] }).map((h) => h.id), ['a', 'c']);
    assert.deepEqual(ix.search(vec(1, 0, 0, 0), { k: 5, frameworks: ['express'] }).map((h) => h.id), ['b']);
    assert.deepEqual(ix.search(vec(1, 0, 0, 0), { k: 5, frameworks: [''] }).map((h) => h.id), ['d', 'c']);
    assert.deepEqual(ix.search(vec(1, 0, 0, 0), { k: 5, languages: ['rust'] }), []);
  });

  it('applies minRelevance and excludes ids', () => {
    const ix = build();
    assert.deepEqual(ix.search(vec(1, 0, 0, 0), { k: 5, minRelevance: 0.8 }).map((h) => h.id), ['a', 'b']);
    assert.deepEqual(ix.search(vec(1, 0, 0, 0), { k: 2, exclude: new Set(['a']) }).map((h) => h.id), ['b', 'd']);
  });

  it('blends a lexical score that can reorder close cosines', () => {
    const ix = build();
    const q = vec(1, 0, 0, 0);
    const plain = ix.search(q, { k: 2 });
    const lexical = ix.search(q, { k: 2, queryTokens: contentTokens('list users route') });
    assert.deepEqual(plain.map((h) => h.id), ['a', 'b']);
    assert.deepEqual(lexical.map((h) => h.id), ['b', 'a']);
    assert.equal(lexical[0].lexical, 1);
  });

  it('removes and replaces entries', () => {
    const ix = build();
    assert.ok(ix.remove('a'));
    assert.ok(!ix.remove('a'));
    assert.equal(ix.size, 3);
    ix.upsert('c', vec(1, 0, 0, 0), meta('typescript'));
    assert.equal(ix.search(vec(1, 0, 0, 0), { k: 1 })[0].id, 'c');
    assert.deepEqual(ix.vector('d'), vec(0.7, 0.7, 0, 0));
    assert.throws(() => ix.upsert('x', new Float32Array(3), meta('typescript')), RangeError);
  });

  it('finds the exact top-10 among 5000 random vectors', () => {
    const ix = new VectorIndex(32);
    let seed = 7;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
    const all: [string, Float32Array][] = [];
    for (let i = 0; i < 5000; i++) {
      const v = normalize(Float32Array.from({ length: 32 }, rnd));
      all.push([`p${i}`, v]);
      ix.upsert(`p${i}`, v, meta('typescript'));
    }
    const q = normalize(Float32Array.from({ length: 32 }, rnd));
    const dotq = (v: Float32Array) => v.reduce((s, x, i) => s + x * q[i], 0);
    const expected = all.map(([id, v]) => [id, dotq(v)] as const).sort((a, b) => b[1] - a[1]).slice(0, 10).map(([id]) => id);
    assert.deepEqual(ix.search(q, { k: 10 }).map((h) => h.id), expected);
  });
});
