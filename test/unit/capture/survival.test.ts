import assert from 'node:assert/strict';
import type { SurvivalEvent } from '../../../src/core/model/events';
import { SEGMENT_BLOCK, SegmentList } from '../../../src/core/capture/ranges';
import { SurvivalTracker } from '../../../src/core/capture/survival';
import { Replay } from './helpers';

function survivals(r: Replay): Array<[string, number, number, boolean]> {
  return r.of('survival').map((e) => [e.checkpoint, e.charsKept, e.charsTotal, e.lost === true]);
}

describe('survival tracking through a recorded edit sequence', () => {
  it('records the exact characters kept at each checkpoint: insert, edit part, delete part, save', () => {
    const r = new Replay();
    r.type(0, 'function f() {\n}\n'); // 17 typed characters
    r.at(1000);
    r.engine.onInlineKey(r.uri, 'full');
    r.at(20);
    const suggestion = '  const x = 1;\n  return x + 41;\n'; // 32 chars at offset 15 (before the closing brace)
    r.insert(15, suggestion);
    r.engine.tick();
    assert.equal(r.of('ai_insertion').length, 0, 'an inline accept waits for further partial accepts');

    // Edit part of it: "41" -> "42" (replace 1 char inside), and type a character before it (outside).
    r.at(5_000);
    const fortyOne = r.text.indexOf('41');
    r.change([{ rangeOffset: fortyOne + 1, rangeLength: 1, text: '2' }]);
    assert.equal(r.of('ai_insertion').length, 0, 'written at the next tick, not on the keystroke');
    r.engine.tick();
    const ins = r.of('ai_insertion');
    assert.equal(ins.length, 1);
    assert.deepEqual([ins[0].origin, ins[0].chars, ins[0].lines, ins[0].precision, ins[0].tool], ['inline', 32, 2, 'exact', 'copilot']);
    r.insert(0, '/');
    r.at(25_000).engine.tick(); // 30 s after the insertion
    assert.deepEqual(survivals(r), [['30s', 31, 32, false]]);

    // Delete part of it: "const x = 1;" line (15 chars incl. indentation and newline) removed.
    r.at(10_000);
    const line = r.text.indexOf('  const x');
    r.remove(line, 15);
    r.at(80_000).engine.tick(); // 2 min
    assert.deepEqual(survivals(r).at(-1), ['2m', 16, 32, false]);
    assert.equal(r.text, '/function f() {\n  return x + 42;\n}\n');

    r.engine.onSave(r.uri);
    r.engine.onSave(r.uri); // only the first save after the insertion counts
    assert.deepEqual(survivals(r).at(-1), ['save', 16, 32, false]);
    assert.equal(r.of('survival').filter((e) => e.checkpoint === 'save').length, 1);

    r.at(3 * 60_000).engine.tick(); // 5 min
    r.at(5 * 60_000).engine.tick(); // 10 min
    r.at(5 * 60_000).engine.tick(); // 15 min
    assert.deepEqual(survivals(r).slice(-3).map((s) => s[0]), ['5m', '10m', '15m']);
    r.at(86_400_000).engine.tick();
    r.at(6 * 86_400_000).engine.tick();
    assert.deepEqual(survivals(r).slice(-2), [['1d', 16, 32, false], ['7d', 16, 32, false]]);
    assert.equal(r.engine.survival.size, 0, 'forgotten after the 7-day checkpoint');
  });

  it('keeps tracking across close and reopen when the content matches, and marks it lost when it does not', () => {
    const r = new Replay();
    r.insert(0, 'header\n', {});
    r.engine.onInlineKey(r.uri, 'full');
    r.insert(7, 'const total = items.reduce((a, b) => a + b, 0);\n'); // 48 chars
    r.engine.onClose(r.uri, r.text);
    r.at(1000).engine.onOpen(r.uri, r.text);
    r.remove(7, 6); // "const " removed
    r.at(30_000).engine.tick();
    assert.deepEqual(survivals(r), [['30s', 42, 48, false]]);

    r.engine.onClose(r.uri, r.text);
    const changedOnDisk = r.text.replace('total', 'sum');
    r.text = changedOnDisk;
    r.engine.onOpen(r.uri, changedOnDisk);
    r.at(90_000).engine.tick();
    assert.deepEqual(survivals(r).at(-1), ['2m', 0, 48, true]);
  });

  it('restores a snapshot (no text, only offsets and hashes) and verifies it on open', () => {
    const r = new Replay();
    r.engine.onInlineKey(r.uri, 'full');
    r.insert(0, 'export const answer = 42;\n');
    r.engine.tick();
    const snap = JSON.parse(JSON.stringify(r.engine.snapshot((u) => (u === r.uri ? r.text : undefined))));
    assert.ok(!JSON.stringify(snap).includes('answer'), 'no code text in the snapshot');

    const r2 = new Replay();
    r2.now = r.now;
    r2.text = r.text;
    assert.equal(r2.engine.restore(snap), 1);
    r2.engine.onOpen(r2.uri, r2.text);
    r2.remove(0, 7); // "export " removed
    r2.at(30_000).engine.tick();
    assert.deepEqual(survivals(r2), [['30s', 19, 26, false]]);
  });

  it('bounds memory: the oldest insertions are evicted beyond maxTracked', () => {
    const emitted: SurvivalEvent[] = [];
    const tracker = new SurvivalTracker((ev) => emitted.push(ev), 3);
    const recs = [0, 1, 2, 3, 4].map((i) => {
      const rec = tracker.begin(`x${i}`, 'file:///a.ts', i);
      tracker.applyChange('file:///a.ts', [{ rangeOffset: 0, rangeLength: 0, text: 'abc' }], rec);
      tracker.schedule(rec);
      return rec;
    });
    assert.equal(tracker.size, 3);
    assert.equal(tracker.evicted, 2);
    tracker.tick(60_000);
    assert.deepEqual(emitted.map((e) => e.insertionId), ['x2', 'x3', 'x4']);
    assert.equal(recs[4].kept, 3);
  });
});

describe('SegmentList blocks', () => {
  it('places a segment added after all others while later blocks still owe an edit', () => {
    const o = { kept: 0 };
    const segs = new SegmentList<typeof o>(2);
    // Ten 2-character segments with 1-character gaps: several blocks.
    for (let s = 0; s < 30; s += 3) segs.add({ start: s, end: s + 2, owner: o });
    segs.applyEdit(4, 0, 5); // typing inside the second segment: it splits, everything after moves by 5
    segs.applyEdit(40, 0, 3); // typing after all segments
    segs.add({ start: 40, end: 43, owner: o });
    const all = segs.all().map((s) => [s.start, s.end]);
    assert.deepEqual(all, [[0, 2], [3, 4], [9, 10], [11, 13], [14, 16], [17, 19], [20, 22], [23, 25], [26, 28], [29, 31], [32, 34], [40, 43]]);
  });
});

describe('applyEdit against a brute-force reference', () => {
  // Small blocks (2 or 8 segments) make edits cross block boundaries and split blocks all the time; the block
  // logic does not depend on the size.
  for (const blockSize of [SEGMENT_BLOCK, 8, 2]) it(`matches per-character ownership over 4000 random edits (blocks of ${blockSize})`, () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    type Owner = { kept: number; id: number };
    const owners: Owner[] = [];
    const segs = new SegmentList<Owner>(blockSize);
    let marks: number[] = []; // -1 = not tracked, else owner id
    let last = 0;
    let peak = 0;
    for (let step = 0; step < 4000; step++) {
      const len = marks.length;
      // Mostly typing near the last edit (the lazy shift's fast path), sometimes a jump.
      const offset = rand(5) === 0 ? rand(len + 1) : Math.min(len, Math.max(0, last + rand(3) - 1));
      const removed = Math.min(rand(100) === 0 ? rand(40) : rand(4) === 0 ? rand(12) : rand(2), len - offset);
      const inserted = rand(3) === 0 ? rand(20) : rand(2);
      const tracked = inserted > 0 && rand(4) === 0;
      if (owners.length > 0 && rand(50) === 0) {
        // A tentative insertion dropped (it was a paste): its characters are no longer tracked.
        const gone = owners[rand(owners.length)];
        segs.removeOwner(gone);
        marks = marks.map((m) => (m === gone.id ? -1 : m));
        gone.kept = 0;
      }
      segs.applyEdit(offset, removed, inserted);
      const add = new Array<number>(inserted).fill(-1);
      if (tracked) {
        const o: Owner = { kept: inserted, id: owners.length };
        owners.push(o);
        add.fill(o.id);
        segs.add({ start: offset, end: offset + inserted, owner: o });
      }
      marks = [...marks.slice(0, offset), ...add, ...marks.slice(offset + removed)];
      last = offset + inserted;
      for (const o of owners) assert.equal(o.kept, marks.filter((m) => m === o.id).length, `step ${step} owner ${o.id}`);
      if (step % 7 === 0) {
        const all = segs.all();
        for (const s of all) for (let i = s.start; i < s.end; i++) assert.equal(marks[i], s.owner.id);
        for (let i = 1; i < all.length; i++) assert.ok(all[i - 1].end <= all[i].start, 'sorted and disjoint');
        assert.equal(segs.length, all.length);
      }
      peak = Math.max(peak, segs.length);
    }
    assert.ok(owners.length > 50);
    if (blockSize < SEGMENT_BLOCK) assert.ok(peak > 2 * blockSize, `at most ${peak} segments: too few for several blocks`);
  });
});
