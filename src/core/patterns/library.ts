import type { Embedder } from '../embed/embedder';
import { contentTokens } from '../embed/tokens';
import { VectorIndex } from '../embed/vector-index';
import type { PatternEvent } from '../model/events';
import { extractFromSource } from './extract';
import { pathSkipReason } from './files';
import { qualifies, survivesBetter } from './ranking';
import { embedText, patternId, recordFromUnit, upsertEvent } from './records';
import type { ExtractionOptions, PatternRecord, SkipReason } from './types';

/** seed 002's `max_similarity`: near copies at or above this cosine are merged. */
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
  minRelevance?: number;
  /** Hide used patterns below this success rate (percent); absent: show all. */
  minSuccessRate?: number;
  exclude?: ReadonlySet<string>;
}

export interface LibraryHit {
  pattern: PatternRecord;
  relevance: number;
  cosine: number;
  lexical: number;
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

  /** Semantic + lexical search over live patterns. */
  async search(query: string, opts: LibrarySearch): Promise<LibraryHit[]> {
    if (this.index.size === 0 || !query.trim()) return [];
    const [vec] = await this.embedder.embed([query]);
    let exclude = opts.exclude;
    if (opts.minSuccessRate !== undefined) {
      const min = opts.minSuccessRate;
      const held = this.all().filter((r) => !r.stale && !qualifies(r, min)).map((r) => r.id);
      if (held.length) exclude = new Set([...(exclude ?? []), ...held]);
    }
    const minRelevance = opts.minRelevance === undefined ? undefined : opts.minRelevance * this.embedder.relevanceScale;
    const hits = this.index.search(vec, { ...opts, minRelevance, exclude, queryTokens: contentTokens(query) });
    return hits.map((h) => ({ pattern: this.records.get(h.id)!, relevance: h.relevance, cosine: h.cosine, lexical: h.lexical }));
  }

  /** Applies a usage outcome to the in-memory stats (the store keeps the durable counts). */
  recordUsage(id: string, change: { used?: number; kept?: number; rating?: number }): void {
    const r = this.records.get(id);
    if (!r) return;
    r.usageCount += change.used ?? 0;
    r.successCount += change.kept ?? 0;
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
    const [near] = this.index.search(vec, { k: 1, exclude: sameFile });
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
  }
}

function indexMeta(r: PatternRecord): { language: string; framework?: string; tokens: Set<string> } {
  const meta: { language: string; framework?: string; tokens: Set<string> } = { language: r.language, tokens: contentTokens(embedText(r)) };
  if (r.framework) meta.framework = r.framework;
  return meta;
}
