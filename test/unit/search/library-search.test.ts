import assert from 'node:assert/strict';
import { HashingEmbedder } from '../../../src/core/embed/hashing';
import { PatternLibrary } from '../../../src/core/patterns/library';
import { PatternsService } from '../../../src/core/patterns/service';
import { typedSearchArgs } from '../../../src/core/patterns/search-args';
import { DEFAULT_EXTRACTION } from '../../../src/core/patterns/types';
import { DEFAULT_MIN_RELEVANCE } from '../../../src/core/search/strength';
import { evalSources, TUNE_REPO } from '../patterns/eval-set';

const RETRY = `/** Calls op again after a failure, up to attempts times. */
export async function retry(op, attempts) {
  let last;
  for (let i = 0; i < attempts; i++) {
    try {
      return await op();
    } catch (err) {
      last = err;
    }
  }
  throw last;
}
`;
const SLUGIFY = `export function slugify(title) {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
`;

describe('pattern search answers', () => {
  it('never answers empty while candidates exist: unmatched candidates come ranked by vector, labelled weak', async () => {
    const lib = new PatternLibrary(new HashingEmbedder(), DEFAULT_EXTRACTION, () => undefined);
    await lib.updateFile('/ws/a.js', RETRY + SLUGIFY);
    const hits = await lib.search('render a 3d scene with webgl shaders', { k: 5 });
    assert.equal(hits.length, 2);
    assert.ok(hits.every((h) => h.strength === 'weak' && h.relevance === 0));
    const close = await lib.search('retry the operation after a failure', { k: 5 });
    assert.equal(close[0].pattern.name, 'retry');
    assert.equal(close[0].strength, 'close');
    assert.ok(close[0].relevance >= DEFAULT_MIN_RELEVANCE);
    assert.equal(close.length, 2, 'the other candidate is still listed, after it');
    // What is offered unasked (CodeLens) keeps only what passes the threshold.
    const lens = await lib.search('render a 3d scene with webgl shaders', { k: 5, minRelevance: DEFAULT_MIN_RELEVANCE });
    assert.equal(lens.length, 0);
    // Filters still apply: no candidate, no answer.
    assert.equal((await lib.search('retry', { k: 5, languages: ['python'] })).length, 0);
  });

  it('gives a paraphrased query ranked results through the call Search Patterns makes (real repository)', async () => {
    const service = new PatternsService(() => undefined);
    await service.start({ rows: [], options: DEFAULT_EXTRACTION, embedder: { kind: 'hashing' } });
    for (const [p, text] of evalSources(TUNE_REPO)) await service.updateFile({ path: p, text });
    const hits = await service.search(typedSearchArgs('sleep for a while, stoppable by a cancellation token', 70));
    assert.equal(hits.length, 20);
    assert.ok(hits.some((h) => h.pattern.name === 'delay'), hits.map((h) => h.pattern.name).join(', '));
    assert.ok(hits.every((h, i) => i === 0 || h.relevance <= hits[i - 1].relevance));
    assert.ok(hits.every((h) => h.strength === 'close' || h.strength === 'weak'));
  });
});
