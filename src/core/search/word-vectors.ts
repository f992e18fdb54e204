/**
 * Static word vectors shipped as data (`data/word-vectors.json`, built by scripts/build-word-vectors.ts
 * from the Universal Sentence Encoder lite: each vocabulary word embedded alone, PCA, int8), keyed by the
 * ranker's Porter2 stems. They give the ranker meaning without a download: nearest stems for query
 * expansion, and a unit's idf-weighted mean vector for a semantic score.
 */
import data from './data/word-vectors.json';

/** A stem's vector, normalised to length 1. */
export type WordVector = Float32Array;

export interface WordVectors {
  readonly dims: number;
  readonly size: number;
  /** The stem's unit vector, or undefined when the vocabulary lacks it. */
  get(stem: string): WordVector | undefined;
}

class PackedVectors implements WordVectors {
  readonly dims: number;
  private readonly rows = new Map<string, number>();
  private readonly unit: Float32Array;

  constructor(d: { dims: number; stems: string; vectors: string }) {
    this.dims = d.dims;
    const bytes = Buffer.from(d.vectors, 'base64');
    const q = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    d.stems.split(' ').forEach((s, i) => this.rows.set(s, i));
    this.unit = new Float32Array(q.length);
    for (let r = 0; r < this.rows.size; r++) {
      let n = 0;
      for (let i = r * this.dims; i < (r + 1) * this.dims; i++) n += q[i] * q[i];
      const inv = 1 / (Math.sqrt(n) || 1);
      for (let i = r * this.dims; i < (r + 1) * this.dims; i++) this.unit[i] = q[i] * inv;
    }
  }

  get size(): number {
    return this.rows.size;
  }

  get(stem: string): WordVector | undefined {
    const r = this.rows.get(stem);
    return r === undefined ? undefined : this.unit.subarray(r * this.dims, (r + 1) * this.dims);
  }
}

let shipped: WordVectors | undefined;

/** The shipped vectors, decoded on first use (~30 ms). */
export function wordVectors(): WordVectors {
  return (shipped ??= new PackedVectors(data));
}

export function dotVec(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
