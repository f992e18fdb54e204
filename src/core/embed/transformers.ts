/**
 * all-MiniLM-L6-v2 through @huggingface/transformers on onnxruntime-node: a dev-only reference, not
 * used by the extension (the VSIX has no native runtime; the shipped route is `onnx-wasm.ts`). Tests
 * compare the shipped embedder with this one, and the bench can run it; both libraries are dev
 * dependencies.
 */
import type * as TransformersLib from '@huggingface/transformers';
import type { Embedder } from './embedder';
import { normalize } from './embedder';

/** The model the setting `embedder: "transformers"` means. */
export const DEFAULT_MODEL_ID = 'Xenova/all-MiniLM-L6-v2';
/** sentence-transformers truncates this model at 256 tokens (transformers.js would use 512). */
export const MAX_TOKENS = 256;

export interface TransformersOptions {
  /** Folder holding `<modelId>/config.json`, `tokenizer.json`, `onnx/model_quantized.onnx` ... */
  localModelPath: string;
  modelId?: string;
  dtype?: 'q8' | 'fp32';
  maxTokens?: number;
  /**
   * Download from the Hugging Face hub into `localModelPath` when the files are missing. Only after
   * the user agreed (the host asks); never in tests.
   */
  allowDownload?: boolean;
}

type Lib = typeof TransformersLib;
interface Tensor {
  data: ArrayLike<number>;
  dims: number[];
}
interface Pipe {
  tokenizer: (texts: string[], o: { padding: boolean; truncation: boolean; max_length: number }) => { attention_mask: Tensor };
  model: (inputs: unknown) => Promise<{ last_hidden_state?: Tensor }>;
  dispose(): Promise<void>;
}

export class TransformersEmbedder implements Embedder {
  private constructor(
    readonly id: string,
    readonly dims: number,
    private readonly pipe: Pipe,
    private readonly maxTokens: number,
  ) {}

  /** Imports the library, loads the model offline (or downloads it when allowed) and probes its width. */
  static async load(opts: TransformersOptions, importLib: () => Promise<Lib> = () => import('@huggingface/transformers')): Promise<TransformersEmbedder> {
    const lib = await importLib();
    const modelId = opts.modelId ?? DEFAULT_MODEL_ID;
    lib.env.allowLocalModels = true;
    lib.env.localModelPath = opts.localModelPath.endsWith('/') ? opts.localModelPath : opts.localModelPath + '/';
    lib.env.allowRemoteModels = opts.allowDownload === true;
    if (opts.allowDownload) lib.env.cacheDir = opts.localModelPath;
    const dtype = opts.dtype ?? 'q8';
    const pipe = (await lib.pipeline('feature-extraction', modelId, { dtype })) as unknown as Pipe;
    const maxTokens = opts.maxTokens ?? MAX_TOKENS;
    const probe = await embedWith(pipe, ['dims'], maxTokens);
    return new TransformersEmbedder(`transformers:${modelId}:${dtype}:${maxTokens}`, probe[0].length, pipe, maxTokens);
  }

  /** Embeds in small batches (batching does not pay on 2 cores and inflates memory). */
  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += 8) out.push(...(await embedWith(this.pipe, texts.slice(i, i + 8), this.maxTokens)));
    return out;
  }

  dispose(): Promise<void> {
    return this.pipe.dispose();
  }
}

/** Tokenise with truncation at `maxTokens`, run the model, mean-pool over the attention mask, normalise. */
async function embedWith(pipe: Pipe, texts: readonly string[], maxTokens: number): Promise<Float32Array[]> {
  if (texts.length === 0) return [];
  const inputs = pipe.tokenizer([...texts], { padding: true, truncation: true, max_length: maxTokens });
  const { last_hidden_state: hidden } = await pipe.model(inputs);
  if (!hidden) throw new Error('model gave no last_hidden_state');
  const [batch, seq, dims] = hidden.dims as [number, number, number];
  const mask = inputs.attention_mask.data;
  const out: Float32Array[] = [];
  for (let b = 0; b < batch; b++) {
    const v = new Float32Array(dims);
    let n = 0;
    for (let t = 0; t < seq; t++) {
      if (Number(mask[b * seq + t]) === 0) continue;
      n++;
      const base = (b * seq + t) * dims;
      for (let d = 0; d < dims; d++) v[d] += hidden.data[base + d];
    }
    if (n > 0) for (let d = 0; d < dims; d++) v[d] /= n;
    out.push(normalize(v));
  }
  return out;
}
