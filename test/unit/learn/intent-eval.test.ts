import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { groupedFolds, intentMetrics, loadIntentCorpus } from '../../../src/core/learn/intent-eval';

describe('intent evaluation (grouped CV helpers)', () => {
  it('puts every group in exactly one fold, largest groups first, balancing prompt counts', () => {
    const records = [
      ...Array.from({ length: 6 }, () => ({ group: 'a' })),
      ...Array.from({ length: 4 }, () => ({ group: 'b' })),
      ...Array.from({ length: 3 }, () => ({ group: 'c' })),
      ...Array.from({ length: 3 }, () => ({ group: 'd' })),
      { group: 'e' },
    ];
    const fold = groupedFolds(records, 3);
    assert.equal(fold.size, 5);
    // a(6)->0, b(4)->1, c(3)->2, d(3)->2 (loads 6,4,3: fewest is fold 2), e(1)->1 (loads 6,4,6).
    assert.deepEqual([...fold.entries()].sort(), [['a', 0], ['b', 1], ['c', 2], ['d', 2], ['e', 1]]);
  });

  it('computes accuracy, per-label precision/recall/F1, macro-F1 over all eight labels and the confusion matrix', () => {
    const m = intentMetrics(['debugging', 'debugging', 'test'], ['debugging', 'test', 'test']);
    assert.equal(m.n, 3);
    assert.ok(Math.abs(m.accuracy - 2 / 3) < 1e-12);
    assert.equal(m.perLabel.debugging.precision, 1);
    assert.equal(m.perLabel.debugging.recall, 0.5);
    assert.ok(Math.abs(m.perLabel.test.f1 - 2 / 3) < 1e-12);
    assert.ok(Math.abs(m.macroF1 - (2 * (2 / 3)) / 8) < 1e-12);
    assert.equal(m.confusion.debugging.test, 1);
    assert.equal(m.perLabel.architecture.support, 0);
    assert.ok(m.accuracyCi95[0] < 2 / 3 && m.accuracyCi95[1] > 2 / 3);
  });

  it('loads the corpus without the skip records and names a bad line by its number', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ail-intent-'));
    const good = join(dir, 'good.jsonl');
    writeFileSync(good, [
      JSON.stringify({ id: '1', repo: 'o/r', group: 'o', label: 'test', text: 'add tests' }),
      JSON.stringify({ id: '2', repo: 'o/r', group: 'o', label: 'skip', text: '#### heading' }),
      '',
    ].join('\n'));
    assert.deepEqual(loadIntentCorpus(good).map((r) => r.id), ['1']);
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, JSON.stringify({ id: '1', repo: 'o/r', group: 'o', label: 'test', text: 'x' }) + '\n{oops\n');
    assert.throws(() => loadIntentCorpus(bad), /bad\.jsonl:2: not JSON/);
    writeFileSync(bad, JSON.stringify({ id: '1', repo: 'o/r', group: 'o', label: 'chat', text: 'x' }) + '\n');
    assert.throws(() => loadIntentCorpus(bad), /unknown label chat/);
  });

  it('the shipped corpus meets the brief: >= 600 prompts from >= 15 groups, every label present', () => {
    const records = loadIntentCorpus(join(__dirname, '..', '..', 'fixtures', 'intent-corpus', 'prompts.jsonl'));
    assert.ok(records.length >= 600, String(records.length));
    assert.ok(new Set(records.map((r) => r.group)).size >= 15);
    assert.equal(new Set(records.map((r) => r.label)).size, 8);
  });
});
