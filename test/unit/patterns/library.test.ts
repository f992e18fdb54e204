import assert from 'node:assert/strict';
import { HashingEmbedder } from '../../../src/core/embed/hashing';
import type { PatternEvent, RecordedEvent } from '../../../src/core/model/events';
import { injectPatterns } from '../../../src/core/patterns/inject';
import { PatternLibrary } from '../../../src/core/patterns/library';
import { lensSummary, qualifies, successRate } from '../../../src/core/patterns/ranking';
import { recordFromRow } from '../../../src/core/patterns/records';
import { DEFAULT_EXTRACTION } from '../../../src/core/patterns/types';

const RETRY = `export async function retry(op, attempts) {
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

function setup(start = 1000): { lib: PatternLibrary; events: PatternEvent[]; clock: { t: number } } {
  const events: PatternEvent[] = [];
  const clock = { t: start };
  const lib = new PatternLibrary(new HashingEmbedder(), DEFAULT_EXTRACTION, (e) => events.push(e), () => clock.t);
  return { lib, events, clock };
}

describe('PatternLibrary', () => {
  it('upserts new units, updates a changed one under the same id, and stales vanished ones', async () => {
    const { lib, events } = setup();
    const r1 = await lib.updateFile('/ws/a.js', RETRY + SLUGIFY, 'c1');
    assert.equal(r1.added, 2);
    assert.deepEqual(events.map((e) => [e.op, e.name, e.sourceCommit]), [['upsert', 'retry', 'c1'], ['upsert', 'slugify', 'c1']]);
    const retryId = events[0].id;
    events.length = 0;
    const again = await lib.updateFile('/ws/a.js', RETRY + SLUGIFY, 'c1');
    assert.equal(again.unchanged, 2);
    assert.equal(events.length, 0, 'nothing emitted when nothing changed');
    const changed = RETRY.replace('last = err;', 'last = err;\n      await new Promise((r) => setTimeout(r, 100 * i));');
    const r2 = await lib.updateFile('/ws/a.js', changed, 'c2');
    assert.deepEqual([r2.updated, r2.staled], [1, 1]);
    assert.deepEqual(events.map((e) => [e.op, e.id === retryId]), [['upsert', true], ['stale', false]]);
    assert.equal(lib.get(retryId)!.firstSeenTs, 1000);
    events.length = 0;
    assert.equal(lib.removeFile('/ws/a.js'), 1);
    assert.deepEqual(events.map((e) => [e.op, e.id]), [['stale', retryId]]);
    assert.equal(lib.size, 0);
  });

  it('drops exact structural copies from another file', async () => {
    const { lib, events } = setup();
    await lib.updateFile('/ws/a.js', RETRY, 'c1');
    const renamed = RETRY.replace(/retry/g, 'again').replace(/attempts/g, 'n').replace(/last/g, 'prev');
    const r = await lib.updateFile('/ws/b.js', renamed);
    assert.equal(r.duplicates, 1);
    assert.equal(r.added, 0);
    assert.equal(events.length, 1);
  });

  it('merges near copies (cosine >= 0.9) keeping the better-surviving one', async () => {
    const { lib, events, clock } = setup();
    await lib.updateFile('/ws/a.js', RETRY);
    const oldId = events[0].id;
    // Same code with one extra statement: a different fingerprint, but a near copy.
    const near = RETRY.replace('throw last;', 'console.warn(attempts);\n  throw last;');
    clock.t = 5000;
    const r = await lib.updateFile('/ws/b.js', near);
    assert.equal(r.merged, 1);
    assert.equal(r.added, 0, 'the older code survives; the newer copy is not added');
    // Once the old pattern has failed in use, a fresh near copy replaces it.
    lib.recordUsage(oldId, { used: 4, kept: 1, discarded: 3 });
    events.length = 0;
    const r2 = await lib.updateFile('/ws/c.js', near);
    assert.deepEqual([r2.merged, r2.added], [1, 1]);
    const stale = events.find((e) => e.op === 'stale')!;
    assert.equal(stale.id, oldId);
    assert.equal(stale.mergedInto, events.find((e) => e.op === 'upsert')!.id);
  });

  it('merges near copies by the hashed vectors only: a sentence model\'s cosine (meaning) merges nothing', async () => {
    // An embedder that finds every text alike (cosine 1), as a sentence model nearly does for two retry loops.
    const alike = { id: 'sentence:test', dims: 2, embed: (t: readonly string[]) => Promise.resolve(t.map(() => Float32Array.of(1, 0))), dispose: () => Promise.resolve() };
    const lib = new PatternLibrary(alike, DEFAULT_EXTRACTION, () => undefined);
    await lib.updateFile('/ws/a.js', RETRY);
    const r = await lib.updateFile('/ws/b.js', RETRY.replace('throw last;', 'console.warn(attempts);\n  throw last;') + SLUGIFY);
    assert.deepEqual([r.merged, r.added], [0, 2]);
  });

  it('skips test files and stales patterns of a file that becomes excluded', async () => {
    const { lib } = setup();
    assert.equal((await lib.updateFile('/ws/a.test.js', RETRY)).skipped, 'test');
    await lib.updateFile('/ws/secrets/a.js', RETRY);
    assert.equal(lib.size, 0);
  });

  it('searches by meaning, filters by language and holds back patterns below the success rate', async () => {
    const { lib, events } = setup();
    await lib.updateFile('/ws/a.js', RETRY + SLUGIFY);
    const [top] = await lib.search('retry an operation several attempts', { k: 2 });
    assert.equal(top.pattern.name, 'retry');
    assert.equal((await lib.search('retry', { k: 2, languages: ['python'] })).length, 0);
    lib.recordUsage(events[0].id, { used: 10, kept: 5, discarded: 5 });
    const held = await lib.search('retry an operation several attempts', { k: 2, minSuccessRate: 70 });
    assert.ok(held.every((h) => h.pattern.name !== 'retry'));
  });
});

describe('ranking', () => {
  it('qualifies unused patterns and used ones at >= 70% kept', () => {
    assert.ok(qualifies({ usageCount: 0, successCount: 0, stale: false }, 70));
    assert.ok(qualifies({ usageCount: 10, successCount: 7, stale: false }, 70));
    assert.ok(!qualifies({ usageCount: 10, successCount: 6, stale: false }, 70));
    assert.ok(!qualifies({ usageCount: 0, successCount: 0, stale: true }, 70));
  });

  it('counts only decided insertions once the store says how many were discarded: a pending one holds nothing back', () => {
    // Inserted a minute ago, outcome not decided yet (no 10 min or commit checkpoint).
    assert.equal(successRate({ usageCount: 1, successCount: 0, discardedCount: 0 }), undefined);
    assert.ok(qualifies({ usageCount: 1, successCount: 0, discardedCount: 0, stale: false }, 70));
    // 3 kept, 1 discarded, 6 pending: 75% of the decided ones.
    assert.equal(successRate({ usageCount: 10, successCount: 3, discardedCount: 1 }), 75);
    assert.ok(!qualifies({ usageCount: 10, successCount: 2, discardedCount: 2, stale: false }, 70));
    // Without the discarded count (older callers) every use not kept counts against.
    assert.equal(successRate({ usageCount: 4, successCount: 3 }), 75);
  });

  it('summarises a lens and says why patterns were held back', () => {
    const s = lensSummary([{ usageCount: 4, successCount: 3 }, { usageCount: 0, successCount: 0 }, { usageCount: 10, successCount: 9 }], 2, 70);
    assert.equal(s.title, '3 similar patterns · best kept 90%');
    assert.match(s.tooltip, /at least 70%/);
    assert.match(s.tooltip, /2 similar patterns were held back/);
    assert.equal(lensSummary([{ usageCount: 0, successCount: 0 }], 0, 70).title, '1 similar pattern · not used yet');
  });
});

describe('injectPatterns', () => {
  it('renders the top qualifying patterns and records each as injected', async () => {
    const { lib } = setup();
    await lib.updateFile('/ws/a.js', RETRY + SLUGIFY);
    const sink: RecordedEvent[] = [];
    const out = await injectPatterns((q, o) => lib.search(q, o), 'retry a flaky operation a few attempts', { append: (e) => sink.push(e) }, { minRelevance: 0.3 });
    assert.match(out.markdown, /^## Relevant Patterns from Past Successes/);
    assert.match(out.markdown, /### Pattern #1: retry/);
    assert.match(out.markdown, /```javascript\nexport async function retry/);
    assert.equal(sink.length, out.patternIds.length);
    assert.ok(sink.every((e) => e.kind === 'pattern_usage' && e.action === 'injected'));
    const none = await injectPatterns((q, o) => lib.search(q, o), 'render a 3d scene with webgl shaders', { append: (e) => sink.push(e) });
    assert.equal(none.markdown, '');
  });
});

describe('recordFromRow', () => {
  it('reads snake_case store rows and skips rows without id or code', () => {
    const r = recordFromRow({ id: 'p1', code: 'x', name: 'n', tags: '["a"]', usage_count: 3, success_count: 2, avg_rating: 4.5, source_path: '/a.ts' });
    assert.deepEqual([r?.usageCount, r?.successCount, r?.avgRating, r?.tags, r?.sourcePath], [3, 2, 4.5, ['a'], '/a.ts']);
    assert.equal(recordFromRow({ id: 'p2' }), undefined);
    assert.equal(recordFromRow(null), undefined);
  });
});
