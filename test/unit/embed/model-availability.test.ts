import assert from 'node:assert/strict';
import path from 'node:path';
import { modelFailureAction } from '../../../src/core/embed/model-availability';
import { OnnxWasmEmbedder } from '../../../src/core/embed/onnx-wasm';

describe('model availability', () => {
  it('tells a missing runtime, a wrong folder, a first-time download and other errors apart', () => {
    assert.equal(modelFailureAction("Cannot find module 'onnxruntime-web'", false, false), 'runtime-missing');
    assert.equal(modelFailureAction("ENOENT: no such file or directory, open '/ext/dist/ort-wasm-simd-threaded.wasm'", true, false), 'runtime-missing');
    assert.equal(modelFailureAction('Could not locate file: "…/config.json"', true, false), 'folder-missing');
    assert.equal(modelFailureAction('`local_files_only=true` or `env.allowRemoteModels=false` and file was not found locally', false, false), 'offer-download');
    assert.equal(modelFailureAction('file was not found locally', false, true), 'quiet');
    assert.equal(modelFailureAction('Protobuf parsing failed', false, false), 'error');
  });

  it('classifies the real loader error for a folder without the model as missing', async () => {
    const folder = path.join(__dirname, 'no-such-model-folder');
    const error = await OnnxWasmEmbedder.load({ localModelPath: folder }).then(
      () => assert.fail('loaded a model that does not exist'),
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    assert.equal(modelFailureAction(error, false, false), 'offer-download', error);
  });
});
