import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { open, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readLines } from '../../../src/core/importers/line-reader';
import { importFile } from '../../../src/core/importers/run-import';
import { QUIET, withTmp } from './helpers';

describe('streaming line reader', () => {
  it('gives lines with byte offsets across chunk boundaries, strips CRLF, returns the unterminated tail', async () => {
    await withTmp(async (dir) => {
      const path = join(dir, 'a.txt');
      await writeFile(path, 'alpha\r\nbé\n\nlong-line-' + 'x'.repeat(50) + '\ntail');
      const got: [string, number, number][] = [];
      const r = await readLines(path, { start: 0, maxLineBytes: 1000, chunkBytes: 7 }, (l, s, e) => got.push([l, s, e]));
      assert.deepEqual(got.map((g) => g[0]), ['alpha', 'bé', '', 'long-line-' + 'x'.repeat(50)]);
      assert.deepEqual(got.slice(0, 3).map((g) => [g[1], g[2]]), [[0, 7], [7, 11], [11, 12]]);
      assert.deepEqual(r.tail, { start: 73, text: 'tail' });
      assert.equal(r.endOffset, 73);
      const fromMiddle: string[] = [];
      await readLines(path, { start: 7, maxLineBytes: 1000 }, (l) => fromMiddle.push(l));
      assert.equal(fromMiddle[0], 'bé');
    });
  });

  it('skips and counts lines over the limit without holding them', async () => {
    await withTmp(async (dir) => {
      const path = join(dir, 'b.txt');
      await writeFile(path, 'ok\n' + 'y'.repeat(5000) + '\nafter\n' + 'z'.repeat(3000));
      const got: string[] = [];
      const r = await readLines(path, { start: 0, maxLineBytes: 1000, chunkBytes: 256 }, (l) => got.push(l));
      assert.deepEqual(got, ['ok', 'after']);
      assert.equal(r.tooLong, 2);
      assert.equal(r.tail, undefined);
    });
  });

  it('keeps memory bounded on a 64 MB transcript with a 20 MB line', async function () {
    this.timeout(60_000);
    await withTmp(async (dir) => {
      const path = join(dir, 'big.jsonl');
      const handle = await open(path, 'w');
      const line = (i: number): string =>
        JSON.stringify({ type: 'assistant', version: '1.0.111', sessionId: 's', requestId: `r${i}`, timestamp: '2025-09-11T13:28:09.380Z',
          message: { id: `m${i}`, model: 'claude-sonnet-4-20250514', content: [{ type: 'text', text: 'z'.repeat(400) }], usage: { input_tokens: 1, output_tokens: 2 } } }) + '\n';
      await handle.write(JSON.stringify({ type: 'user', message: { content: 'go' }, timestamp: '2025-09-11T13:28:00Z' }) + '\n');
      await handle.write('"' + 'w'.repeat(20 * 1024 * 1024) + '"\n');
      let written = 0;
      for (let i = 0; written < 64 * 1024 * 1024; i++) {
        const batch = Array.from({ length: 1000 }, (_, j) => line(i * 1000 + j)).join('');
        await handle.write(batch);
        written += batch.length;
      }
      await handle.close();
      const before = process.memoryUsage().rss;
      let peak = before;
      const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
      let calls = 0;
      try {
        const { interactions, result } = await collectCounting(path, () => calls++);
        assert.equal(result.skipped.line_too_long, 1);
        assert.ok(interactions > 100_000);
      } finally {
        clearInterval(timer);
      }
      const grewMb = (peak - before) / 1024 / 1024;
      assert.ok(grewMb < 120, `rss grew ${grewMb.toFixed(0)} MB`);
      assert.ok(calls > 0);
    });
  });
});

/** Imports while counting events instead of keeping them (so the test measures the importer). */
async function collectCounting(path: string, onEvent: () => void) {
  let interactions = 0;
  const result = await importFile({ path, format: 'claude-code', source: 'claudeCode' }, undefined, { ...QUIET, maxLineBytes: 8 * 1024 * 1024 }, (e) => {
    onEvent();
    if (e.kind === 'ai_interaction') interactions++;
  });
  return { interactions, result };
}

describe('streaming line reader, read-ahead', () => {
  it('stops when cancelled with a read in flight, and surfaces a handler error, closing the file both times', async () => {
    await withTmp(async (dir) => {
      const path = join(dir, 'c.txt');
      const openFds = async (): Promise<number> => (existsSync('/proc/self/fd') ? (await readdir('/proc/self/fd')).length : 0);
      const fdsBefore = await openFds();
      await writeFile(path, Array.from({ length: 200 }, (_, i) => `line-${i}`).join('\n') + '\n');
      const seen: string[] = [];
      const r = await readLines(path, { start: 0, maxLineBytes: 100, chunkBytes: 64, cancelled: () => seen.length >= 20 }, (l) => seen.push(l));
      assert.ok(seen.length >= 20 && seen.length < 40, `read ${seen.length} lines`);
      assert.equal(seen[seen.length - 1], `line-${seen.length - 1}`);
      assert.ok(r.endOffset < 1000);
      let calls = 0;
      await assert.rejects(
        readLines(path, { start: 0, maxLineBytes: 100, chunkBytes: 64 }, () => {
          if (++calls === 30) throw new Error('handler failed');
        }),
        /handler failed/,
      );
      const all: string[] = [];
      await readLines(path, { start: 0, maxLineBytes: 100, chunkBytes: 64 }, (l) => all.push(l));
      assert.equal(all.length, 200);
      assert.equal(await openFds(), fdsBefore, 'no file handle left open');
    });
  });
});
