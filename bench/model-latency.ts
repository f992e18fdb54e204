/**
 * Sentence-model cost per snippet, through the shipped route (onnxruntime-web wasm, one thread, as the
 * patterns worker runs it) beside the dev-only reference (transformers.js on onnxruntime-node) in the
 * same run. Two generated models (no network here, so never all-MiniLM-L6-v2 itself): the tiny BERT
 * (32 dims, 2 layers) and random weights in MiniLM's widths (384 dims, 6 layers, FFN 1536), whose
 * multiply-adds are MiniLM's; what either model *finds* is not measured by this.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Embedder } from '../src/core/embed/embedder';
import { OnnxWasmEmbedder } from '../src/core/embed/onnx-wasm';
import { TransformersEmbedder } from '../src/core/embed/transformers';
import { MINILM_SHAPES_ID, TINY_MODEL_ID, minilmShapesDir, tinyModelDir } from '../test/unit/embed/tiny-model';

/** Typed searches are short: what a query costs is its own figure. */
const QUERIES = ['retry a request after a delay', 'parse the headers of a response', 'merge two option objects', 'stop waiting after a timeout', 'read a json body'];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;

/** Wall and CPU ms per snippet (median of one-snippet calls), after one warm-up call. */
async function perSnippet(e: Embedder, snippets: readonly string[]): Promise<{ wall: number; cpu: number }> {
  await e.embed([snippets[0]]);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const s of snippets) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await e.embed([s]);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

async function measure(prefix: string, load: () => Promise<Embedder>, snippets: readonly string[]): Promise<Record<string, number>> {
  const t = performance.now();
  const e = await load();
  const loadMs = performance.now() - t;
  const { wall, cpu } = await perSnippet(e, snippets);
  await e.dispose();
  return { [`${prefix}_load_ms`]: round(loadMs, 1), [`${prefix}_embed_ms`]: round(wall), [`${prefix}_embed_cpu_ms`]: round(cpu) };
}

export async function modelLatency(snippets: readonly string[], quick: boolean): Promise<Record<string, number | string>> {
  const tiny = tinyModelDir();
  if ('reason' in tiny) return { model_embed_ms: -1, model: `not measured: ${tiny.reason}` };
  const some = snippets.slice(0, quick ? 20 : 100);
  const out: Record<string, number | string> = {};
  Object.assign(out, await measure('model_wasm', () => OnnxWasmEmbedder.load({ localModelPath: tiny.dir, modelId: TINY_MODEL_ID }), some));
  Object.assign(out, await measure('model_node_ref', () => TransformersEmbedder.load({ localModelPath: tiny.dir, modelId: TINY_MODEL_ID }), some));
  out.model = 'tiny generated BERT (2 layers, 32 dims, q8), not all-MiniLM-L6-v2: no network here; model_wasm = the shipped route (onnxruntime-web, 1 thread), model_node_ref = transformers.js on onnxruntime-node (dev only)';
  const shapes = minilmShapesDir();
  if ('reason' in shapes) return { ...out, minilm_shapes: `not measured: ${shapes.reason}` };
  const few = snippets.slice(0, quick ? 10 : 40);
  const load = (threads: number) => () => OnnxWasmEmbedder.load({ localModelPath: shapes.dir, modelId: MINILM_SHAPES_ID, threads });
  Object.assign(out, await measure('minilm_shapes_wasm', load(1), few));
  Object.assign(out, await measure('minilm_shapes_wasm_query', load(1), QUERIES));
  const probe = await load(1)();
  out.minilm_shapes_tokens_median = median(few.map((s) => probe.tokenIds(s).length));
  out.minilm_shapes_query_tokens_median = median(QUERIES.map((s) => probe.tokenIds(s).length));
  await probe.dispose();
  Object.assign(out, await measure('minilm_shapes_wasm_2threads', load(2), few));
  Object.assign(out, await measure('minilm_shapes_node_ref', () => TransformersEmbedder.load({ localModelPath: shapes.dir, modelId: MINILM_SHAPES_ID }), few));
  out.minilm_shapes_q8_mb = round(statSync(path.join(shapes.dir, MINILM_SHAPES_ID, 'onnx/model_quantized.onnx')).size / 1e6, 1);
  out.minilm_shapes = 'random weights in all-MiniLM-L6-v2 widths (384 dims, 6 layers, FFN 1536, one 384-wide attention head = the same multiply-adds as 12 of 32; tiny vocabulary, so more tokens per snippet than the MiniLM WordPiece vocabulary gives and a smaller file than the real 23 MB q8; weights q8 as int8 + DequantizeLinear, not the dynamic quantisation of the real q8 file): its cost, not its quality';
  out.model_snippets = some.length;
  return out;
}
