/**
 * BM25F (Robertson, Zaragoza & Taylor 2004) over the fields of `fields.ts`: per term, each field's
 * frequency is length-normalised with its own `b` and weighted, the weighted sum saturates once
 * (`tf / (k1 + tf)`), and idf weighs the term. Queries come as groups (one query word and its
 * expansions, each with a weight): a group counts once, with its best-scoring term, so a word with
 * many synonyms cannot outweigh a word with none.
 *
 * Postings hold each (term, pattern) pair's per-field counts and a cached "impact" (the normalised
 * weighted frequency), recomputed per term only when the average field lengths have drifted: a search
 * is then one multiply-add per posting.
 */
import { TopK } from '../embed/topk';
import { FIELDS, type Field, type FieldTerms } from './fields';

export interface Bm25fParams {
  k1: number;
  weight: Record<Field, number>;
  b: Record<Field, number>;
}

/** One query word and what it was expanded to; `weight` 1 for the word itself. */
export interface QueryGroup {
  /** The query word itself first, then its expansions. */
  terms: { term: string; weight: number }[];
}

export interface Bm25fHit {
  id: string;
  score: number;
  /** `score` over the best a pattern could reach (every query word itself matched at saturation), capped at 1. */
  relevance: number;
}

const F = FIELDS.length;
/** Expansions worth less than this share of the query word itself are skipped. */
const PRUNE = 0.15;
/** Average field lengths may drift this much before cached impacts are recomputed. */
const DRIFT = 0.1;

class Posting {
  n = 0;
  slots = new Int32Array(4);
  tfs = new Uint16Array(4 * F);
  impact = new Float32Array(4);
  epoch = -1;

  add(slot: number, tf: Uint16Array): void {
    if (this.n === this.slots.length) {
      const grow = <T extends Int32Array | Uint16Array | Float32Array>(a: T, size: number): T => {
        const b = new (a.constructor as new (n: number) => T)(size);
        b.set(a);
        return b;
      };
      this.slots = grow(this.slots, this.n * 2);
      this.tfs = grow(this.tfs, this.n * 2 * F);
      this.impact = grow(this.impact, this.n * 2);
    }
    this.slots[this.n] = slot;
    this.tfs.set(tf, this.n * F);
    this.n++;
    this.epoch = -1;
  }
}

export class Bm25fIndex {
  private ids: (string | undefined)[] = [];
  private slotTerms: string[][] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly postings = new Map<string, Posting>();
  private readonly df = new Map<string, number>();
  private fieldLen = new Float32Array(0);
  private readonly totalLen = new Float64Array(F);
  /** Average field lengths the cached impacts were computed with, and their epoch. */
  private readonly impactAvg = new Float64Array(F);
  private epoch = 0;
  private live = 0;
  private scratch = new Float32Array(0);
  private best = new Float32Array(0);
  private seen = new Int32Array(0);
  private touched = new Int32Array(0);

  constructor(private params: Bm25fParams) {}

  get size(): number {
    return this.live;
  }

  setParams(params: Bm25fParams): void {
    this.params = params;
    this.epoch++;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** Document frequency of a term among live patterns. */
  docFreq(term: string): number {
    return this.df.get(term) ?? 0;
  }

  /** Every term some live pattern has. */
  terms(): IterableIterator<string> {
    return this.df.keys();
  }

  upsert(id: string, fields: FieldTerms): void {
    this.remove(id);
    const slot = this.ids.length;
    this.ids.push(id);
    this.slotOf.set(id, slot);
    if (this.fieldLen.length < (slot + 1) * F) {
      const next = new Float32Array(Math.max((slot + 1) * F, this.fieldLen.length * 2));
      next.set(this.fieldLen);
      this.fieldLen = next;
    }
    const counts = new Map<string, Uint16Array>();
    FIELDS.forEach((f, fi) => {
      const list = fields[f];
      this.fieldLen[slot * F + fi] = list.length;
      this.totalLen[fi] += list.length;
      for (const t of list) {
        let c = counts.get(t);
        if (!c) counts.set(t, (c = new Uint16Array(F)));
        if (c[fi] < 0xffff) c[fi]++;
      }
    });
    for (const [t, c] of counts) {
      let p = this.postings.get(t);
      if (!p) this.postings.set(t, (p = new Posting()));
      p.add(slot, c);
      this.df.set(t, (this.df.get(t) ?? 0) + 1);
    }
    this.slotTerms[slot] = [...counts.keys()];
    this.live++;
  }

  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.slotOf.delete(id);
    this.ids[slot] = undefined;
    for (let fi = 0; fi < F; fi++) this.totalLen[fi] -= this.fieldLen[slot * F + fi];
    for (const t of this.slotTerms[slot]) {
      const v = (this.df.get(t) ?? 1) - 1;
      if (v > 0) this.df.set(t, v);
      else this.df.delete(t);
    }
    this.slotTerms[slot] = [];
    this.live--;
    if (this.ids.length - this.live > Math.max(1024, this.live)) this.compact();
    return true;
  }

  /**
   * The `k` best live patterns for the query groups that `accept` lets through (all when absent);
   * patterns matching no group are not returned.
   */
  search(groups: readonly QueryGroup[], k: number, accept?: (id: string) => boolean): Bm25fHit[] {
    this.ensureScratch();
    this.refreshEpoch();
    const total = this.scratch;
    const touched = this.touched;
    let nTouched = 0;
    const N = this.live;
    let ideal = 0;
    const idfOf = (df: number): number => Math.log(1 + (N - df + 0.5) / (df + 0.5));
    for (const g of groups) {
      if (!g.terms.length) continue;
      // The best a pattern can do for this group is to match its own word (the first term) at
      // saturation; a word the library never uses still counts (as if one pattern had it), so matching
      // the rest of the query does not make a hit look complete.
      const own = idfOf(Math.max(1, this.df.get(g.terms[0].term) ?? 0)) * g.terms[0].weight;
      ideal += own;
      const usable: { p: Posting; idf: number }[] = [];
      g.terms.forEach(({ term, weight }, i) => {
        const p = this.postings.get(term);
        const df = this.df.get(term) ?? 0;
        const idf = idfOf(df) * weight;
        // An expansion that could add less than PRUNE of what the word itself is worth changes no
        // ranking worth having, and common words' posting lists are the long ones.
        if (p && df > 0 && (i === 0 || idf >= PRUNE * own)) usable.push({ p, idf });
      });
      if (usable.length === 1) {
        nTouched = this.accumulate(usable[0].p, usable[0].idf, total, nTouched);
        continue;
      }
      const best = this.best;
      const seen = this.seen;
      let nSeen = 0;
      for (const { p, idf } of usable) nSeen = this.keepBest(p, idf, best, seen, nSeen);
      for (let i = 0; i < nSeen; i++) {
        const s = seen[i];
        if (total[s] === 0) touched[nTouched++] = s;
        total[s] += best[s];
        best[s] = 0;
      }
    }
    const top = new TopK(k);
    for (let i = 0; i < nTouched; i++) {
      const s = touched[i];
      const v = total[s];
      total[s] = 0;
      const id = this.ids[s];
      if (id === undefined || v <= top.floor) continue;
      if (accept && !accept(id)) continue;
      top.push(s, v);
    }
    const out: Bm25fHit[] = [];
    for (let i = 0; i < top.size; i++) {
      const score = top.scoreAt(i);
      out.push({ id: this.ids[top.slotAt(i)]!, score, relevance: ideal > 0 ? Math.min(1, score / ideal) : 0 });
    }
    return out.sort((a, b) => b.score - a.score);
  }

  /** Adds one term's saturated, idf-weighted impact to every pattern that has it. */
  private accumulate(p: Posting, idf: number, total: Float32Array, nTouched: number): number {
    this.ensureImpacts(p);
    const { slots, impact } = p;
    const k1 = this.params.k1;
    const touched = this.touched;
    for (let i = 0; i < p.n; i++) {
      const s = slots[i];
      const tf = impact[i];
      if (total[s] === 0) touched[nTouched++] = s;
      total[s] += (idf * tf) / (k1 + tf);
    }
    return nTouched;
  }

  /** Keeps, per pattern, the best of a group's terms seen so far. */
  private keepBest(p: Posting, idf: number, best: Float32Array, seen: Int32Array, nSeen: number): number {
    this.ensureImpacts(p);
    const { slots, impact } = p;
    const k1 = this.params.k1;
    for (let i = 0; i < p.n; i++) {
      const s = slots[i];
      const tf = impact[i];
      const v = (idf * tf) / (k1 + tf);
      if (best[s] === 0) seen[nSeen++] = s;
      if (v > best[s]) best[s] = v;
    }
    return nSeen;
  }

  private ensureScratch(): void {
    const cap = this.fieldLen.length / F;
    if (this.scratch.length >= this.ids.length) return;
    this.scratch = new Float32Array(cap);
    this.best = new Float32Array(cap);
    this.seen = new Int32Array(cap);
    this.touched = new Int32Array(cap);
  }

  /** Starts a new impact epoch when an average field length drifted more than `DRIFT` since the last. */
  private refreshEpoch(): void {
    const N = Math.max(1, this.live);
    for (let fi = 0; fi < F; fi++) {
      const avg = this.totalLen[fi] / N;
      const was = this.impactAvg[fi];
      if (Math.abs(avg - was) > DRIFT * Math.max(was, 1e-9)) {
        for (let j = 0; j < F; j++) this.impactAvg[j] = this.totalLen[j] / N;
        this.epoch++;
        return;
      }
    }
  }

  private ensureImpacts(p: Posting): void {
    if (p.epoch === this.epoch) return;
    const { weight, b } = this.params;
    const w = FIELDS.map((f) => weight[f]);
    const bf = FIELDS.map((f) => b[f]);
    const avg = this.impactAvg;
    for (let i = 0; i < p.n; i++) {
      const s = p.slots[i];
      let x = 0;
      for (let fi = 0; fi < F; fi++) {
        const tf = p.tfs[i * F + fi];
        if (tf === 0) continue;
        const norm = 1 - bf[fi] + bf[fi] * (this.fieldLen[s * F + fi] / Math.max(avg[fi], 1e-9));
        x += (w[fi] * tf) / norm;
      }
      p.impact[i] = x;
    }
    p.epoch = this.epoch;
  }

  /** Drops removed slots from every posting list and renumbers the rest. */
  private compact(): void {
    const remap = new Int32Array(this.ids.length).fill(-1);
    const ids: string[] = [];
    const slotTerms: string[][] = [];
    const fieldLen = new Float32Array(Math.max(F, this.live * 2 * F));
    this.ids.forEach((id, s) => {
      if (id === undefined) return;
      remap[s] = ids.length;
      fieldLen.set(this.fieldLen.subarray(s * F, (s + 1) * F), ids.length * F);
      this.slotOf.set(id, ids.length);
      ids.push(id);
      slotTerms.push(this.slotTerms[s]);
    });
    for (const [t, p] of this.postings) {
      let j = 0;
      for (let i = 0; i < p.n; i++) {
        const to = remap[p.slots[i]];
        if (to < 0) continue;
        p.slots[j] = to;
        p.tfs.copyWithin(j * F, i * F, (i + 1) * F);
        j++;
      }
      p.n = j;
      p.epoch = -1;
      if (j === 0) this.postings.delete(t);
    }
    this.ids = ids;
    this.slotTerms = slotTerms;
    this.fieldLen = fieldLen;
    this.scratch = new Float32Array(0);
    this.best = new Float32Array(0);
  }
}
