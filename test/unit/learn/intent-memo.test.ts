import assert from 'node:assert/strict';
import { classifyIntent } from '../../../src/core/learn/intent';
import { BASE_FEATURES, BUCKETS, featurize } from '../../../src/core/learn/intent-features';
import { loadIntentCorpus } from '../../../src/core/learn/intent-eval';
import { classifyIntentOnce, intentMemoSize, resetIntentMemo } from '../../../src/core/learn/intent-memo';
import { loadIntentModel } from '../../../src/core/learn/intent-model';
import { predictFrozen } from '../../../src/core/learn/intent-predict';
import { classifyIntentByRules, matchingRules } from '../../../src/core/learn/intent-rules';
import { predictWith } from '../../../src/core/learn/intent-train';
import { LABELLED_PROMPTS } from './intent-labelled';

const CORPUS = loadIntentCorpus('test/fixtures/intent-corpus/prompts.jsonl').map((r) => r.text);

/** FNV-1a of a string from the offset basis, written here from its definition (not the features module's code). */
function fnv(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

describe('intent classification, called cheaper (same answers)', () => {
  it('the memo gives classifyIntent\'s answer for every corpus and labelled prompt, remembered or not', () => {
    resetIntentMemo();
    const prompts = [...CORPUS, ...LABELLED_PROMPTS.map(([p]) => p), '', '   ', '???'];
    const direct = prompts.map((p) => classifyIntent(p));
    assert.deepEqual(prompts.map((p) => classifyIntentOnce(p)), direct, 'first sight');
    assert.ok(intentMemoSize().entries > 1000);
    assert.deepEqual(prompts.map((p) => classifyIntentOnce(p)), direct, 'remembered');
    assert.equal(classifyIntentOnce(undefined), classifyIntent(undefined));
  });

  it('the memo stays bounded: long prompts are not kept, and it empties itself at its character budget', () => {
    resetIntentMemo();
    classifyIntentOnce(`fix this bug ${'x '.repeat(5000)}`);
    assert.equal(intentMemoSize().entries, 0, 'a 10,000-character prompt is classified, not remembered');
    let most = 0;
    for (let i = 0; i < 700; i++) {
      const p = `explain step ${i}: ${'why does the parser drop the offset? '.repeat(215)}`;
      assert.equal(classifyIntentOnce(p), classifyIntent(p));
      most = Math.max(most, intentMemoSize().chars);
    }
    assert.ok(most <= 4_000_000, `${most} characters held`);
    assert.ok(intentMemoSize().entries < 700);
    resetIntentMemo();
    assert.deepEqual(intentMemoSize(), { entries: 0, chars: 0 });
  });

  it('the rules give the same hits and label whichever asks first, prompts interleaved', () => {
    const prompts = [...CORPUS.slice(0, 300), 'write unit tests for the parser', 'why is this slow? refactor it', ''];
    const hits = prompts.map((p) => matchingRules(p).join());
    const labels = prompts.map((p) => classifyIntentByRules(p));
    for (let i = prompts.length - 1; i >= 0; i--) {
      assert.equal(classifyIntentByRules(prompts[i]), labels[i]);
      assert.equal(matchingRules(prompts[i]).join(), hits[i]);
      assert.equal(matchingRules(prompts[(i * 7) % prompts.length]).join(), hits[(i * 7) % prompts.length]);
    }
  });

  it('the slot-major prediction gives predictWith\'s label for every corpus prompt, and sorted unique slots', () => {
    const m = loadIntentModel();
    for (const p of CORPUS) {
      const f = featurize(p, m.features);
      assert.equal(predictFrozen(m.params, f), predictWith(m.params, f), p.slice(0, 60));
      for (let j = 1; j < f.idx.length; j++) assert.ok(f.idx[j - 1] < f.idx[j]);
    }
    // A binary model (naive Bayes) and ties: the first of equal scores wins in both.
    // A transient vector (classifyIntent's) equals the kept one, until the next call overwrites it.
    for (const p of CORPUS.slice(0, 200)) {
      const kept = featurize(p, m.features);
      const once = featurize(p, m.features, true);
      assert.deepEqual([...once.idx], [...kept.idx]);
      assert.deepEqual([...once.val], [...kept.val]);
    }
    const flat = { dims: m.params.dims, weights: new Float32Array(m.params.weights.length), bias: new Float32Array(m.params.bias.length), binary: true };
    const f = featurize('write tests', m.features);
    assert.equal(predictFrozen(flat, f), predictWith(flat, f));
  });

  it('a word\'s character n-grams are the FNV-1a hashes of the 3- to 5-grams of ^word$', () => {
    for (const word of ['a', 'ab', 'fix', 'parser', 'naïve', 'x'.repeat(30)]) {
      const w = `^${word}$`;
      const expected = new Set([fnv(word, fnv('w:')) & (BUCKETS - 1), fnv('len<4', fnv('s:')) & (BUCKETS - 1)]);
      for (let i = 0; i + 3 <= w.length; i++) for (let n = 3; n <= 5 && i + n <= w.length; n++) expected.add(fnv(w.slice(i, i + n), fnv('c:')) & (BUCKETS - 1));
      assert.deepEqual([...featurize(word, BASE_FEATURES).idx], [...expected].sort((a, b) => a - b), word);
    }
  });
});
