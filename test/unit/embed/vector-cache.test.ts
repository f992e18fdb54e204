import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Embedder } from '../../../src/core/embed/embedder';
import { OnnxWasmEmbedder } from '../../../src/core/embed/onnx-wasm';
import { VectorCache, cacheFile, textKey } from '../../../src/core/embed/vector-cache';
import type { EmbedderConfig, WorkerNote } from '../../../src/core/patterns/protocol';
import { PatternsService } from '../../../src/core/patterns/service';
import { DEFAULT_EXTRACTION } from '../../../src/core/patterns/types';
import type { PatternRecord } from '../../../src/core/patterns/types';
import { FIXTURES } from '../patterns/recall';
import { TINY_MODEL_ID, tinyModelDir } from './tiny-model';

/** The real tiny model, counting the texts it is asked to embed. */
class Counting implements Embedder {
  texts = 0;
  constructor(private readonly inner: Embedder) {}
  get id(): string {
    return this.inner.id;
  }
  get dims(): number {
    return this.inner.dims;
  }
  embed(texts: readonly string[]): Promise<Float32Array[]> {
    this.texts += texts.length;
    return this.inner.embed(texts);
  }
  dispose(): Promise<void> {
    return Promise.resolve();
  }
}

const SOURCE = readFileSync(path.join(FIXTURES, 'corpus', readdirSync(path.join(FIXTURES, 'corpus')).find((f) => f.includes('strings'))!), 'utf8');
const config: EmbedderConfig = { kind: 'transformers', modelPath: '(given by the test)' };

describe('embedding cache on disk (real tiny model through the patterns service)', function () {
  this.timeout(120000);
  let model: OnnxWasmEmbedder | undefined;
  let dir = '';

  before(async function () {
    const found = tinyModelDir();
    if ('reason' in found) {
      console.log(`skipping: ${found.reason}`);
      this.skip();
    }
    model = await OnnxWasmEmbedder.load({ localModelPath: found.dir, modelId: TINY_MODEL_ID });
  });
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ala-vec-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  after(async () => model?.dispose());

  /** One "window lifetime": start from the store's rows, optionally update a file, return the rows and counts. */
  async function run(rows: unknown[], update: boolean): Promise<{ rows: PatternRecord[]; embedded: number; notes: WorkerNote[]; hit: string }> {
    const counting = new Counting(model!);
    const notes: WorkerNote[] = [];
    const s = new PatternsService((n) => notes.push(n), () => Promise.resolve(counting));
    await s.start({ rows, options: DEFAULT_EXTRACTION, embedder: config, cacheDir: dir });
    if (update) {
      await s.updateFile({ path: '/ws/src/strings.ts', text: SOURCE });
      await s.build({ job: 1, paths: [] }); // ends by saving the cache, as a build does
    }
    const embeddedBeforeSearch = counting.texts;
    const [top] = await s.search({ query: 'levenshtein edit distance', k: 1 });
    return { rows: await s.list(), embedded: embeddedBeforeSearch, notes, hit: top.pattern.name };
  }

  it('a restart embeds nothing for unchanged patterns, and a changed one only', async () => {
    const first = await run([], true);
    assert.equal(first.rows.length, 16);
    assert.equal(first.embedded, 16, 'first start: every pattern embedded once');
    const second = await run(first.rows, false);
    assert.equal(second.embedded, 0, 'restart: no embedding call for an unchanged library');
    assert.equal(second.hit, first.hit);
    const edited = first.rows.map((r, i) => (i === 0 ? { ...r, code: `${r.code}\n// changed` } : r));
    const third = await run(edited, false);
    assert.equal(third.embedded, 1, 'only the changed pattern is embedded again');
  });

  it('keeps one file per embedder id (model + revision), never mixing vectors of two revisions', async () => {
    await run([], true);
    assert.deepEqual(readdirSync(dir), [path.basename(cacheFile(dir, model!.id))]);
    const other = await VectorCache.open(dir, `${model!.id}-other-revision`, model!.dims);
    assert.equal(other.cache.size, 0);
    assert.equal(other.problem, undefined);
  });

  it('a corrupt file is dropped, said, and rebuilt; the library still loads', async () => {
    const first = await run([], true);
    const file = cacheFile(dir, model!.id);
    const bytes = readFileSync(file);
    bytes[bytes.length >> 1] ^= 0xff;
    writeFileSync(file, bytes);
    const second = await run(first.rows, false);
    assert.equal(second.embedded, 16, 'every vector computed again');
    assert.ok(second.notes.some((n) => n.note === 'log' && n.level === 'warn' && /checksum/.test(n.message)), 'the user-visible log says why');
    const third = await run(first.rows, false);
    assert.equal(third.embedded, 0, 'the rebuilt file serves the next start');
    writeFileSync(file, bytes.subarray(0, 100));
    const truncated = await VectorCache.open(dir, model!.id, model!.dims);
    assert.match(truncated.problem ?? '', /checksum|not a vector cache/);
  });

  it('is bounded: the least recently used entries go first', async () => {
    const { cache } = await VectorCache.open(dir, 'e', 2, 3);
    for (const t of ['a', 'b', 'c']) cache.set(textKey(t), Float32Array.of(1, 0));
    cache.get(textKey('a'));
    cache.set(textKey('d'), Float32Array.of(0, 1));
    assert.equal(cache.size, 3);
    assert.equal(cache.get(textKey('b')), undefined, 'b was least recently used');
    assert.ok(cache.get(textKey('a')));
    await cache.save();
    const again = await VectorCache.open(dir, 'e', 2, 3);
    assert.deepEqual(Array.from(again.cache.get(textKey('d'))!), [0, 1]);
  });

  it('search queries are not written to disk', async () => {
    await run([], true);
    const { cache } = await VectorCache.open(dir, model!.id, model!.dims);
    assert.equal(cache.size, 16);
    assert.equal(cache.get(textKey('levenshtein edit distance')), undefined);
  });
});
