import type { Embedder } from '../embed/embedder';
import { contentTokens } from '../embed/tokens';
import { VectorIndex } from '../embed/vector-index';
import { CodeRanker, type RankerSettings } from '../search/ranker';
import { matchStrength, type MatchStrength } from '../search/strength';
import type { PatternEvent } from '../model/events';
import { blendHits, defaultBlend } from './blend';
import { extractFromSource } from './extract';
import { pathSkipReason } from './files';
import { qualifies, survivesBetter } from './ranking';
import { embedText, patternId, recordFromUnit, upsertEvent } from './records';
import type { ExtractionOptions, PatternRecord, SkipReason } from './types';

/**
 * seed 002's `max_similarity`: near copies at or above this cosine of the hashed vectors are merged.
 * Only for the hashing embedder, whose vectors are made of the code's own identifiers: a sentence
 * model's cosine measures meaning, and 0.9 there merged distinct units of the evaluation repositories
 * (bench:sentence-blend); exact structural copies are still caught by the fingerprint.
 */
export const NEAR_DUPLICATE_COSINE = 0.9;

/** What one file update did. */
export interface UpdateResult {
  added: number;
  updated: number;
  unchanged: number;
  staled: number;
  /** Exact structural copies of another pattern, not added. */
  duplicates: number;
  /** Near copies (cosine >= 0.9) resolved by keeping the better-surviving one. */
  merged: number;
  belowThreshold: number;
  skipped?: SkipReason;
}

export interface LibrarySearch {
  k: number;
  languages?: readonly string[];
  frameworks?: readonly string[];
  /**
   * Drop hits below this relevance (0..1). Only for what is offered unasked (CodeLens, a chat prompt's
   * patterns): a search the user typed leaves it out and gets every candidate, ranked and labelled.
   */
  minRelevance?: number;
  /** Hide used patterns below this success rate (percent); absent: show all. */
  minSuccessRate?: number;
  exclude?: ReadonlySet<string>;
}

export interface LibraryHit {
  pattern: PatternRecord;
  /** The ranker's relevance, 0..1 (see `Bm25fHit.relevance`); 0 for a pattern sharing no term with the query. */
  relevance: number;
  strength: MatchStrength;
}

/**
 * The pattern library as the patterns worker holds it: records, their vectors, and the rules that
 * turn a file's extraction into `PatternEvent`s (upsert / stale) for the store.
 */
export class PatternLibrary {
  private readonly records = new Map<string, PatternRecord>();
  private readonly byFile = new Map<string, Set<string>>();
  private readonly byFingerprint = new Map<string, string>();
  private index: VectorIndex;
  private readonly ranker = new CodeRanker();

  constructor(
    private embedder: Embedder,
    private options: ExtractionOptions,
    private readonly emit: (ev: PatternEvent) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.index = new VectorIndex(embedder.dims);
  }

  get size(): number {
    return this.index.size;
  }

  get embedderId(): string {
    return this.embedder.id;
  }

  setOptions(options: ExtractionOptions): void {
    this.options = options;
  }

  /** Other ranker settings than the shipped ones (ablations in bench:patterns). */
  setRankerSettings(settings: RankerSettings): void {
    this.ranker.setSettings(settings);
  }

  get(id: string): PatternRecord | undefined {
    return this.records.get(id);
  }

  /** Every record, stale ones included. */
  all(): PatternRecord[] {
    return [...this.records.values()];
  }

  /** Adds records from the store (no events). Live ones are embedded and indexed. */
  async load(rows: readonly PatternRecord[], batch = 16): Promise<void> {
    for (const r of rows) this.track(r);
    const live = rows.filter((r) => !r.stale);
    for (let i = 0; i < live.length; i += batch) {
      const part = live.slice(i, i + batch);
      const vecs = await this.embedder.embed(part.map(embedText));
      part.forEach((r, j) => this.indexRecord(r, vecs[j]));
    }
  }

  /** Re-embeds every live record with another embedder; the old index serves searches until done. */
  async reembed(embedder: Embedder, batch = 16): Promise<void> {
    const next = new VectorIndex(embedder.dims);
    const live = this.all().filter((r) => !r.stale);
    for (let i = 0; i < live.length; i += batch) {
      const part = live.slice(i, i + batch);
      const vecs = await embedder.embed(part.map(embedText));
      part.forEach((r, j) => next.upsert(r.id, vecs[j], indexMeta(r)));
    }
    this.embedder = embedder;
    this.index = next;
  }

  /** Re-extracts one file (after a save or a commit): upserts new/changed units, stales vanished ones. */
  async updateFile(path: string, text: string, commit?: string): Promise<UpdateResult> {
    const res: UpdateResult = { added: 0, updated: 0, unchanged: 0, staled: 0, duplicates: 0, merged: 0, belowThreshold: 0 };
    const skip = pathSkipReason(path, this.options.excludeGlobs);
    const fx = skip ? undefined : extractFromSource(path, text, this.options);
    const reason = skip ?? fx?.skipped;
    if (reason || !fx) {
      res.staled = this.removeFile(path);
      res.skipped = reason;
      return res;
    }
    res.belowThreshold = fx.belowThreshold;
    const seen = new Set<string>();
    const names = new Map<string, number>();
    const now = this.now();
    const fresh = fx.units.map((unit) => {
      const n = names.get(unit.name) ?? 0;
      names.set(unit.name, n + 1);
      const id = patternId(path, unit.name, n);
      seen.add(id);
      const previous = this.records.get(id);
      return recordFromUnit(unit, { id, path, language: fx.language, framework: fx.framework, commit, now, previous });
    });
    const changed = fresh.filter((r) => {
      const prev = this.records.get(r.id);
      const same = prev && !prev.stale && prev.code === r.code && prev.sourceCommit === r.sourceCommit;
      if (same) res.unchanged++;
      return !same;
    });
    const vecs = changed.length ? await this.embedder.embed(changed.map(embedText)) : [];
    changed.forEach((r, i) => this.admit(r, vecs[i], path, res));
    for (const id of this.byFile.get(path) ?? []) {
      if (!seen.has(id) && this.markStale(id)) res.staled++;
    }
    return res;
  }

  /** Marks every live pattern of a deleted (or now excluded) file stale; returns how many. */
  removeFile(path: string): number {
    let n = 0;
    for (const id of this.byFile.get(path) ?? []) if (this.markStale(id)) n++;
    return n;
  }

  /**
   * Ranked search over live patterns: the code-search ranker first, then, when it finds fewer than
   * `k`, the remaining candidates by vector cosine (labelled weak), so any query gets an answer while
   * the filters leave candidates. `vectorBlend` mixes the cosine into the ranker's hits (ablation).
   */
  async search(query: string, opts: LibrarySearch, vectorBlend = defaultBlend(this.embedder.id)): Promise<LibraryHit[]> {
    if (this.index.size === 0 || !query.trim()) return [];
    const accept = this.acceptor(opts);
    const pool = vectorBlend > 0 ? Math.max(opts.k * 4, 50) : opts.k;
    let hits: { id: string; relevance: number }[] = this.ranker.search(query, pool, accept);
    let vec: Float32Array | undefined;
    if (vectorBlend > 0 || hits.length < opts.k) vec = await this.embedQuery(query);
    if (vec && vectorBlend > 0) {
      const q = vec;
      const near = this.index.search(q, { k: pool, languages: opts.languages, frameworks: opts.frameworks, exclude: this.excluded(opts, new Set(hits.map((h) => h.id))) });
      hits = blendHits(hits, near.map((h) => h.id), (id) => Math.max(0, dot(q, this.index.vector(id))), vectorBlend);
    }
    hits = hits.slice(0, opts.k);
    if (vec && hits.length < opts.k) {
      const taken = new Set(hits.map((h) => h.id));
      const more = this.index.search(vec, { k: opts.k, languages: opts.languages, frameworks: opts.frameworks, exclude: this.excluded(opts, taken) });
      for (const h of more) if (hits.length < opts.k) hits.push({ id: h.id, relevance: 0 });
    }
    const min = opts.minRelevance ?? 0;
    return hits
      .filter((h) => h.relevance >= min)
      .map((h) => ({ pattern: this.records.get(h.id)!, relevance: h.relevance, strength: matchStrength(h.relevance) }));
  }

  private async embedQuery(query: string): Promise<Float32Array> {
    return this.embedder.embedQuery ? this.embedder.embedQuery(query) : (await this.embedder.embed([query]))[0];
  }

  /** Language, framework, exclude and success-rate filters as one predicate over ids. */
  private acceptor(opts: LibrarySearch): (id: string) => boolean {
    const langs = opts.languages ? new Set(opts.languages) : undefined;
    const fws = opts.frameworks ? new Set(opts.frameworks) : undefined;
    return (id) => {
      const r = this.records.get(id);
      if (!r || r.stale || opts.exclude?.has(id)) return false;
      if (langs && !langs.has(r.language)) return false;
      if (fws && !fws.has(r.framework ?? '')) return false;
      return opts.minSuccessRate === undefined || qualifies(r, opts.minSuccessRate);
    };
  }

  /** What the vector fill must skip: the caller's exclusions, patterns already ranked, held-back ones. */
  private excluded(opts: LibrarySearch, taken: ReadonlySet<string>): Set<string> {
    const out = new Set([...(opts.exclude ?? []), ...taken]);
    if (opts.minSuccessRate !== undefined) {
      for (const r of this.records.values()) if (!r.stale && !qualifies(r, opts.minSuccessRate)) out.add(r.id);
    }
    return out;
  }

  /** Applies a usage outcome to the in-memory stats (the store keeps the durable counts). */
  recordUsage(id: string, change: { used?: number; kept?: number; discarded?: number; rating?: number }): void {
    const r = this.records.get(id);
    if (!r) return;
    r.usageCount += change.used ?? 0;
    r.successCount += change.kept ?? 0;
    if (change.discarded) r.discardedCount = (r.discardedCount ?? 0) + change.discarded;
    if (change.rating !== undefined) {
      const n = Math.max(1, r.usageCount);
      r.avgRating = r.avgRating === 0 ? change.rating : (r.avgRating * (n - 1) + change.rating) / n;
    }
  }

  private admit(r: PatternRecord, vec: Float32Array, path: string, res: UpdateResult): void {
    const copyOf = this.byFingerprint.get(r.fingerprint);
    const copy = copyOf !== undefined && copyOf !== r.id ? this.records.get(copyOf) : undefined;
    if (copy && !copy.stale) {
      res.duplicates++;
      if (this.records.get(r.id)?.stale === false) this.markStale(r.id, copy.id);
      return;
    }
    const sameFile = this.byFile.get(path);
    const [near] = this.embedder.id.startsWith('hashing') ? this.index.search(vec, { k: 1, exclude: sameFile }) : [];
    const rival = near && near.cosine >= NEAR_DUPLICATE_COSINE ? this.records.get(near.id) : undefined;
    if (rival && !survivesBetter(r, rival)) {
      res.merged++;
      if (this.records.get(r.id)?.stale === false) this.markStale(r.id, rival.id);
      return;
    }
    if (rival) {
      res.merged++;
      this.markStale(rival.id, r.id);
    }
    const existed = this.records.get(r.id);
    if (existed && !existed.stale) res.updated++;
    else res.added++;
    if (existed && existed.fingerprint !== r.fingerprint && this.byFingerprint.get(existed.fingerprint) === r.id) {
      this.byFingerprint.delete(existed.fingerprint);
    }
    this.track(r);
    this.indexRecord(r, vec);
    this.emit(upsertEvent(r, this.now()));
  }

  private markStale(id: string, mergedInto?: string): boolean {
    const r = this.records.get(id);
    if (!r || r.stale) return false;
    r.stale = true;
    this.index.remove(id);
    this.ranker.remove(id);
    if (this.byFingerprint.get(r.fingerprint) === id) this.byFingerprint.delete(r.fingerprint);
    const ev: PatternEvent = { kind: 'pattern', ts: this.now(), id, op: 'stale' };
    if (mergedInto) ev.mergedInto = mergedInto;
    this.emit(ev);
    return true;
  }

  private track(r: PatternRecord): void {
    this.records.set(r.id, r);
    if (r.sourcePath) {
      let set = this.byFile.get(r.sourcePath);
      if (!set) this.byFile.set(r.sourcePath, (set = new Set()));
      set.add(r.id);
    }
    if (!r.stale && r.fingerprint && !this.byFingerprint.has(r.fingerprint)) this.byFingerprint.set(r.fingerprint, r.id);
  }

  private indexRecord(r: PatternRecord, vec: Float32Array): void {
    this.index.upsert(r.id, vec, indexMeta(r));
    this.ranker.upsert(r.id, r);
  }
}

function indexMeta(r: PatternRecord): { language: string; framework?: string; tokens: Set<string> } {
  const meta: { language: string; framework?: string; tokens: Set<string> } = { language: r.language, tokens: contentTokens(embedText(r)) };
  if (r.framework) meta.framework = r.framework;
  return meta;
}

function dot(a: Float32Array, b: Float32Array | undefined): number {
  if (!b) return 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
