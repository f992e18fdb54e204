import { stemWord } from '../search/terms';

/**
 * Static word vectors for the intent classifier, distilled from the Universal Sentence Encoder lite by
 * scripts/distil-intent-vectors.ts (model2vec's recipe: each vocabulary word embedded alone, PCA, int8) into
 * bench/data/intent-vectors.json. Words are looked up by Porter2 stem; the vocabulary was fixed without the labelled
 * corpus (docs/intent-evaluation.md, third round), so a word means the same in every repository. A prompt's vector is
 * the SIF-weighted sum of its known words' vectors, L2-normalised: a lookup and a sum, no model at run time.
 * Not shipped: they did not beat the shipped model in the nested grouped CV, so the table is handed in by the
 * experiment scripts (`useWordVectors`) and the extension bundles none of it; the shipped recipe has them off.
 */

/** The distilled table as stored (int8 vectors and float32 factors, base64). */
export interface WordVectorData {
  format: number;
  source: string;
  dims: number;
  /** Porter2 stems, space-separated, in row order. */
  stems: string;
  factors: string;
  vectors: string;
}

/** Dimensions of a word vector (and of the dense block appended to the hashed features). */
export const VECTOR_DIMS = 64;

interface Table {
  index: Map<string, number>;
  vectors: Int8Array;
  /** Per word: its int8 scale times its SIF weight. */
  factors: Float32Array;
}

let table: Table | undefined;

/** Decodes and installs the table featurize uses for `vectorWeight` > 0; throws if it does not match this code. */
export function useWordVectors(data: WordVectorData): void {
  if (data.format !== 1 || data.dims !== VECTOR_DIMS) throw new Error('intent-vectors.json does not match intent-vectors.ts: rerun scripts/distil-intent-vectors.ts');
  const stems = data.stems.split(' ');
  const v = Buffer.from(data.vectors, 'base64');
  const f = Buffer.from(data.factors, 'base64');
  if (v.byteLength !== stems.length * VECTOR_DIMS || f.byteLength !== stems.length * 4) throw new Error('intent-vectors.json: sizes do not match its stem list');
  const factors = new Float32Array(stems.length);
  new Uint8Array(factors.buffer).set(f);
  table = { index: new Map(stems.map((s, i) => [s, i])), vectors: new Int8Array(v.buffer, v.byteOffset, v.byteLength).slice(), factors };
  rowOf.clear();
}

function load(): Table {
  if (!table) throw new Error('word vectors asked for (vectorWeight > 0) but none installed: call useWordVectors first');
  return table;
}

/** Word -> row in the table, or -1 (memoised: stemming costs more than the lookup; bounded so memory stays small). */
const rowOf = new Map<string, number>();

function row(t: Table, word: string): number {
  let r = rowOf.get(word);
  if (r === undefined) {
    r = t.index.get(stemWord(word)) ?? -1;
    if (rowOf.size >= 100_000) rowOf.clear();
    rowOf.set(word, r);
  }
  return r;
}

/**
 * The unit-length mean vector of `words` (lower-cased), each known word weighted by its SIF factor, written into
 * `out` (VECTOR_DIMS long). Returns false, leaving `out` zero, when no word is known.
 */
export function meanWordVector(words: readonly string[], out: Float32Array): boolean {
  const t = load();
  out.fill(0);
  let known = 0;
  for (const w of words) {
    const r = row(t, w);
    if (r < 0) continue;
    known++;
    const f = t.factors[r];
    const base = r * VECTOR_DIMS;
    for (let j = 0; j < VECTOR_DIMS; j++) out[j] += f * t.vectors[base + j];
  }
  if (known === 0) return false;
  let sq = 0;
  for (let j = 0; j < VECTOR_DIMS; j++) sq += out[j] * out[j];
  if (sq === 0) return false;
  const n = 1 / Math.sqrt(sq);
  for (let j = 0; j < VECTOR_DIMS; j++) out[j] *= n;
  return true;
}

/** How many stems the shipped table holds. */
export function vectorVocabularySize(): number {
  return load().index.size;
}
