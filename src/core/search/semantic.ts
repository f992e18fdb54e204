/**
 * Meaning from static word vectors (`word-vectors.ts`), for the code-search ranker:
 * - `neighbours`: a query word's nearest stems among the library's own terms (query expansion);
 * - `nearest`: units by cosine between the query's and each unit's vector, a unit's vector being the
 *   mean of its terms' vectors weighted by the term's idf in the library times its field's BM25F weight.
 * Unit vectors are computed when a unit is indexed (with the idf of that moment) and all recomputed by
 * `refresh` when the library has changed enough (the ranker decides when), so a search only scans them.
 */
import { TopK } from '../embed/topk';
import { FIELDS, type Field, type FieldTerms } from './fields';
import { dotVec, type WordVectors } from './word-vectors';

/** What the semantic index needs to know of the library. */
export interface LibraryStats {
  /** Live units. */
  size: number;
  docFreq(term: string): number;
  /** Every term some live unit has. */
  terms(): Iterable<string>;
}

export class SemanticIndex {
  private readonly dims: number;
  private ids: (string | undefined)[] = [];
  private readonly slotOf = new Map<string, number>();
  private unitVecs = new Float32Array(0);
  private vocab: { stem: string; vec: Float32Array }[] = [];
  private readonly neighbourCache = new Map<string, { term: string; cosine: number }[]>();

  constructor(
    private readonly stats: LibraryStats,
    private weight: Record<Field, number>,
    private readonly vectors: WordVectors,
  ) {
    this.dims = vectors.dims;
  }

  setFieldWeights(weight: Record<Field, number>): void {
    this.weight = weight;
  }

  /** Idf as BM25F computes it, for a term the library has `df` units of. */
  private idf(term: string): number {
    const N = this.stats.size;
    const df = Math.max(1, this.stats.docFreq(term));
    return Math.log(1 + (N - df + 0.5) / (df + 0.5));
  }

  /** Idf-weighted mean vector of terms (each with a weight), normalised; undefined when none has a vector. */
  vectorOf(weighted: Iterable<[string, number]>): Float32Array | undefined {
    const out = new Float32Array(this.dims);
    let any = false;
    for (const [t, w] of weighted) {
      const v = this.vectors.get(t);
      if (!v) continue;
      const x = w * this.idf(t);
      for (let i = 0; i < this.dims; i++) out[i] += x * v[i];
      any = true;
    }
    if (!any) return undefined;
    const n = Math.sqrt(dotVec(out, out)) || 1;
    for (let i = 0; i < this.dims; i++) out[i] /= n;
    return out;
  }

  private unitVector(f: FieldTerms): Float32Array | undefined {
    const w = new Map<string, number>();
    for (const field of FIELDS) {
      if (this.weight[field] > 0) for (const t of new Set(f[field])) w.set(t, (w.get(t) ?? 0) + this.weight[field]);
    }
    return this.vectorOf(w);
  }

  upsert(id: string, f: FieldTerms): void {
    let slot = this.slotOf.get(id);
    if (slot === undefined) {
      slot = this.ids.length;
      this.ids.push(id);
      this.slotOf.set(id, slot);
      if (this.unitVecs.length < (slot + 1) * this.dims) {
        const next = new Float32Array(Math.max((slot + 1) * this.dims, this.unitVecs.length * 2));
        next.set(this.unitVecs);
        this.unitVecs = next;
      }
    }
    const v = this.unitVector(f);
    if (v) this.unitVecs.set(v, slot * this.dims);
    else this.unitVecs.fill(0, slot * this.dims, (slot + 1) * this.dims);
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.slotOf.delete(id);
    this.ids[slot] = undefined;
    this.unitVecs.fill(0, slot * this.dims, (slot + 1) * this.dims);
  }

  /** Recomputes every unit's vector with today's idf, and the vocabulary the expansion searches. */
  refresh(docs: ReadonlyMap<string, FieldTerms>): void {
    const ids = [...docs.keys()];
    this.ids = [];
    this.slotOf.clear();
    this.unitVecs = new Float32Array(Math.max(1, ids.length) * this.dims);
    for (const id of ids) this.upsert(id, docs.get(id)!);
    this.vocab = [];
    for (const stem of this.stats.terms()) {
      const vec = this.vectors.get(stem);
      if (vec) this.vocab.push({ stem, vec });
    }
    this.neighbourCache.clear();
  }

  /** The query word's nearest library stems, cosine >= `floor`, at most `max`, best first (itself excluded). */
  neighbours(stem: string, floor: number, max: number): { term: string; cosine: number }[] {
    const key = `${stem} ${floor} ${max}`;
    const hit = this.neighbourCache.get(key);
    if (hit) return hit;
    const q = this.vectors.get(stem);
    const out: { term: string; cosine: number }[] = [];
    if (q) {
      for (const { stem: s, vec } of this.vocab) {
        if (s === stem) continue;
        const c = dotVec(q, vec);
        if (c >= floor) out.push({ term: s, cosine: c });
      }
      out.sort((a, b) => b.cosine - a.cosine).splice(max);
    }
    if (this.neighbourCache.size > 4096) this.neighbourCache.clear();
    this.neighbourCache.set(key, out);
    return out;
  }

  /** The `k` live units nearest the query vector that `accept` lets through, with their cosine. */
  nearest(q: Float32Array, k: number, accept?: (id: string) => boolean): { id: string; cosine: number }[] {
    const top = new TopK(k);
    const d = this.dims;
    const m = this.unitVecs;
    for (let s = 0; s < this.ids.length; s++) {
      let c = 0;
      const off = s * d;
      for (let i = 0; i < d; i++) c += q[i] * m[off + i];
      if (c <= 0 || c <= top.floor) continue;
      const id = this.ids[s];
      if (id === undefined || (accept && !accept(id))) continue;
      top.push(s, c);
    }
    const out: { id: string; cosine: number }[] = [];
    for (let i = 0; i < top.size; i++) out.push({ id: this.ids[top.slotAt(i)]!, cosine: top.scoreAt(i) });
    return out.sort((a, b) => b.cosine - a.cosine);
  }

  /** Cosine of the query vector with one unit (0 when unknown). */
  cosine(q: Float32Array, id: string): number {
    const slot = this.slotOf.get(id);
    return slot === undefined ? 0 : dotVec(q, this.unitVecs.subarray(slot * this.dims, (slot + 1) * this.dims));
  }
}
