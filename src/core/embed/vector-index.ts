/**
 * An in-memory index of unit vectors in one growing Float32Array, with language/framework filters
 * and a lexical score over identifier sub-tokens blended into the final relevance. Search is exact
 * brute force, made fast by an int8 first pass (WebAssembly SIMD) with a proven error bound and exact
 * float re-scoring of every row the bound cannot rule out (see `topByCosine`).
 */
import { QuantizedRows } from './quantized';
import { TopK } from './topk';


/** What the index knows about an entry besides its vector. */
export interface IndexEntryMeta {
  language: string;
  framework?: string;
  /** Content sub-tokens of name + description + code (see `contentTokens`). */
  tokens: ReadonlySet<string>;
}

export interface SearchOptions {
  k: number;
  /** Accept only these languages (absent: any). */
  languages?: readonly string[];
  /** Accept only these frameworks (absent: any; `''` matches entries without one). */
  frameworks?: readonly string[];
  /** Query sub-tokens for the lexical score (absent: cosine only). */
  queryTokens?: ReadonlySet<string>;
  /** Drop hits whose blended relevance is below this (0..1). */
  minRelevance?: number;
  /** Skip these ids (e.g. the pattern a lens sits on). */
  exclude?: ReadonlySet<string>;
}

export interface SearchHit {
  id: string;
  /** Blended relevance in 0..1: `cosineWeight * cosine + (1 - cosineWeight) * lexical`. */
  relevance: number;
  cosine: number;
  lexical: number;
}

/** Weight of the cosine in the blend when query tokens are given. */
export const COSINE_WEIGHT = 0.6;

/** Float slack added to the int8 error bound (as in `QuantizedRows.errorBound`). */
const BOUND_EPS = 1e-7;

export class VectorIndex {
  private data: Float32Array;
  private ids: string[] = [];
  private metas: IndexEntryMeta[] = [];
  private langCode = new Int32Array(0);
  private fwCode = new Int32Array(0);
  private readonly slotOf = new Map<string, number>();
  private readonly codes = new Map<string, number>();
  private readonly df = new Map<string, number>();
  private readonly quant: QuantizedRows;
  /** Scratch: approximate score per slot during a search. */
  private approx = new Float64Array(0);

  constructor(readonly dims: number, capacity = 1024) {
    this.data = new Float32Array(dims * capacity);
    this.quant = new QuantizedRows(dims, capacity);
    this.langCode = new Int32Array(capacity);
    this.fwCode = new Int32Array(capacity);
  }

  get size(): number {
    return this.ids.length;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** A copy of the stored vector. */
  vector(id: string): Float32Array | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.data.slice(slot * this.dims, (slot + 1) * this.dims);
  }

  upsert(id: string, vec: Float32Array, meta: IndexEntryMeta): void {
    if (vec.length !== this.dims) throw new RangeError(`vector has ${vec.length} dims, index ${this.dims}`);
    let slot = this.slotOf.get(id);
    if (slot === undefined) {
      slot = this.ids.length;
      this.grow(slot + 1);
      this.ids.push(id);
      this.metas.push(meta);
      this.slotOf.set(id, slot);
    } else {
      this.countTokens(this.metas[slot].tokens, -1);
      this.metas[slot] = meta;
    }
    this.countTokens(meta.tokens, 1);
    this.data.set(vec, slot * this.dims);
    this.quant.set(slot, vec);
    this.langCode[slot] = this.code(meta.language);
    this.fwCode[slot] = this.code(meta.framework ?? '');
  }

  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.countTokens(this.metas[slot].tokens, -1);
    const last = this.ids.length - 1;
    if (slot !== last) {
      const lastId = this.ids[last];
      this.data.copyWithin(slot * this.dims, last * this.dims, (last + 1) * this.dims);
      this.quant.move(last, slot);
      this.ids[slot] = lastId;
      this.metas[slot] = this.metas[last]!;
      this.langCode[slot] = this.langCode[last]!;
      this.fwCode[slot] = this.fwCode[last]!;
      this.slotOf.set(lastId, slot);
    }
    this.ids.pop();
    this.metas.pop();
    this.slotOf.delete(id);
    return true;
  }

  /** Top-k by blended relevance. Cosine picks `max(8k, 64)` candidates; the lexical score re-ranks them. */
  search(query: Float32Array, opts: SearchOptions): SearchHit[] {
    const pool = Math.max(opts.k * 8, 64);
    const cand = this.topByCosine(query, pool, this.acceptMask(opts));
    const hits: SearchHit[] = [];
    const lexicalOn = opts.queryTokens !== undefined && opts.queryTokens.size > 0;
    for (let i = 0; i < cand.size; i++) {
      const slot = cand.slotAt(i);
      const cosine = cand.scoreAt(i);
      const lexical = opts.queryTokens ? this.lexical(opts.queryTokens, this.metas[slot].tokens) : 0;
      const c = Math.max(0, cosine);
      const relevance = lexicalOn ? COSINE_WEIGHT * c + (1 - COSINE_WEIGHT) * lexical : c;
      hits.push({ id: this.ids[slot], relevance, cosine, lexical });
    }
    hits.sort((a, b) => b.relevance - a.relevance);
    const min = opts.minRelevance ?? 0;
    return hits.filter((h) => h.relevance >= min).slice(0, opts.k);
  }

  /** Approximate bytes per entry held in typed arrays (float vector, int8 copy, scratch, codes); excludes ids and token sets. */
  get bytesPerEntry(): number {
    return this.dims * 4 + this.quant.bytesPerRow + 8 + 8 + 1;
  }

  /** IDF-weighted share of the query's tokens that the entry contains (0..1). */
  lexical(query: ReadonlySet<string>, entry: ReadonlySet<string>): number {
    let total = 0;
    let found = 0;
    const n = this.ids.length + 1;
    for (const t of query) {
      const idf = Math.log(1 + n / (1 + (this.df.get(t) ?? 0)));
      total += idf;
      if (entry.has(t)) found += idf;
    }
    return total > 0 ? found / total : 0;
  }

  /** 1 per accepted slot (language, framework, exclude), or undefined when every slot is accepted. */
  private acceptMask(opts: SearchOptions): Uint8Array | undefined {
    const n = this.ids.length;
    const excluded = opts.exclude ? [...opts.exclude].map((id) => this.slotOf.get(id)).filter((s) => s !== undefined) : [];
    if (!opts.languages && !opts.frameworks && excluded.length === 0) return undefined;
    const ok = (values: readonly string[] | undefined): Uint8Array | undefined => {
      if (!values) return undefined;
      const table = new Uint8Array(this.codes.size);
      for (const v of values) {
        const c = this.codes.get(v);
        if (c !== undefined) table[c] = 1;
      }
      return table;
    };
    const langOk = ok(opts.languages);
    const fwOk = ok(opts.frameworks);
    const mask = new Uint8Array(n);
    const lc = this.langCode;
    const fc = this.fwCode;
    for (let s = 0; s < n; s++) mask[s] = (!langOk || langOk[lc[s]]) && (!fwOk || fwOk[fc[s]]) ? 1 : 0;
    for (const s of excluded) mask[s] = 0;
    return mask;
  }

  /**
   * The `pool` accepted slots with the highest exact cosine. Large indexes: an int8 scan ranks every
   * row approximately, the best `pool` are scored exactly, then every other row whose approximate
   * score plus its error bound could still beat the pool's worst exact score is scored exactly too.
   * The result is the exact top-`pool` (the bound is a proof, not a heuristic).
   */
  private topByCosine(q: Float32Array, pool: number, mask: Uint8Array | undefined): TopK {
    const n = this.ids.length;
    const d = this.dims;
    const data = this.data;
    const exact = new TopK(pool);
    if (n <= pool * 2) {
      for (let s = 0; s < n; s++) if (!mask || mask[s]) exact.push(s, dotDense(data, s * d, q, d));
      return exact;
    }
    const { first, t, q1 } = this.firstPass(q, n, pool, mask);
    const approx = this.approx;
    const scale = this.quant.scale;
    const l1 = this.quant.l1;
    for (let i = 0; i < first.size; i++) {
      const s = first.slotAt(i);
      exact.push(s, dotDense(data, s * d, q, d));
      approx[s] = -Infinity; // done
    }
    if (!first.full) return exact; // fewer accepted rows than the pool: all of them are in
    let floor = exact.floor;
    const maxBound = this.quant.maxErrorBound(t, q1);
    for (let s = 0; s < n; s++) {
      const a = approx[s];
      if (a + maxBound < floor) continue; // most rows: one compare
      if (a + 0.5 * (scale[s] * q1 + t * l1[s]) + BOUND_EPS < floor) continue; // `QuantizedRows.errorBound`, inlined
      if (exact.push(s, dotDense(data, s * d, q, d))) floor = exact.floor;
    }
    return exact;
  }

  /** Int8 scan of every row; fills `approx` (-Infinity where not accepted); the best `pool` by it. */
  private firstPass(q: Float32Array, n: number, pool: number, mask: Uint8Array | undefined): { first: TopK; t: number; q1: number } {
    const { dots, t, q1 } = this.quant.scan(q, n);
    const scale = this.quant.scale;
    if (this.approx.length < n) this.approx = new Float64Array(this.langCode.length);
    const approx = this.approx;
    const first = new TopK(pool);
    let floor = -Infinity;
    for (let s = 0; s < n; s++) {
      if (mask && !mask[s]) {
        approx[s] = -Infinity;
        continue;
      }
      const a = dots[s] * scale[s] * t;
      approx[s] = a;
      if (a > floor && first.push(s, a)) floor = first.floor;
    }
    return { first, t, q1 };
  }

  private grow(need: number): void {
    const cap = this.langCode.length;
    if (need <= cap) return;
    const next = Math.max(need, cap * 2);
    const data = new Float32Array(next * this.dims);
    data.set(this.data);
    this.data = data;
    const lc = new Int32Array(next);
    lc.set(this.langCode);
    this.langCode = lc;
    const fc = new Int32Array(next);
    fc.set(this.fwCode);
    this.fwCode = fc;
    this.quant.ensure(next);
  }

  private code(value: string): number {
    let c = this.codes.get(value);
    if (c === undefined) {
      c = this.codes.size;
      this.codes.set(value, c);
    }
    return c;
  }

  private countTokens(tokens: ReadonlySet<string>, delta: number): void {
    for (const t of tokens) {
      const v = (this.df.get(t) ?? 0) + delta;
      if (v > 0) this.df.set(t, v);
      else this.df.delete(t);
    }
  }
}

function dotDense(data: Float32Array, base: number, q: Float32Array, d: number): number {
  let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  let i = 0;
  for (const d4 = d & ~3; i < d4; i += 4) {
    a0 += data[base + i] * q[i];
    a1 += data[base + i + 1] * q[i + 1];
    a2 += data[base + i + 2] * q[i + 2];
    a3 += data[base + i + 3] * q[i + 3];
  }
  for (; i < d; i++) a0 += data[base + i] * q[i];
  return a0 + a1 + a2 + a3;
}
