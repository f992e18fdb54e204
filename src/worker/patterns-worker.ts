/**
 * Patterns worker entry (bundled to dist/patterns-worker.js with `typescript` inside;
 * `@huggingface/transformers` stays external and is imported only when that embedder is chosen).
 * Extraction, embedding and search run here, off the extension host's main thread.
 */
import { parentPort } from 'node:worker_threads';
import { isRequest } from '../core/patterns/protocol';
import type { RpcResponse, WorkerMessage } from '../core/patterns/protocol';
import { PatternsService } from '../core/patterns/service';

const port = parentPort;
if (port) {
  const post = (m: WorkerMessage): void => port.postMessage(m);
  const service = new PatternsService(post);
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
