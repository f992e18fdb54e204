/**
 * Static word vectors (built by scripts/build-word-vectors.ts from the Universal Sentence Encoder lite:
 * each vocabulary word embedded alone, PCA, int8, as `{ dims, stems, vectors }` JSON), keyed by the
 * ranker's Porter2 stems: nearest stems for query expansion, and a unit's idf-weighted mean vector for a
 * semantic score. Not shipped: on the tuning repository no setting passed the protocol
 * (test/fixtures/patterns/eval/SOURCE.md), so the data file lives with the benchmark
 * (`bench/search-eval/data/word-vectors.json`) and the ranker uses vectors only when given some.
 */

/** A stem's vector, normalised to length 1. */
export type WordVector = Float32Array;

export interface WordVectors {
  readonly dims: number;
  readonly size: number;
  /** The stem's unit vector, or undefined when the vocabulary lacks it. */
  get(stem: string): WordVector | undefined;
}

/** The data file's shape. */
export interface PackedWordVectors {
  dims: number;
  /** Stems, space-separated, in row order. */
  stems: string;
  /** base64 of `stems x dims` int8 components. */
  vectors: string;
}

class PackedVectors implements WordVectors {
  readonly dims: number;
  private readonly rows = new Map<string, number>();
  private readonly unit: Float32Array;

  constructor(d: PackedWordVectors) {
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

/** Decodes the data file's vectors (each normalised to length 1). */
export function decodeWordVectors(d: PackedWordVectors): WordVectors {
  return new PackedVectors(d);
}

export function dotVec(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
