/**
 * Patterns worker entry (bundled to dist/patterns-worker.js with `typescript`, `onnxruntime-web` and
 * `@huggingface/tokenizers` inside; the runtime's `.wasm` is copied next to it by the build and read only
 * when the sentence model is chosen). Extraction, embedding and search run here, off the extension
 * host's main thread.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { isRequest } from '../core/patterns/protocol';
import type { EmbedderConfig, RpcResponse, WorkerMessage } from '../core/patterns/protocol';
import { createEmbedder, PatternsService } from '../core/patterns/service';

/** In the VSIX the wasm sits beside this bundle; run from source, onnxruntime-web finds its own. */
const wasmDir = existsSync(path.join(__dirname, 'ort-wasm-simd-threaded.wasm')) ? __dirname : undefined;

const port = parentPort;
if (port) {
  const post = (m: WorkerMessage): void => port.postMessage(m);
  const service = new PatternsService(post, (c: EmbedderConfig) => createEmbedder(c, { wasmDir }));
  port.on('message', (m: unknown) => {
    if (!isRequest(m)) {
      post({ note: 'log', level: 'warn', message: 'patterns worker: ignored a malformed message' });
      return;
    }
    const call = (service[m.method] as (arg: unknown) => Promise<unknown>).bind(service);
    call(m.arg).then(
      (result): void => post({ id: m.id, ok: true, result } satisfies RpcResponse),
      (err: unknown): void => post({ id: m.id, ok: false, error: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) }),
    );
  });
}
