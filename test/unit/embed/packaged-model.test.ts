/**
 * The sentence model as a VSIX user gets it: `npm run package` builds the production VSIX, which is
 * unzipped into a temporary folder with no node_modules anywhere above it, and its
 * `dist/patterns-worker.js` is started as a worker thread exactly as the extension starts it. The
 * tiny generated BERT is read from a folder, then downloaded over HTTP (a local server standing in
 * for the hub) into an empty one, as the consented download does.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EmbedderConfig, Method, RpcResponse, WorkerMessage } from '../../../src/core/patterns/protocol';
import { DEFAULT_EXTRACTION } from '../../../src/core/patterns/types';
import { TINY_MODEL_ID, tinyModelDir } from './tiny-model';

const root = path.join(__dirname, '../../..');

const SOURCE = `/** Waits, doubling the delay, until the call succeeds. */
export async function retryWithBackoff<T>(call: () => Promise<T>, attempts = 5): Promise<T> {
  let delay = 100;
  for (let i = 0; ; i++) {
    try {
      return await call();
    } catch (err) {
      if (i + 1 >= attempts) throw err;
      await new Promise((r) => setTimeout(r, delay));
      delay *= 2;
    }
  }
}
`;

class WorkerClient {
  private next = 1;
  private readonly waiting = new Map<number, (r: RpcResponse) => void>();
  readonly logs: string[] = [];
  constructor(readonly worker: Worker) {
    worker.on('message', (m: WorkerMessage) => {
      if ('note' in m) {
        if (m.note === 'log') this.logs.push(m.message);
        return;
      }
      this.waiting.get(m.id)?.(m);
      this.waiting.delete(m.id);
    });
  }
  call(method: Method, arg: unknown): Promise<unknown> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (r) => (r.ok ? resolve(r.result) : reject(new Error(r.error))));
      this.worker.postMessage({ id, method, arg });
    });
  }
}

/** Serves the files of `<dir>/<modelId>/` at `/<modelId>/resolve/main/<file>`, counting requests. */
function hub(dir: string): Promise<{ url: string; requests: string[]; close: () => void }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const m = /^\/(.+?)\/resolve\/main\/(.+)$/.exec(req.url ?? '');
    const file = m ? path.join(dir, decodeURIComponent(m[1]), m[2]) : '';
    if (!m || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'x-repo-commit': '0123456789abcdef' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, close: () => server.close() })),
  );
}

describe('the sentence model in the packaged VSIX layout (onnxruntime-web wasm, no node_modules)', function () {
  this.timeout(300000);
  let tmp = '';
  let modelDir = '';
  let client: WorkerClient | undefined;

  before(function () {
    const found = tinyModelDir();
    if ('reason' in found) {
      console.log(`skipping: ${found.reason}`);
      this.skip();
    }
    modelDir = found.dir;
    const r = spawnSync(process.execPath, [path.join(root, 'scripts/package.mjs')], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, `npm run package failed:\n${r.stdout}\n${r.stderr}`);
    const vsix = readdirSync(root).find((f) => f.endsWith('.vsix'));
    assert.ok(vsix, 'package made no .vsix');
    tmp = mkdtempSync(path.join(os.tmpdir(), 'ala-vsix-'));
    const u = spawnSync('unzip', ['-q', path.join(root, vsix), '-d', tmp], { encoding: 'utf8' });
    assert.equal(u.status, 0, `unzip failed: ${u.stderr}`);
    rmSync(path.join(root, vsix));
    const dist = path.join(tmp, 'extension/dist');
    assert.ok(existsSync(path.join(dist, 'ort-wasm-simd-threaded.wasm')), 'the wasm runtime is in the VSIX');
    assert.ok(!readdirSync(dist).some((f) => f.endsWith('.node')), 'no native binary in the VSIX');
    client = new WorkerClient(new Worker(path.join(dist, 'patterns-worker.js')));
  });

  after(async () => {
    await client?.worker.terminate();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('loads the model from a folder, embeds the library and searches with it', async () => {
    const embedder: EmbedderConfig = { kind: 'transformers', modelPath: modelDir, modelId: TINY_MODEL_ID };
    const res = (await client!.call('start', { rows: [], options: DEFAULT_EXTRACTION, embedder })) as { embedder: string; embedderError?: string };
    assert.equal(res.embedderError, undefined);
    assert.match(res.embedder, /^sentence:tiny-bert:q8:256:/);
    const up = (await client!.call('updateFile', { path: path.join(tmp, 'retry.ts'), text: SOURCE })) as { added: number };
    assert.equal(up.added, 1);
    const hits = (await client!.call('search', { query: 'try again later', k: 5 })) as { pattern: { name: string } }[];
    assert.equal(hits[0]?.pattern.name, 'retryWithBackoff', 'the only pattern is found even for a query sharing no word');
  });

  it('downloads the model files (only when allowed) into an empty folder and switches to it', async () => {
    const server = await hub(modelDir);
    const empty = mkdtempSync(path.join(os.tmpdir(), 'ala-model-'));
    try {
      const config: EmbedderConfig = { kind: 'transformers', modelPath: empty, modelId: TINY_MODEL_ID, downloadUrl: server.url };
      await assert.rejects(client!.call('setEmbedder', config), /not found locally/);
      assert.equal(server.requests.length, 0, 'nothing is fetched without allowDownload');
      const id = (await client!.call('setEmbedder', { ...config, allowDownload: true })) as string;
      assert.match(id, /^sentence:tiny-bert:q8:256:/);
      assert.equal(server.requests.length, 3);
      assert.ok(existsSync(path.join(empty, TINY_MODEL_ID, 'revision.json')));
    } finally {
      server.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
