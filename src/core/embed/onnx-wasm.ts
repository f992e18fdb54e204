/**
 * A sentence-embedding model (all-MiniLM-L6-v2 q8 by default) run by ONNX Runtime's WebAssembly build
 * (`onnxruntime-web`) with the tokenizer of `@huggingface/tokenizers`: no native binary, so it works
 * from the VSIX on every platform. Mean pooling over the attention mask and L2 normalisation, as
 * sentence-transformers does for this model. Both libraries are imported only when `load` runs, which
 * the patterns worker does on first use; never at activation, never on the extension host's thread.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as OrtLib from 'onnxruntime-web';
import type * as TokLib from '@huggingface/tokenizers';
import type { Embedder } from './embedder';
import { normalize } from './embedder';

/** The model the setting `embedder: "transformers"` means. */
export const DEFAULT_MODEL_ID = 'Xenova/all-MiniLM-L6-v2';
/** sentence-transformers truncates this model at 256 tokens. */
export const MAX_TOKENS = 256;

export interface OnnxWasmOptions {
  /** Folder holding `<modelId>/tokenizer.json`, `tokenizer_config.json`, `onnx/model_quantized.onnx` ... */
  localModelPath: string;
  modelId?: string;
  dtype?: 'q8' | 'fp32';
  maxTokens?: number;
  /**
   * Folder holding `ort-wasm-simd-threaded.{mjs,wasm}`: the bundle's own folder in the VSIX (the build
   * copies them there). Absent: onnxruntime-web finds its own in node_modules (tests, benches).
   */
  wasmDir?: string;
  /** Intra-op threads; 1 by default: the worker is already off the main thread and the machine is shared. */
  threads?: number;
}

export interface OnnxWasmLibs {
  ort: typeof OrtLib;
  tokenizers: typeof TokLib;
}

/** The files of a model folder this embedder reads, relative to `<localModelPath>/<modelId>/`. */
export function modelFiles(dtype: 'q8' | 'fp32' = 'q8'): string[] {
  return ['tokenizer.json', 'tokenizer_config.json', dtype === 'q8' ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx'];
}

/** Thrown when a model file is missing; its text is what `modelFailureAction` reads as "missing". */
export class ModelNotFoundError extends Error {
  constructor(readonly file: string) {
    super(`model file not found locally: ${file}`);
    this.name = 'ModelNotFoundError';
  }
}

async function importLibs(): Promise<OnnxWasmLibs> {
  const [ort, tokenizers] = await Promise.all([import('onnxruntime-web'), import('@huggingface/tokenizers')]);
  return { ort, tokenizers };
}

export class OnnxWasmEmbedder implements Embedder {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly id: string,
    readonly dims: number,
    private readonly ort: typeof OrtLib,
    private readonly session: OrtLib.InferenceSession,
    private readonly tokenizer: TokLib.Tokenizer,
    private readonly maxTokens: number,
  ) {}

  /**
   * Reads the model folder (never the network: a missing file is a `ModelNotFoundError`), creates the
   * ONNX session on the wasm backend and probes the width. The id carries a hash of the model's files,
   * so cached vectors of another revision are never mixed with this one's.
   */
  static async load(opts: OnnxWasmOptions, libs: () => Promise<OnnxWasmLibs> = importLibs): Promise<OnnxWasmEmbedder> {
    const modelId = opts.modelId ?? DEFAULT_MODEL_ID;
    const dtype = opts.dtype ?? 'q8';
    const dir = path.join(opts.localModelPath, modelId);
    const [tokJson, tokConfig, onnx] = await Promise.all(modelFiles(dtype).map((f) => readModelFile(dir, f)));
    const { ort, tokenizers } = await libs();
    ort.env.wasm.numThreads = opts.threads ?? 1;
    ort.env.wasm.proxy = false;
    if (opts.wasmDir) ort.env.wasm.wasmPaths = pathToFileURL(opts.wasmDir + path.sep).href;
    const tokenizer = new tokenizers.Tokenizer(JSON.parse(tokJson.toString('utf8')) as object, JSON.parse(tokConfig.toString('utf8')) as object);
    const session = await ort.InferenceSession.create(new Uint8Array(onnx.buffer, onnx.byteOffset, onnx.byteLength), { executionProviders: ['wasm'] });
    const digest = createHash('sha256').update(onnx).update(tokJson).digest('hex').slice(0, 12);
    const maxTokens = opts.maxTokens ?? MAX_TOKENS;
    const id = `sentence:${modelId}:${dtype}:${maxTokens}:${digest}`;
    const probe = new OnnxWasmEmbedder(id, 0, ort, session, tokenizer, maxTokens);
    const [v] = await probe.embed(['dims']);
    return new OnnxWasmEmbedder(id, v.length, ort, session, tokenizer, maxTokens);
  }

  /** One text per run: no padding to pool around, and batching does not pay on 2 cores. Runs are serialised. */
  embed(texts: readonly string[]): Promise<Float32Array[]> {
    const run = this.queue.then(async () => {
      const out: Float32Array[] = [];
      for (const t of texts) out.push(await this.embedOne(t));
      return out;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  dispose(): Promise<void> {
    return this.session.release();
  }

  /** Token ids truncated at `maxTokens`, keeping the closing special token the post-processor added. */
  tokenIds(text: string): number[] {
    const ids = this.tokenizer.encode(text).ids;
    if (ids.length <= this.maxTokens) return ids;
    return [...ids.slice(0, this.maxTokens - 1), ids[ids.length - 1]];
  }

  private async embedOne(text: string): Promise<Float32Array> {
    const ids = this.tokenIds(text);
    const n = ids.length;
    const long = (values: ArrayLike<number>): OrtLib.Tensor => new this.ort.Tensor('int64', BigInt64Array.from(Array.from(values, BigInt)), [1, n]);
    const feeds: Record<string, OrtLib.Tensor> = { input_ids: long(ids), attention_mask: long(new Array<number>(n).fill(1)) };
    if (this.session.inputNames.includes('token_type_ids')) feeds.token_type_ids = long(new Array<number>(n).fill(0));
    const out = await this.session.run(feeds);
    const hidden = out.last_hidden_state ?? out[this.session.outputNames[0]];
    if (!hidden) throw new Error('model gave no last_hidden_state');
    const [, seq, dims] = hidden.dims as [number, number, number];
    const data = hidden.data as Float32Array;
    const v = new Float32Array(dims);
    for (let t = 0; t < seq; t++) for (let d = 0; d < dims; d++) v[d] += data[t * dims + d];
    for (let d = 0; d < dims; d++) v[d] /= seq;
    return normalize(v);
  }
}

async function readModelFile(dir: string, file: string): Promise<Buffer> {
  try {
    return await readFile(path.join(dir, file));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new ModelNotFoundError(path.join(dir, file));
    throw e;
  }
}
