/**
 * An in-memory index of unit vectors in one growing Float32Array, searched by brute force (fine to
 * 100k x 384), with language/framework filters and a lexical score over identifier sub-tokens
 * blended into the final relevance.
 */

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

export class VectorIndex {
  private data: Float32Array;
  private ids: string[] = [];
  private metas: IndexEntryMeta[] = [];
  private langCode = new Int32Array(0);
  private fwCode = new Int32Array(0);
  private readonly slotOf = new Map<string, number>();
  private readonly codes = new Map<string, number>();
  private readonly df = new Map<string, number>();

  constructor(readonly dims: number, capacity = 1024) {
    this.data = new Float32Array(dims * capacity);
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
    const cand = this.topByCosine(query, pool, this.filter(opts), opts.exclude);
    const hits = cand.map(({ slot, cosine }): SearchHit => {
      const lexical = opts.queryTokens ? this.lexical(opts.queryTokens, this.metas[slot].tokens) : 0;
      const c = Math.max(0, cosine);
      const relevance = opts.queryTokens && opts.queryTokens.size > 0 ? COSINE_WEIGHT * c + (1 - COSINE_WEIGHT) * lexical : c;
      return { id: this.ids[slot], relevance, cosine, lexical };
    });
    hits.sort((a, b) => b.relevance - a.relevance);
    const min = opts.minRelevance ?? 0;
    return hits.filter((h) => h.relevance >= min).slice(0, opts.k);
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

  private filter(opts: SearchOptions): ((slot: number) => boolean) | undefined {
    const langs = opts.languages ? new Set(opts.languages.map((l) => this.codes.get(l) ?? -1)) : undefined;
    const fws = opts.frameworks ? new Set(opts.frameworks.map((f) => this.codes.get(f) ?? -1)) : undefined;
    if (!langs && !fws) return undefined;
    return (slot) => (!langs || langs.has(this.langCode[slot])) && (!fws || fws.has(this.fwCode[slot]));
  }

  private topByCosine(
    q: Float32Array,
    pool: number,
    accept: ((slot: number) => boolean) | undefined,
    exclude: ReadonlySet<string> | undefined,
  ): { slot: number; cosine: number }[] {
    const d = this.dims;
    const data = this.data;
    const slots = new Int32Array(pool);
    const scores = new Float32Array(pool).fill(-Infinity);
    let filled = 0;
    let minAt = 0;
    // Hashing-embedder queries are sparse (tens of non-zero dims out of 384): visit only those. Exact.
    const nz: number[] = [];
    for (let i = 0; i < d; i++) if (q[i] !== 0) nz.push(i);
    const sparse = nz.length * 3 < d ? Int32Array.from(nz) : undefined;
    for (let s = 0, n = this.ids.length; s < n; s++) {
      if (accept && !accept(s)) continue;
      const score = sparse ? dotSparse(data, s * d, q, sparse) : dotDense(data, s * d, q, d);
      if (filled < pool) {
        if (exclude?.has(this.ids[s])) continue;
        slots[filled] = s;
        scores[filled++] = score;
        if (filled === pool) minAt = argMin(scores);
      } else if (score > scores[minAt]) {
        if (exclude?.has(this.ids[s])) continue;
        slots[minAt] = s;
        scores[minAt] = score;
        minAt = argMin(scores);
      }
    }
    const out: { slot: number; cosine: number }[] = [];
    for (let i = 0; i < filled; i++) out.push({ slot: slots[i], cosine: scores[i] });
    return out;
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

function dotSparse(data: Float32Array, base: number, q: Float32Array, nz: Int32Array): number {
  let a = 0;
  for (let j = 0; j < nz.length; j++) {
    const i = nz[j];
    a += data[base + i] * q[i];
  }
  return a;
}

function argMin(a: Float32Array): number {
  let m = 0;
  for (let i = 1; i < a.length; i++) if (a[i] < a[m]) m = i;
  return m;
}
