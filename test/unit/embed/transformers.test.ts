import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { dot } from '../../../src/core/embed/embedder';
import { TransformersEmbedder } from '../../../src/core/embed/transformers';
import { TINY_MODEL_ID, tinyModelDir } from './tiny-model';

describe('TransformersEmbedder (tiny generated BERT, offline)', function () {
  this.timeout(60000);
  let dir = '';
  let e: TransformersEmbedder | undefined;

  before(async function () {
    const found = tinyModelDir();
    if ('reason' in found) {
      console.log(`skipping: ${found.reason}`);
      this.skip();
    }
    dir = found.dir;
    e = await TransformersEmbedder.load({ localModelPath: dir, modelId: TINY_MODEL_ID });
  });

  after(async () => {
    await e?.dispose();
  });

  it('loads the q8 model through the local path and gives unit vectors of its width', async () => {
    assert.equal(e!.dims, 32);
    assert.equal(e!.id, 'transformers:tiny-bert:q8:256');
    const [a, b, c] = await e!.embed(['function debounce(fn, ms) {}', 'function debounce(fn, ms) {}', 'parse a csv line']);
    assert.ok(Math.abs(dot(a, a) - 1) < 1e-4);
    assert.deepEqual(a, b);
    assert.ok(dot(a, c) < 0.9999);
  });

  it('mean-pools over real tokens only: padding in a batch changes nothing', async () => {
    const [alone] = await e!.embed(['retry']);
    const [padded] = await e!.embed(['retry', 'a much longer text that forces padding of the first one in the batch']);
    for (let i = 0; i < alone.length; i++) assert.ok(Math.abs(alone[i] - padded[i]) < 1e-4);
  });

  it('truncates at 256 tokens', async () => {
    // 'data' and 'value' are whole tokens of the tiny vocabulary: 300 tokens, then the tails.
    const head = Array.from({ length: 300 }, (_, i) => (i % 2 ? 'data' : 'value')).join(' ');
    const [x, y] = await e!.embed([`${head} alpha beta`, `${head} gamma delta`]);
    assert.deepEqual(x, y, 'text after token 256 is ignored');
    const wide = await TransformersEmbedder.load({ localModelPath: dir, modelId: TINY_MODEL_ID, maxTokens: 512 });
    const [p, q] = await wide.embed([`${head} alpha beta`, `${head} gamma delta`]);
    assert.notDeepEqual(p, q, 'with 512 the tails count: the 256 limit is what made them equal');
    await wide.dispose();
  });

  it('fails clearly, without a network, when the model folder is missing', async () => {
    const missing = path.join(os.tmpdir(), 'no-such-model-folder');
    await assert.rejects(TransformersEmbedder.load({ localModelPath: missing, modelId: 'nothing' }), /not found|locally|Could not/i);
  });
});
