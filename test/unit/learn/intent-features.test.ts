import assert from 'node:assert/strict';
import { ALL_FEATURES, BASE_FEATURES, INTENT_LABELS, featurize } from '../../../src/core/learn/intent-features';
import type { Features } from '../../../src/core/learn/intent-features';
import { Prepared, outOfFold } from '../../../src/core/learn/intent-eval';
import { predictWith, trainComplementNB } from '../../../src/core/learn/intent-train';

const slots = (f: Features): Set<number> => new Set(f.idx);
const added = (text: string, set = ALL_FEATURES): Set<number> => {
  const base = slots(featurize(text, BASE_FEATURES));
  return new Set([...slots(featurize(text, set))].filter((s) => !base.has(s)));
};

// Prompts written for this test, not from the corpus.
describe('intent features (second round groups)', () => {
  it('the base set is the default, and every group adds slots only when its evidence is there', () => {
    const p = 'add a dark mode toggle';
    assert.deepEqual([...featurize(p).idx], [...featurize(p, BASE_FEATURES).idx]);
    assert.equal(added('hello', { ...BASE_FEATURES, camelSplit: true }).size, 0, 'no CamelCase word, nothing added');
    assert.equal(added('hello', { ...BASE_FEATURES, evidence: true }).size, 0, 'no trace, path or URL, nothing added');
  });

  it('CamelCase names give their parts as words: AttributeError gets the slot of the word "error"', () => {
    const wordsOnly = { ...BASE_FEATURES, charWeight: 0 };
    // The word slot of "error": what "error" has and another one-word prompt (same shape marks) has not.
    const other = slots(featurize('zzzz', wordsOnly));
    const errorWord = [...slots(featurize('error', wordsOnly))].filter((s) => !other.has(s));
    assert.equal(errorWord.length, 1);
    assert.ok(slots(featurize('AttributeError', { ...BASE_FEATURES, camelSplit: true })).has(errorWord[0]));
    assert.ok(!slots(featurize('AttributeError', BASE_FEATURES)).has(errorWord[0]), 'without the split the word is not there');
  });

  it('evidence marks: a Python traceback, a file path and a URL each add a mark', () => {
    const ev = { ...BASE_FEATURES, evidence: true };
    assert.ok(added('Traceback (most recent call last):\n  File "a.py", line 3', ev).size >= 2);
    assert.ok(added('look at src/app/page.tsx', ev).size >= 1);
    assert.ok(added('see https://example.com/x', ev).size >= 1);
  });

  it('the leading verb skips fillers: "ok can you please write tests" and "write tests" share the lead slots', () => {
    const lead = { ...BASE_FEATURES, lead: true };
    const shared = (x: string, y: string): number => {
      const b = added(y, lead);
      return [...added(x, lead)].filter((s) => b.has(s)).length;
    };
    // Both: first words "write", "tests" (2 slots) plus the lead verb and the lead pair (2 more).
    assert.equal(shared('ok can you please write tests', 'write tests'), 4);
    // Same words in another order: the first words are shared, the lead verb and pair are not.
    assert.equal(shared('ok can you please tests write', 'write tests'), 2);
  });

  it('weights: n-grams below words keep the vector L2-normalised, with two distinct values', () => {
    const f = featurize('refactor the parser', { ...BASE_FEATURES, charWeight: 0.25 });
    const norm = f.val.reduce((s, v) => s + v * v, 0);
    assert.ok(Math.abs(norm - 1) < 1e-5);
    assert.equal(new Set([...f.val].map((v) => v.toFixed(6))).size, 2);
  });

  it('complement naive Bayes separates a toy problem it was trained on', () => {
    const texts = ['write tests for x', 'add unit tests', 'pytest fixtures please', 'fix this crash TypeError', 'it crashes with an error', 'error when I run it'];
    const labels = [6, 6, 6, 1, 1, 1];
    const params = trainComplementNB(texts.map((t) => featurize(t, ALL_FEATURES)), labels, 0.3);
    assert.equal(predictWith(params, featurize('write more unit tests', ALL_FEATURES)), 'test');
    assert.equal(predictWith(params, featurize('it crashes with TypeError', ALL_FEATURES)), 'debugging');
  });

  it('grouped out-of-fold predictions never train on the predicted group', () => {
    // Two groups whose labels contradict each other: a model that saw the other group predicts it wrong every time.
    const texts = ['alpha beta', 'alpha beta gamma', 'alpha beta delta', 'alpha beta epsilon'];
    const data = new Prepared(texts, ['test', 'test', 'refactor', 'refactor'], ['g1', 'g1', 'g2', 'g2']);
    const oof = outOfFold(data, [0, 1, 2, 3], 2, () => ({ learner: { kind: 'complement-nb', alpha: 1 }, features: BASE_FEATURES }));
    assert.deepEqual(oof.map((k) => INTENT_LABELS[k]), ['refactor', 'refactor', 'test', 'test']);
  });
});
