/**
 * Turns text (code or a query) into unit vectors. Implementations: `HashingEmbedder` (default, no
 * model) and `OnnxWasmEmbedder` (all-MiniLM-L6-v2 on ONNX Runtime's wasm build, loaded lazily in the
 * patterns worker only). Vectors of one embedder are comparable only with vectors of the same `id`.
 */
export interface Embedder {
  /** Identifies the embedder and its configuration (e.g. `hashing-384-v1`, `transformers:<model>`); part of cache keys. */
  readonly id: string;
  /** Vector length. */
  readonly dims: number;
  /** One L2-normalised vector per text, in order. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  /** A search query's vector, where it must not be treated like the library's texts (a cache skips it). */
  embedQuery?(text: string): Promise<Float32Array>;
  /** Releases native resources (model sessions). */
  dispose(): Promise<void>;
}

/** Cosine of two unit vectors (their dot product). */
export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}

/** Scales a vector to length 1 in place (a zero vector stays zero). */
export function normalize(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  if (s > 0) {
    const inv = 1 / Math.sqrt(s);
    for (let i = 0; i < v.length; i++) v[i] *= inv;
  }
  return v;
}
