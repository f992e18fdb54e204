import assert from 'node:assert/strict';
import { learnAssociations } from '../../../src/core/search/associations';
import { Bm25fIndex } from '../../../src/core/search/bm25f';
import { fieldTerms, scanCode, type FieldTerms } from '../../../src/core/search/fields';
import { CodeRanker, DEFAULT_RANKER } from '../../../src/core/search/ranker';
import { terms } from '../../../src/core/search/terms';

const fields = (over: Partial<FieldTerms>): FieldTerms => ({ name: [], signature: [], doc: [], strings: [], body: [], ...over });

describe('search terms', () => {
  it('splits identifiers, drops stop words and stems with Porter2', () => {
    assert.deepEqual(terms('parseHTTPResponse_v2 retries'), ['pars', 'http', 'respons', 'retri']);
    assert.deepEqual(terms('the retrying of a retried thing'), ['retri', 'retri', 'thing']);
    assert.deepEqual(terms('const x = await fetchJSON()'), ['fetch', 'json']);
  });
});

describe('search fields', () => {
  it('tells identifiers, strings (template text included) and comments apart', () => {
    const s = scanCode('const a = `total ${count + 1} items ${ {x: 1}.x } left`; // keep tally\nfoo("quoted words", bar)');
    assert.deepEqual(s.identifiers, ['a', 'count', 'x', 'x', 'foo', 'bar']);
    assert.deepEqual(s.strings, ['total ', ' items ', ' left', 'quoted words']);
    assert.deepEqual(s.comments, ['// keep tally']);
  });

  it('reads doc and signature out of the description', () => {
    const f = fieldTerms({ name: 'Ky.#retryDelay', description: 'Waits between attempts. — retryDelay(count: number)', code: 'retryDelay(count) { return "backoff" }' });
    assert.deepEqual(f.name, ['ky', 'retri', 'delay']);
    assert.deepEqual(f.doc, ['wait', 'between', 'attempt']);
    assert.deepEqual(f.signature, ['retri', 'delay', 'count']);
    assert.deepEqual(f.strings, ['backoff']);
    assert.deepEqual(f.body, ['retri', 'delay', 'count']);
  });
});

describe('BM25F index', () => {
  const params = DEFAULT_RANKER.bm25f;

  it('weighs the name above the body, ranks rarer terms higher, and bounds relevance by 1', () => {
    const ix = new Bm25fIndex(params);
    ix.upsert('inName', fields({ name: ['retri'], body: ['loop'] }));
    ix.upsert('inBody', fields({ name: ['loop'], body: ['retri'] }));
    ix.upsert('other', fields({ name: ['parse'], body: ['loop'] }));
    const hits = ix.search([{ terms: [{ term: 'retri', weight: 1 }] }], 10);
    assert.deepEqual(hits.map((h) => h.id), ['inName', 'inBody']);
    assert.ok(hits.every((h) => h.relevance > 0 && h.relevance <= 1));
    const both = ix.search([{ terms: [{ term: 'retri', weight: 1 }] }, { terms: [{ term: 'loop', weight: 1 }] }], 10);
    assert.equal(both[0].id, 'inName');
    assert.ok(both[0].relevance > hits[0].relevance * 0.5);
  });

  it('counts a group once, with its best term, and a word nobody uses against the relevance', () => {
    const ix = new Bm25fIndex(params);
    ix.upsert('a', fields({ name: ['respons', 'repli'] }));
    ix.upsert('b', fields({ name: ['answer'] }));
    ix.upsert('c', fields({ name: ['noth'] }));
    const one = ix.search([{ terms: [{ term: 'repli', weight: 1 }, { term: 'respons', weight: 0.8 }] }], 5);
    const single = ix.search([{ terms: [{ term: 'repli', weight: 1 }] }], 5);
    assert.equal(one[0].id, 'a');
    assert.ok(Math.abs(one[0].score - single[0].score) < 1e-6, 'the synonym does not add to the word');
    const unknown = ix.search([{ terms: [{ term: 'repli', weight: 1 }] }, { terms: [{ term: 'zzz', weight: 1 }] }], 5);
    assert.ok(unknown[0].relevance < single[0].relevance / 1.5);
  });

  it('forgets removed patterns, keeps document frequencies right and compacts', () => {
    const ix = new Bm25fIndex(params);
    for (let i = 0; i < 3000; i++) ix.upsert(`p${i}`, fields({ name: [i % 2 ? 'odd' : 'even'], body: ['shared'] }));
    for (let i = 0; i < 2500; i++) ix.remove(`p${i}`);
    assert.equal(ix.size, 500);
    assert.equal(ix.docFreq('odd'), 250);
    const hits = ix.search([{ terms: [{ term: 'odd', weight: 1 }] }], 1000);
    assert.equal(hits.length, 250);
    assert.ok(hits.every((h) => Number(h.id.slice(1)) >= 2500 && Number(h.id.slice(1)) % 2 === 1));
    ix.upsert('p2999', fields({ name: ['even'] }));
    assert.equal(ix.docFreq('odd'), 249);
    assert.equal(ix.search([{ terms: [{ term: 'odd', weight: 1 }] }], 1000, (id) => id !== 'p2997').length, 248);
  });
});

describe('learned associations', () => {
  it('links comment words to the identifiers they come with', () => {
    const docs = [
      fields({ doc: ['repli'], name: ['send', 'respons'] }),
      fields({ doc: ['repli', 'header'], name: ['respons', 'header'] }),
      fields({ doc: ['parse'], name: ['pars', 'url'] }),
      fields({ doc: ['parse'], name: ['pars', 'date'] }),
      fields({ doc: ['log'], name: ['print'] }),
    ];
    const learned = learnAssociations(docs);
    assert.equal(learned.get('repli')?.[0].term, 'respons');
    assert.ok(!learned.get('repli')?.some((a) => a.term === 'pars'));
  });

  it('let a query word find code that never uses it, because the library says so', () => {
    const build = (associations: number): CodeRanker => {
      const r = new CodeRanker({ ...DEFAULT_RANKER, wordnet: 0, codeSynonyms: 0, associations });
      r.upsert('a', { name: 'sendResponse', description: 'Sends the zorp to the client. — sendResponse(res)', code: 'sendResponse(res) { res.end() }' });
      r.upsert('b', { name: 'buildResponse', description: 'Builds a zorp. — buildResponse()', code: 'buildResponse() { return {} }' });
      r.upsert('c', { name: 'writeLog', description: 'writeLog(line)', code: 'writeLog(line) { console.log(line) }' });
      r.upsert('d', { name: 'formatResponse', description: 'formatResponse(r)', code: 'formatResponse(r) { return r }' });
      return r;
    };
    assert.deepEqual(build(0).search('zorp', 5).map((h) => h.id).sort(), ['a', 'b']);
    const learned = build(DEFAULT_RANKER.associations).search('zorp', 5).map((h) => h.id);
    assert.ok(learned.includes('d'), 'the learned zorp -> response link reaches formatResponse');
    assert.ok(!learned.includes('c'));
  });
});
