import assert from 'node:assert/strict';
import type { Bm25fHit } from '../../../src/core/search/bm25f';
import { fuse } from '../../../src/core/search/fusion';
import { CodeRanker, DEFAULT_RANKER, type RankerSettings } from '../../../src/core/search/ranker';
import { SemanticIndex } from '../../../src/core/search/semantic';
import { decodeWordVectors, type WordVectors } from '../../../src/core/search/word-vectors';

/** Packs stems -> int8 components the way scripts/build-word-vectors.ts writes them. */
function pack(rows: Record<string, number[]>): WordVectors {
  const stems = Object.keys(rows);
  const dims = rows[stems[0]].length;
  const bytes = Int8Array.from(stems.flatMap((s) => rows[s]));
  return decodeWordVectors({ dims, stems: stems.join(' '), vectors: Buffer.from(bytes.buffer).toString('base64') });
}

// Three directions of meaning: waiting (x), answers (y), files (z).
const VECTORS = pack({
  paus: [120, 10, 0], delay: [110, 30, 0], wait: [127, 0, 5],
  repli: [0, 127, 0], respons: [10, 120, 0], header: [0, 90, 60],
  file: [0, 0, 127], path: [5, 10, 120],
});

const withVectors = (over: Partial<RankerSettings>): RankerSettings => ({ ...DEFAULT_RANKER, wordnet: 0, codeSynonyms: 0, associations: 0, vectors: VECTORS, ...over });

const UNITS = [
  { name: 'computeDelay', description: 'Computes the delay before the next attempt. — computeDelay(count)', code: 'computeDelay(count) { return count * delay }' },
  { name: 'readHeader', description: 'Reads a header of the response. — readHeader(response)', code: 'readHeader(response) { return response.header }' },
  { name: 'joinPath', description: 'Joins a file path. — joinPath(file)', code: 'joinPath(file) { return path + file }' },
];

function ranker(settings: RankerSettings): CodeRanker {
  const r = new CodeRanker(settings);
  UNITS.forEach((u, i) => r.upsert(String(i), u));
  return r;
}

describe('static word vectors', () => {
  it('decode to unit vectors, keyed by stem', () => {
    const v = VECTORS.get('paus')!;
    assert.equal(VECTORS.size, 8);
    assert.ok(Math.abs(v.reduce((s, x) => s + x * x, 0) - 1) < 1e-5);
    assert.equal(VECTORS.get('nothing'), undefined);
  });

  it('find a word\'s nearest library stems above the floor, at most max, itself excluded', () => {
    const stats = { size: 2, docFreq: () => 1, terms: () => ['delay', 'wait', 'file', 'paus'] };
    const sem = new SemanticIndex(stats, DEFAULT_RANKER.bm25f.weight, VECTORS);
    sem.refresh(new Map());
    assert.deepEqual(sem.neighbours('paus', 0.9, 5).map((n) => n.term), ['wait', 'delay']);
    assert.deepEqual(sem.neighbours('paus', 0.9, 1).map((n) => n.term), ['wait']);
    assert.deepEqual(sem.neighbours('repli', 0.9, 5), []);
  });

  it('without vectors, or with both weights 0, a paraphrase sharing no term finds nothing', () => {
    assert.deepEqual(ranker({ ...withVectors({}), vectors: undefined, semantic: 0.5 }).search('pause', 3), []);
    assert.deepEqual(ranker(withVectors({ semantic: 0 })).search('pause', 3), []);
  });

  it('the semantic score ranks a unit by meaning when no term is shared', () => {
    for (const fusion of ['linear', 'adaptive', 'minmax', 'rrf'] as const) {
      const hits = ranker(withVectors({ semantic: 0.5, fusion })).search('pause', 3);
      assert.equal(hits[0]?.id, '0', fusion);
    }
    assert.equal(ranker(withVectors({ semantic: 0.5 })).search('reply', 3)[0].id, '1');
  });

  it('vector expansion bridges a query word to a library term', () => {
    const hits = ranker(withVectors({ vectorExpansion: { weight: 0.5, floor: 0.9, max: 3 } })).search('pause', 3);
    assert.deepEqual(hits.map((h) => h.id), ['0']);
  });

  it('new units are searchable at once, and removed ones are gone', () => {
    const r = ranker(withVectors({ semantic: 0.5 }));
    r.search('reply', 3);
    r.upsert('3', { name: 'waitLonger', description: 'wait — waitLonger()', code: 'waitLonger() { wait() }' });
    assert.ok(r.search('pause', 5).some((h) => h.id === '3'));
    r.remove('3');
    assert.ok(!r.search('pause', 5).some((h) => h.id === '3'));
  });
});

describe('fusion of lexical and cosine rankings', () => {
  const lexical: Bm25fHit[] = [{ id: 'a', score: 2, relevance: 0.9 }, { id: 'b', score: 1, relevance: 0.4 }];
  const nearest = [{ id: 'c', cosine: 0.8 }, { id: 'b', cosine: 0.5 }, { id: 'a', cosine: 0.1 }];
  const cos = (id: string): number => nearest.find((n) => n.id === id)?.cosine ?? 0;

  it('linear reports the blend; the others keep the lexical relevance', () => {
    const lin = fuse(lexical, nearest, cos, 'linear', 0.5, 3);
    // a: 0.45 + 0.05, b: 0.2 + 0.25, c: 0.4.
    assert.deepEqual(lin.map((h) => h.id), ['a', 'b', 'c']);
    assert.ok(Math.abs(lin[1].relevance - 0.45) < 1e-6);
    for (const f of ['rrf', 'adaptive', 'minmax'] as const) {
      const out = fuse(lexical, nearest, cos, f, 0.5, 3);
      assert.equal(out.find((h) => h.id === 'a')!.relevance, 0.9, f);
      assert.equal(out.find((h) => h.id === 'c')!.relevance, 0, f);
    }
  });

  it('adaptive leaves a full lexical match alone; rrf adds ranks', () => {
    const full: Bm25fHit[] = [{ id: 'a', score: 2, relevance: 1 }, { id: 'b', score: 1, relevance: 0.4 }];
    assert.deepEqual(fuse(full, nearest, cos, 'adaptive', 0.9, 3).map((h) => h.id), ['a', 'b', 'c']);
    // a: 1/61 + 0.5/63 = 0.0243, b: 1/62 + 0.5/62 = 0.0242, c: 0.5/61; at w 2 b (3/62) passes a (1/61 + 2/63).
    assert.deepEqual(fuse(lexical, nearest, cos, 'rrf', 0.5, 3).map((h) => h.id), ['a', 'b', 'c']);
    assert.deepEqual(fuse(lexical, nearest, cos, 'rrf', 2, 3).map((h) => h.id), ['b', 'a', 'c']);
  });
});

describe('pseudo-relevance feedback', () => {
  it('adds the top hits\' rarest name/doc terms to the query', () => {
    const r = new CodeRanker({ ...DEFAULT_RANKER, wordnet: 0, codeSynonyms: 0, associations: 0, feedback: { weight: 0.4, terms: 5 } });
    r.upsert('0', { name: 'retryRequest', description: 'Retries with backoff. — retryRequest()', code: 'retryRequest() {}' });
    r.upsert('1', { name: 'backoffTimer', description: 'A timer. — backoffTimer()', code: 'backoffTimer() {}' });
    r.upsert('2', { name: 'unrelated', description: 'Nothing alike. — unrelated()', code: 'unrelated() {}' });
    assert.deepEqual(new CodeRanker({ ...DEFAULT_RANKER, wordnet: 0, codeSynonyms: 0, associations: 0 }).search('retry', 3), []);
    const ids = r.search('retry', 3).map((h) => h.id);
    assert.deepEqual(ids, ['0', '1']);
  });
});
