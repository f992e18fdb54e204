import assert from 'node:assert/strict';
import { ALL_FEATURES, BUCKETS, FEATURE_DIMS, featurize } from '../../../src/core/learn/intent-features';
import { VECTOR_DIMS, meanWordVector, useWordVectors } from '../../../src/core/learn/intent-vectors';
import type { WordVectorData } from '../../../src/core/learn/intent-vectors';
import { logits, trainNaiveBayes, trainOnFeatures } from '../../../src/core/learn/intent-train';

/** A table of three stems: `test` on axis 0, `bug` on axis 1, `fix` on both; factors as given. */
function tinyTable(factors: number[]): WordVectorData {
  const v = new Int8Array(3 * VECTOR_DIMS);
  v[0] = 100;
  v[VECTOR_DIMS + 1] = 100;
  v[2 * VECTOR_DIMS] = 50;
  v[2 * VECTOR_DIMS + 1] = 50;
  const f = Float32Array.from(factors);
  return { format: 1, source: 'test', dims: VECTOR_DIMS, stems: 'test bug fix', factors: Buffer.from(f.buffer).toString('base64'), vectors: Buffer.from(v.buffer).toString('base64') };
}

describe('intent word vectors (distilled, experiment only)', () => {
  it('the mean is weighted by each word\'s factor, looked up by stem, unit length; unknown words are skipped', () => {
    useWordVectors(tinyTable([1, 3, 1]));
    const out = new Float32Array(VECTOR_DIMS);
    assert.equal(meanWordVector(['tests', 'bugs', 'zzz'], out), true);
    // 100 on axis 0 (factor 1) and 300 on axis 1 (factor 3): direction (1, 3) / sqrt(10).
    assert.ok(Math.abs(out[0] - 1 / Math.sqrt(10)) < 1e-6, String(out[0]));
    assert.ok(Math.abs(out[1] - 3 / Math.sqrt(10)) < 1e-6, String(out[1]));
    assert.equal(meanWordVector(['nothing', 'known'], out), false);
    assert.ok(out.every((x) => x === 0));
  });

  it('featurize appends the block after every hashed slot, at the set weight, and leaves it out at weight 0', () => {
    useWordVectors(tinyTable([1, 1, 1]));
    const plain = featurize('please fix the bug', ALL_FEATURES);
    const withVec = featurize('please fix the bug', { ...ALL_FEATURES, vectorWeight: 2 });
    assert.equal(withVec.idx.length, plain.idx.length + VECTOR_DIMS);
    assert.deepEqual(Array.from(withVec.idx.slice(0, plain.idx.length)), Array.from(plain.idx));
    assert.equal(withVec.idx[plain.idx.length], BUCKETS);
    let sq = 0;
    for (let j = plain.idx.length; j < withVec.idx.length; j++) sq += withVec.val[j] * withVec.val[j];
    assert.ok(Math.abs(Math.sqrt(sq) - 2) < 1e-5, String(Math.sqrt(sq)));
    assert.ok(plain.idx.every((s) => s < BUCKETS));
  });

  it('rejects a table whose sizes do not match its stems', () => {
    const bad = { ...tinyTable([1, 1, 1]), stems: 'test bug' };
    assert.throws(() => useWordVectors(bad), /sizes/);
  });

  it('naive Bayes ignores the dense block; the softmax learns weights for it', () => {
    useWordVectors(tinyTable([1, 1, 1]));
    const texts = ['please fix the bug', 'write tests for the parser', 'the bug crashes', 'add tests'];
    const labels = [1, 6, 1, 6];
    const plain = texts.map((t) => featurize(t, ALL_FEATURES));
    const withVec = texts.map((t) => featurize(t, { ...ALL_FEATURES, vectorWeight: 1 }));
    assert.deepEqual(Array.from(trainNaiveBayes(withVec, labels, 0.1, true).weights), Array.from(trainNaiveBayes(plain, labels, 0.1, true).weights));
    const nb = trainNaiveBayes(plain, labels, 0.1, true);
    assert.deepEqual(Array.from(logits(nb, withVec[0])), Array.from(logits(nb, plain[0])));
    const sm = trainOnFeatures(withVec, labels, { epochs: 5, learningRate: 0.5, l2: 1e-4, seed: 1, balanceClasses: true }, FEATURE_DIMS);
    assert.equal(sm.weights.length, 8 * FEATURE_DIMS);
    assert.ok(sm.weights[1 * FEATURE_DIMS + BUCKETS] !== 0 || sm.weights[1 * FEATURE_DIMS + BUCKETS + 1] !== 0);
  });
});
