import assert from 'node:assert/strict';
import { normalize } from '../../../src/core/embed/embedder';
import { HashingEmbedder } from '../../../src/core/embed/hashing';
import { QuantizedRows } from '../../../src/core/embed/quantized';
import { contentTokens } from '../../../src/core/embed/tokens';
import type { SearchHit, SearchOptions } from '../../../src/core/embed/vector-index';
import { COSINE_WEIGHT, VectorIndex } from '../../../src/core/embed/vector-index';
import { rng } from '../../../src/core/util/random';

/** Uniform in [-1, 1), seeded (the project's mulberry32). */
function prng(seed: number): () => number {
  const next = rng(seed);
  return () => next() * 2 - 1;
}

const LANGS = ['typescript', 'javascript', 'python'];
const FWS = [undefined, 'react', 'express'];
const SYL = ['fe', 'tch', 'us', 'er', 'par', 'se', 'ca', 'che', 'ret', 'ry', 'ro', 'ute', 'ho', 'ok', 'js', 'on', 'qu', 'eue'];

/** Identifier-like text: 3..8 camelCase words of 2..3 syllables. */
function randomText(rnd: () => number): string {
  const words: string[] = [];
  const nw = 3 + Math.floor((rnd() + 1) * 3);
  for (let w = 0; w < nw; w++) {
    const parts = Array.from({ length: 2 + (rnd() > 0 ? 1 : 0) }, () => SYL[Math.floor((rnd() + 1) * 9)]);
    words.push(parts.map((p, i) => (i ? p[0].toUpperCase() + p.slice(1) : p)).join(''));
  }
  return words.join(' ');
}

interface Built {
  ix: VectorIndex;
  vecs: Float32Array[];
  ids: string[];
  langs: string[];
  fws: (string | undefined)[];
  texts: string[];
}

function build(n: number, dims: number, make: (i: number) => { vec: Float32Array; text: string }): Built {
  const b: Built = { ix: new VectorIndex(dims), vecs: [], ids: [], langs: [], fws: [], texts: [] };
  for (let i = 0; i < n; i++) {
    const { vec, text } = make(i);
    const language = LANGS[i % 3];
    const framework = FWS[(i * 7) % 3];
    b.ix.upsert(`p${i}`, vec, { language, framework, tokens: contentTokens(text) });
    b.vecs.push(vec);
    b.ids.push(`p${i}`);
    b.langs.push(language);
    b.fws.push(framework);
    b.texts.push(text);
  }
  return b;
}

/** The search contract computed the slow, obvious way: exact float cosine over every accepted entry. */
function reference(b: Built, q: Float32Array, opts: SearchOptions): SearchHit[] {
  const pool = Math.max(opts.k * 8, 64);
  const scored: { i: number; cosine: number }[] = [];
  b.vecs.forEach((v, i) => {
    if (opts.languages && !opts.languages.includes(b.langs[i])) return;
    if (opts.frameworks && !opts.frameworks.includes(b.fws[i] ?? '')) return;
    if (opts.exclude?.has(b.ids[i])) return;
    let c = 0;
    for (let j = 0; j < v.length; j++) c += v[j] * q[j];
    scored.push({ i, cosine: c });
  });
  scored.sort((x, y) => y.cosine - x.cosine);
  const withTokens = opts.queryTokens !== undefined && opts.queryTokens.size > 0;
  const hits = scored.slice(0, pool).map(({ i, cosine }): SearchHit => {
    const lexical = opts.queryTokens ? b.ix.lexical(opts.queryTokens, contentTokens(b.texts[i])) : 0;
    const c = Math.max(0, cosine);
    return { id: b.ids[i], cosine, lexical, relevance: withTokens ? COSINE_WEIGHT * c + (1 - COSINE_WEIGHT) * lexical : c };
  });
  hits.sort((x, y) => y.relevance - x.relevance);
  return hits.filter((h) => h.relevance >= (opts.minRelevance ?? 0)).slice(0, opts.k);
}

function assertSame(got: SearchHit[], want: SearchHit[], what: string): void {
  assert.deepEqual(got.map((h) => h.id), want.map((h) => h.id), what);
  got.forEach((h, i) => assert.ok(Math.abs(h.relevance - want[i].relevance) < 1e-9, `${what}: relevance ${h.id}`));
}

/** Queries with and without filters, exclusions, lexical tokens and minRelevance; returns top-10 recall. */
function compare(b: Built, queries: { vec: Float32Array; text: string }[], minRelevance: number): number {
  let found = 0;
  let total = 0;
  queries.forEach(({ vec, text }, qi) => {
    const variants: SearchOptions[] = [
      { k: 10 },
      { k: 10, queryTokens: contentTokens(text), minRelevance },
      { k: 10, languages: ['typescript'], frameworks: ['react', ''] },
      { k: 10, languages: ['python'], queryTokens: contentTokens(text), exclude: new Set([`p${qi}`, `p${qi * 31}`]) },
      { k: 3, frameworks: ['express'], minRelevance: minRelevance / 2 },
      { k: 10, languages: ['rust'] }, // nothing accepted: the first pass ends short
    ];
    for (const opts of variants) {
      const want = reference(b, vec, opts);
      const got = b.ix.search(vec, opts);
      const ids = new Set(got.map((h) => h.id));
      found += want.filter((h) => ids.has(h.id)).length;
      total += want.length;
      assertSame(got, want, `query ${qi} ${JSON.stringify({ ...opts, queryTokens: undefined, exclude: undefined })}`);
    }
  });
  assert.ok(total > 0);
  return found / total;
}

describe('VectorIndex int8 first pass', function () {
  this.timeout(120_000);

  it('returns the exact top-10 on 20k random dense vectors (recall 1.0)', () => {
    const rnd = prng(11);
    const dims = 384;
    const dense = (): Float32Array => normalize(Float32Array.from({ length: dims }, rnd));
    const b = build(20_000, dims, () => ({ vec: dense(), text: randomText(rnd) }));
    const queries = Array.from({ length: 8 }, () => ({ vec: dense(), text: randomText(rnd) }));
    assert.equal(compare(b, queries, 0.05), 1);
  });

  it('returns the exact top-10 on 20k hashing-embedder vectors (recall 1.0)', () => {
    const rnd = prng(23);
    const emb = new HashingEmbedder(384);
    const all = Array.from({ length: 20_000 }, () => randomText(rnd));
    const b = build(all.length, 384, (i) => ({ vec: emb.embedOne(all[i]), text: all[i] }));
    const queries = Array.from({ length: 8 }, () => {
      const text = randomText(rnd);
      return { vec: emb.embedOne(text), text };
    });
    assert.equal(compare(b, queries, 0.3), 1);
  });

  it('stays exact after removals and re-upserts move rows', () => {
    const rnd = prng(5);
    const dense = (): Float32Array => normalize(Float32Array.from({ length: 64 }, rnd));
    const b = build(3000, 64, () => ({ vec: dense(), text: '' }));
    for (let i = 0; i < 3000; i += 3) b.ix.remove(`p${i}`);
    for (let i = 1; i < 3000; i += 7) b.ix.upsert(`p${i}`, (b.vecs[i] = dense()), { language: b.langs[i], framework: b.fws[i], tokens: new Set() });
    const keep = b.ids.map((_, i) => i % 3 !== 0 || i % 7 === 1); // removed, unless upserted again
    const live = Object.fromEntries(
      (['vecs', 'ids', 'langs', 'fws', 'texts'] as const).map((key) => [key, (b[key] as unknown[]).filter((_, i) => keep[i])]),
    ) as unknown as Built;
    live.ix = b.ix;
    for (let qi = 0; qi < 5; qi++) {
      const q = dense();
      assertSame(b.ix.search(q, { k: 10 }), reference(live, q, { k: 10 }), `query ${qi}`);
    }
  });
});

describe('QuantizedRows', () => {
  it('SIMD and plain-JS scans agree, and the error bound holds for every row', () => {
    const rnd = prng(3);
    const dims = 100; // not a multiple of 32: padding is exercised
    const simd = new QuantizedRows(dims, 4); // small capacity: growth is exercised
    const js = new QuantizedRows(dims, 4, false);
    const vecs: Float32Array[] = [];
    for (let i = 0; i < 500; i++) {
      const v = normalize(Float32Array.from({ length: dims }, () => (rnd() > 0.6 ? rnd() : 0)));
      vecs.push(v);
      simd.ensure(i + 1);
      js.ensure(i + 1);
      simd.set(i, v);
      js.set(i, v);
    }
    vecs[0] = new Float32Array(dims); // an all-zero row
    simd.set(0, vecs[0]);
    js.set(0, vecs[0]);
    const q = normalize(Float32Array.from({ length: dims }, rnd));
    const a = simd.scan(q, 500);
    const aDots = Array.from(a.dots);
    const bDots = Array.from(js.scan(q, 500).dots);
    assert.deepEqual(aDots, bDots);
    let worst = 0;
    vecs.forEach((v, r) => {
      const exact = v.reduce((s, x, i) => s + x * q[i], 0);
      const err = Math.abs(exact - aDots[r] * simd.scale[r] * a.t);
      assert.ok(err <= simd.errorBound(r, a.t, a.q1), `row ${r}: ${err} > bound`);
      assert.ok(simd.errorBound(r, a.t, a.q1) <= simd.maxErrorBound(a.t, a.q1));
      worst = Math.max(worst, err);
    });
    assert.ok(worst > 0 && worst < 0.01, `approximation error ${worst}`);
    simd.move(7, 2);
    assert.equal(simd.scan(q, 8).dots[2], aDots[7]);
  });
});
