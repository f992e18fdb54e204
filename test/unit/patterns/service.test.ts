import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { isNote } from '../../../src/core/patterns/protocol';
import type { RpcRequest, RpcResponse, WorkerMessage, WorkerNote } from '../../../src/core/patterns/protocol';
import { PatternsService } from '../../../src/core/patterns/service';
import { DEFAULT_EXTRACTION } from '../../../src/core/patterns/types';
import { FIXTURES } from './recall';

const corpus = readdirSync(path.join(FIXTURES, 'corpus')).map((f) => path.join(FIXTURES, 'corpus', f));

describe('PatternsService', () => {
  it('starts from store rows, builds from files with progress, and searches', async () => {
    const notes: WorkerNote[] = [];
    const s = new PatternsService((n) => notes.push(n));
    const started = await s.start({ rows: [{ id: 'x', code: 'function old() {}', name: 'old' }, { bad: true }], options: DEFAULT_EXTRACTION, embedder: { kind: 'hashing' } });
    assert.deepEqual(started, { loaded: 1, badRows: 1, embedder: 'hashing-384-v1' });
    // `.txt` fixtures are unsupported paths: the build counts them as skipped, proving path rules apply.
    const res = await s.build({ job: 1, paths: corpus });
    assert.equal(res.skipped, corpus.length);
    const text = (await import('node:fs')).readFileSync(corpus.find((f) => f.includes('strings'))!, 'utf8');
    const up = await s.updateFile({ path: '/ws/src/strings.ts', text });
    assert.equal(up.added, 16);
    assert.equal(notes.filter((n) => n.note === 'event').length, 16);
    assert.equal(notes.filter((n) => n.note === 'progress').length, corpus.length);
    const hits = await s.search({ query: 'edit distance between two strings', k: 3 });
    assert.equal(hits[0].pattern.name, 'levenshtein');
  });

  it('starts on the hashing embedder, and says why, when the configured model cannot be loaded', async () => {
    const s = new PatternsService(() => undefined);
    const missing = path.join(FIXTURES, 'no-such-model-folder');
    const started = await s.start({
      rows: [{ id: 'x', code: 'function old() {}', name: 'old' }], options: DEFAULT_EXTRACTION,
      embedder: { kind: 'transformers', modelPath: missing },
    });
    assert.equal(started.loaded, 1);
    assert.equal(started.embedder, 'hashing-384-v1');
    assert.match(started.embedderError ?? '', /\S/);
  });

  it('stops a build when cancelled', async () => {
    const s = new PatternsService(() => undefined);
    await s.start({ rows: [], options: DEFAULT_EXTRACTION, embedder: { kind: 'hashing' } });
    const running = s.build({ job: 7, paths: corpus });
    await s.cancel({ job: 7 });
    const res = await running;
    assert.ok(res.cancelled);
    assert.ok(res.files < corpus.length);
  });
});

describe('patterns worker thread', function () {
  this.timeout(30000);
  it('answers typed requests and posts pattern events', async () => {
    // The real entry, compiled on the fly by tsx's CommonJS hook inside the thread.
    const entry = path.join(__dirname, '../../../src/worker/patterns-worker.ts');
    const w = new Worker(`require('tsx/cjs'); require(${JSON.stringify(entry)});`, { eval: true });
    const events: WorkerNote[] = [];
    const pending = new Map<number, (m: RpcResponse) => void>();
    w.on('message', (m: WorkerMessage) => (isNote(m) ? events.push(m) : pending.get(m.id)?.(m)));
    let next = 0;
    const call = (method: RpcRequest['method'], arg: unknown): Promise<RpcResponse> =>
      new Promise((resolve) => {
        const id = ++next;
        pending.set(id, resolve);
        w.postMessage({ id, method, arg });
      });
    try {
      assert.deepEqual(await call('start', { rows: [], options: DEFAULT_EXTRACTION, embedder: { kind: 'hashing' } }), {
        id: 1, ok: true, result: { loaded: 0, badRows: 0, embedder: 'hashing-384-v1' },
      });
      const src = 'export function pick(a, b) {\n  if (a) return 1;\n  if (b) return 2;\n  return a && b ? 3 : 4;\n}\n';
      const up = await call('updateFile', { path: '/ws/a.ts', text: src });
      assert.ok(up.ok && (up as { result: { added: number } }).result.added === 1);
      assert.ok(events.some((e) => e.note === 'event' && e.event.op === 'upsert' && e.event.name === 'pick'));
      const bad = await call('search', { query: 'x', k: 1, languages: 5 });
      assert.equal(bad.ok, false, 'a failing call answers with an error, the worker lives on');
    } finally {
      await w.terminate();
    }
  });
});
