import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RecordedEvent } from '../../../src/core/model/events';
import { CaptureEngine } from '../../../src/core/capture/engine';
import { DEFAULT_CAPTURE_CONFIG, type DocChange } from '../../../src/core/capture/types';
import { JournalWriter, type JournalFs } from '../../../src/core/store/journal-writer';
import { parseRecords } from '../../../src/core/store/record';

const uri = 'file:///ws/src/a.ts';
const snippet = '  const value = compute(input, options);\n  return value ?? fallback;\n';

function change(offset: number, text: string): DocChange {
  return { uri, scheme: 'file', path: uri.slice(7), languageId: 'typescript', isActiveEditor: true, changes: [{ rangeOffset: offset, rangeLength: 0, text }] };
}

/** Typing, an inline accept ended by more typing, a paste, then a tick (runs, text changes, checkpoints). */
function replay(engine: CaptureEngine, clock: { now: number }): void {
  let pos = 0;
  const step = (f: () => void): void => {
    f();
    clock.now += 100;
  };
  for (let i = 0; i < 5; i++) step(() => engine.onChange(change(pos++, 'x')));
  step(() => engine.onInlineKey(uri, 'full'));
  step(() => engine.onChange(change(pos, snippet)));
  pos += snippet.length;
  step(() => engine.onChange(change(pos++, ';')));
  step(() => {
    const token = engine.onChange(change(pos, snippet));
    if (token !== undefined) engine.resolveClipboard(token, snippet);
  });
  clock.now += 40_000;
  step(() => engine.tick());
  step(() => engine.flush());
}

function newEngine(sink: ConstructorParameters<typeof CaptureEngine>[0]['sink'], clock: { now: number }): CaptureEngine {
  let ids = 0;
  return new CaptureEngine({ sink, clock: () => clock.now, config: DEFAULT_CAPTURE_CONFIG, aiTool: () => 'copilot', newId: () => `id${++ids}` });
}

describe('one sink write per engine call (appendMany)', () => {
  it('hands over the same events in the same order as plain append, several per call at most once', () => {
    const plain: RecordedEvent[] = [];
    const c1 = { now: 1_700_000_000_000 };
    replay(newEngine({ append: (ev) => plain.push(ev) }, c1), c1);

    const batched: RecordedEvent[] = [];
    const calls: number[] = [];
    const c2 = { now: 1_700_000_000_000 };
    replay(newEngine({
      append: (ev) => {
        batched.push(ev);
        calls.push(1);
      },
      appendMany: (evs) => {
        batched.push(...evs);
        calls.push(evs.length);
      },
    }, c2), c2);

    assert.deepEqual(batched, plain);
    assert.ok(plain.some((e) => e.kind === 'ai_insertion') && plain.some((e) => e.kind === 'survival'));
    // The tick emits the typing runs and text changes that waited for it, and the 30 s checkpoints: one call.
    assert.ok(calls.some((n) => n >= 4), `batch sizes ${calls.join(',')}`);
    assert.ok(calls.length < plain.length);
  });
});

describe('JournalWriter.appendMany', () => {
  const dirs: string[] = [];
  const tmp = (): string => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'capture-batch-'));
    dirs.push(d);
    return d;
  };
  after(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });
  const ev = (i: number): RecordedEvent => ({
    kind: 'text_change', ts: 1_700_000_000_000 + i, fileHash: 'f'.repeat(16), language: 'typescript', label: 'typed', precision: 'strong',
    charsAdded: i, charsRemoved: 0, linesAdded: 0, count: 1,
  });

  it('writes records readable one by one, in order, with consecutive sequence numbers, in one write', async () => {
    let writes = 0;
    const counting: JournalFs = { ...fs, writeSync: ((...a: Parameters<typeof fs.writeSync>) => (writes++, fs.writeSync(...a))) as typeof fs.writeSync };
    const w = JournalWriter.open({ dir: tmp(), writerId: 'batch', fs: counting });
    w.append(ev(0));
    w.appendMany([ev(1), ev(2), ev(3)]);
    // An event JSON cannot encode is skipped and counted; the others of its batch are written.
    w.appendMany([ev(4), { ...ev(5), count: 10n } as unknown as RecordedEvent, ev(6)]);
    // Big enough to grow the encode buffer in the middle of a batch.
    const big = { ...ev(7), session: 's'.repeat(100_000) };
    w.appendMany([ev(8), big, ev(9)]);
    assert.equal(writes, 4);
    assert.equal(w.rejected, 1);
    const file = w.segmentPath!;
    await w.close();
    const { records, bad, pending } = parseRecords(fs.readFileSync(file));
    assert.deepEqual(bad, []);
    assert.equal(pending, null);
    assert.deepEqual(records.map((r) => r.seq), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual(records.map((r) => r.ev), [ev(0), ev(1), ev(2), ev(3), ev(4), ev(6), ev(8), big, ev(9)]);
  });

  it('keeps a failed batch whole in the backlog and writes it when the disk works again', async () => {
    let full = false;
    const flaky: JournalFs = {
      ...fs,
      writeSync: ((...a: Parameters<typeof fs.writeSync>) => {
        if (full) throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
        return fs.writeSync(...a);
      }) as typeof fs.writeSync,
    };
    const statuses: string[] = [];
    const dir = tmp();
    const w = JournalWriter.open({ dir, writerId: 'flaky', fs: flaky, retryMs: 10, onStatus: (s) => statuses.push(s.state) });
    w.append(ev(0));
    full = true;
    w.appendMany([ev(1), ev(2), ev(3)]);
    assert.equal(w.status.state, 'paused');
    assert.equal(w.status.state === 'paused' ? w.status.backlog : -1, 3);
    full = false;
    await new Promise((r) => setTimeout(r, 60));
    assert.deepEqual(statuses, ['paused', 'ok']);
    w.appendMany([ev(4), ev(5)]);
    await w.close();
    const records = fs.readdirSync(dir).flatMap((f) => parseRecords(fs.readFileSync(path.join(dir, f))).records);
    assert.deepEqual(records.map((r) => [r.seq, r.ev]), [[1, ev(0)], [2, ev(1)], [3, ev(2)], [4, ev(3)], [5, ev(4)], [6, ev(5)]]);
  });
});
