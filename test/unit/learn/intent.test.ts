import assert from 'node:assert/strict';
import { classifyIntent } from '../../../src/core/learn/intent';
import type { Intent } from '../../../src/core/model/events';
import { LABELLED_PROMPTS } from './intent-labelled';

/** Accuracy of the classifier on the labelled set (also used by bench/import.bench.ts). */
export function intentAccuracy(): { accuracy: number; total: number; confusion: Map<string, number> } {
  let right = 0;
  const confusion = new Map<string, number>();
  for (const [prompt, label] of LABELLED_PROMPTS) {
    const got = classifyIntent(prompt);
    if (got === label) right++;
    else confusion.set(`${label}->${got}`, (confusion.get(`${label}->${got}`) ?? 0) + 1);
  }
  return { accuracy: right / LABELLED_PROMPTS.length, total: LABELLED_PROMPTS.length, confusion };
}

describe('intent classifier', () => {
  it('has a labelled set of at least 100 prompts covering every intent', () => {
    assert.ok(LABELLED_PROMPTS.length >= 100);
    const labels = new Set<Intent>(LABELLED_PROMPTS.map(([, l]) => l));
    for (const i of ['code_generation', 'debugging', 'architecture', 'code_review', 'explanation', 'refactor', 'test', 'other'] as const) {
      assert.ok(labels.has(i), i);
    }
  });

  it('reaches at least 75% accuracy on the labelled set (figure printed)', () => {
    const { accuracy, total, confusion } = intentAccuracy();
    const misses = [...confusion.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} x${n}`);
    process.stdout.write(`      intent accuracy ${(accuracy * 100).toFixed(1)}% of ${total}; misses: ${misses.join(', ')}\n`);
    assert.ok(accuracy >= 0.75, `accuracy ${accuracy}`);
  });

  it('gives other for empty or missing prompts and never throws on odd input', () => {
    assert.equal(classifyIntent(undefined), 'other');
    assert.equal(classifyIntent('   '), 'other');
    assert.equal(classifyIntent('\u0000\uffff'.repeat(5000)), 'other');
    assert.equal(classifyIntent('fix the bug ' + 'x'.repeat(100_000)), 'debugging');
  });
});
