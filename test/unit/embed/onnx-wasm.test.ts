import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { dot } from '../../../src/core/embed/embedder';
import { ModelNotFoundError, OnnxWasmEmbedder } from '../../../src/core/embed/onnx-wasm';
import { modelFailureAction } from '../../../src/core/embed/model-availability';
import { TransformersEmbedder } from '../../../src/core/embed/transformers';
import { TINY_MODEL_ID, tinyModelDir } from './tiny-model';

describe('OnnxWasmEmbedder (onnxruntime-web wasm, tiny generated BERT, offline)', function () {
  this.timeout(120000);
  let dir = '';
  let e: OnnxWasmEmbedder | undefined;

  before(async function () {
    const found = tinyModelDir();
    if ('reason' in found) {
      console.log(`skipping: ${found.reason}`);
      this.skip();
    }
    dir = found.dir;
    e = await OnnxWasmEmbedder.load({ localModelPath: dir, modelId: TINY_MODEL_ID });
  });

  after(async () => {
    await e?.dispose();
  });

  it('gives unit vectors of the model width, the same for the same text, with an id naming model, dtype, length and file hash', async () => {
    assert.equal(e!.dims, 32);
    assert.match(e!.id, /^sentence:tiny-bert:q8:256:[0-9a-f]{12}$/);
    const [a, b, c] = await e!.embed(['function debounce(fn, ms) {}', 'function debounce(fn, ms) {}', 'parse a csv line']);
    assert.ok(Math.abs(dot(a, a) - 1) < 1e-4);
    assert.deepEqual(a, b);
    assert.ok(dot(a, c) < 0.9999);
  });

  it('agrees with transformers.js on onnxruntime-node (another runtime, padding and pooling code) for the same model', async function () {
    let ref: TransformersEmbedder;
    try {
      ref = await TransformersEmbedder.load({ localModelPath: dir, modelId: TINY_MODEL_ID });
    } catch (err) {
      console.log(`skipping: onnxruntime-node not loadable here (${String(err).split('\n')[0]})`);
      this.skip();
    }
    const texts = ['function debounce(fn, ms) {}', 'retry the request after a delay', 'export const cache = new Map()', 'ÜNICODE and CaMeL tokens'];
    const mine = await e!.embed(texts);
    const theirs = await ref.embed(texts);
    await ref.dispose();
    for (let i = 0; i < texts.length; i++) {
      assert.ok(dot(mine[i], theirs[i]) > 0.9999, `text ${i}: cosine ${dot(mine[i], theirs[i])}`);
    }
  });

  it('truncates at 256 tokens, keeping the closing [SEP]', async () => {
    const head = Array.from({ length: 300 }, (_, i) => (i % 2 ? 'data' : 'value')).join(' ');
    const ids = e!.tokenIds(`${head} alpha`);
    assert.equal(ids.length, 256);
    assert.equal(ids[0], 2, '[CLS] first');
    assert.equal(ids[255], 3, '[SEP] last');
    const [x, y] = await e!.embed([`${head} alpha beta`, `${head} gamma delta`]);
    assert.deepEqual(x, y, 'text after token 256 is ignored');
    const wide = await OnnxWasmEmbedder.load({ localModelPath: dir, modelId: TINY_MODEL_ID, maxTokens: 512 });
    const [p, q] = await wide.embed([`${head} alpha beta`, `${head} gamma delta`]);
    assert.notDeepEqual(p, q, 'with 512 the tails count: the 256 limit is what made them equal');
    await wide.dispose();
  });

  it('fails clearly, without a network, when the model folder is missing, and the host reads that as "missing"', async () => {
    const missing = path.join(os.tmpdir(), 'no-such-model-folder');
    const err = await OnnxWasmEmbedder.load({ localModelPath: missing, modelId: 'nothing' }).then(
      () => undefined,
      (x: unknown) => x,
    );
    assert.ok(err instanceof ModelNotFoundError);
    assert.equal(modelFailureAction(err.message, true, false), 'folder-missing');
    assert.equal(modelFailureAction(err.message, false, false), 'offer-download');
  });
});
