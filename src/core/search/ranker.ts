/**
 * The code-search ranker: BM25F over a pattern's fields, each query word expanded by WordNet, by the
 * code-domain synonym list and by associations learned from the library itself. Static word vectors
 * (expansion and a fused semantic score) and pseudo-relevance feedback are there for the evaluation and
 * off as shipped: on the tuning repository none of them passed the protocol
 * (test/fixtures/patterns/eval/SOURCE.md, "Static word vectors").
 */
import { learnAssociations, type Association } from './associations';
import { Bm25fIndex, type Bm25fHit, type Bm25fParams, type QueryGroup } from './bm25f';
import { FIELDS, fieldTerms, type Field, type FieldTerms, type Searchable } from './fields';
import { fuse, type Fusion } from './fusion';
import { SemanticIndex } from './semantic';
import type { WordVectors } from './word-vectors';
import { STOP_WORDS, stemWord, subWords } from './terms';
import { codeThesaurus, wordnetThesaurus, type Thesaurus } from './thesaurus';

export interface RankerSettings {
  bm25f: Bm25fParams;
  /** Weight of a WordNet synonym relative to the query word itself (0: off). */
  wordnet: number;
  /** Weight of a code-domain synonym (0: off). */
  codeSynonyms: number;
  /** Weight of an association learned from the library, times its NPMI (0: off). */
  associations: number;
  /**
   * Expansion by the static word vectors: a query word's nearest library stems with cosine >= `floor`,
   * at most `max` of them, each weighted `weight` x cosine (weight 0: off).
   */
  vectorExpansion: { weight: number; floor: number; max: number };
  /** Weight `w` of the static-vector cosine in `(1 - w) * relevance + w * cosine` (0: off). */
  semantic: number;
  /** Fields a unit's semantic vector is made of (each term weighted by idf x the field's BM25F weight). */
  semanticFields: readonly Field[];
  /** How the cosine joins the lexical ranking (see fusion.ts). */
  fusion: Fusion;
  /**
   * Pseudo-relevance feedback: the `terms` most idf-heavy name/doc terms of the first search's top
   * `PRF_DOCS` hits join the query, each weighted `weight` (0: off).
   */
  feedback: { weight: number; terms: number };
  /** Static word vectors for `vectorExpansion` and `semantic`; absent (as shipped): both off. */
  vectors?: WordVectors;
}

/** The shipped settings (chosen on the tuning repository only, see test/fixtures/patterns/eval/SOURCE.md). */
export const DEFAULT_RANKER: RankerSettings = {
  bm25f: {
    k1: 1.2,
    weight: { name: 3, signature: 1.5, doc: 1.5, strings: 0.5, body: 1 },
    b: { name: 0.3, signature: 0.5, doc: 0.6, strings: 0.6, body: 0.75 },
  },
  wordnet: 0.5,
  codeSynonyms: 0.8,
  associations: 0.3,
  vectorExpansion: { weight: 0, floor: 0.6, max: 3 },
  semantic: 0,
  semanticFields: FIELDS,
  fusion: 'linear',
  feedback: { weight: 0, terms: 5 },
};

const PRF_DOCS = 3;

/** Units the semantic score considers beyond the lexical hits: the nearest by cosine. */
const SEMANTIC_POOL = 50;

/** Associations are relearned once this share of the library changed since the last time. */
const RELEARN_SHARE = 0.05;

export class CodeRanker {
  private readonly index: Bm25fIndex;
  private readonly docs = new Map<string, FieldTerms>();
  private learned = new Map<string, Association[]>();
  private changes = 0;
  private learnedAt = -1;
  private semantic?: SemanticIndex;

  constructor(private settings: RankerSettings = DEFAULT_RANKER) {
    this.index = new Bm25fIndex(settings.bm25f);
  }

  /** Whether the static word vectors take part (loaded on first need only). */
  private get usesVectors(): boolean {
    return this.settings.vectors !== undefined && (this.settings.semantic > 0 || this.settings.vectorExpansion.weight > 0);
  }

  /** BM25F field weights, 0 for the fields the semantic vector leaves out. */
  private semanticWeights(): Record<Field, number> {
    const on = new Set(this.settings.semanticFields);
    return Object.fromEntries(FIELDS.map((f) => [f, on.has(f) ? this.settings.bm25f.weight[f] : 0])) as Record<Field, number>;
  }

  private semanticIndex(): SemanticIndex {
    // Created by the first relearnIfStale that needs it, which then fills it (`refresh`).
    return (this.semantic ??= new SemanticIndex(this.index, this.semanticWeights(), this.settings.vectors!));
  }

  get size(): number {
    return this.index.size;
  }

  setSettings(settings: RankerSettings): void {
    if (settings.vectors !== this.settings.vectors) this.semantic = undefined;
    this.settings = settings;
    this.index.setParams(settings.bm25f);
    this.semantic?.setFieldWeights(this.semanticWeights());
    this.learnedAt = -1;
  }

  upsert(id: string, p: Searchable): void {
    const f = fieldTerms(p);
    this.docs.set(id, f);
    this.index.upsert(id, f);
    this.semantic?.upsert(id, f);
    this.changes++;
  }

  remove(id: string): void {
    if (this.index.remove(id)) {
      this.docs.delete(id);
      this.semantic?.remove(id);
      this.changes++;
    }
  }

  /** One group per distinct query word: the word's stem (weight 1) and its expansions. */
  expand(query: string): QueryGroup[] {
    this.relearnIfStale();
    const s = this.settings;
    const groups = new Map<string, Map<string, number>>();
    for (const w of subWords(query)) {
      if (w.length < 2 || STOP_WORDS.has(w) || /^[0-9]+$/.test(w)) continue;
      const stem = stemWord(w);
      if (groups.has(stem)) continue;
      const g = new Map<string, number>([[stem, 1]]);
      const offer = (term: string, weight: number): void => {
        if (weight > (g.get(term) ?? 0)) g.set(term, weight);
      };
      const fromThesaurus = (t: Thesaurus, weight: number): void => {
        if (weight > 0) for (const to of t.get(stem) ?? []) offer(to, weight);
      };
      fromThesaurus(wordnetThesaurus(), s.wordnet);
      fromThesaurus(codeThesaurus(), s.codeSynonyms);
      if (s.associations > 0) for (const a of this.learned.get(stem) ?? []) offer(a.term, s.associations * a.score);
      const ve = s.vectorExpansion;
      if (ve.weight > 0 && this.usesVectors) for (const n of this.semanticIndex().neighbours(stem, ve.floor, ve.max)) offer(n.term, ve.weight * n.cosine);
      groups.set(stem, g);
    }
    return [...groups.values()].map((g) => ({ terms: [...g].map(([term, weight]) => ({ term, weight })) }));
  }

  /**
   * The `k` best patterns: BM25F over the expanded query, fused with the static-vector cosine when
   * `semantic` > 0 (over the lexical hits and the nearest units by cosine, so a paraphrase sharing no
   * term can still rank).
   */
  search(query: string, k: number, accept?: (id: string) => boolean): Bm25fHit[] {
    const groups = this.withFeedback(this.expand(query), accept);
    const w = this.usesVectors ? this.settings.semantic : 0;
    if (w <= 0) return groups.length ? this.index.search(groups, k, accept) : [];
    const sem = this.semanticIndex();
    const pool = Math.max(k, SEMANTIC_POOL);
    const lexical = groups.length ? this.index.search(groups, pool, accept) : [];
    const q = sem.vectorOf(groups.map((g) => [g.terms[0].term, 1]));
    if (!q) return lexical.slice(0, k);
    return fuse(lexical, sem.nearest(q, pool, accept), (id) => sem.cosine(q, id), this.settings.fusion, w, k);
  }

  /** The query groups plus pseudo-relevance feedback terms when `feedback.weight` > 0. */
  private withFeedback(groups: QueryGroup[], accept?: (id: string) => boolean): QueryGroup[] {
    const fb = this.settings.feedback;
    if (fb.weight <= 0 || !groups.length) return groups;
    const inQuery = new Set(groups.flatMap((g) => g.terms.map((t) => t.term)));
    const seen = new Map<string, number>();
    for (const h of this.index.search(groups, PRF_DOCS, accept)) {
      const f = this.docs.get(h.id);
      if (f) for (const t of new Set([...f.name, ...f.doc])) if (!inQuery.has(t)) seen.set(t, (seen.get(t) ?? 0) + 1);
    }
    const N = Math.max(1, this.index.size);
    const idf = (t: string): number => Math.log(1 + (N - this.index.docFreq(t) + 0.5) / (this.index.docFreq(t) + 0.5));
    const extra = [...seen].map(([t, n]) => ({ t, v: n * idf(t) })).sort((a, b) => b.v - a.v).slice(0, fb.terms);
    return [...groups, ...extra.map(({ t }) => ({ terms: [{ term: t, weight: fb.weight }] }))];
  }

  private relearnIfStale(): void {
    if (this.settings.associations <= 0 && !this.usesVectors) return;
    const stale = this.learnedAt < 0 ? this.changes > 0 : this.changes - this.learnedAt > RELEARN_SHARE * Math.max(this.docs.size, 1);
    if (!stale) return;
    if (this.settings.associations > 0) this.learned = learnAssociations(this.docs.values());
    if (this.usesVectors) this.semanticIndex().refresh(this.docs);
    this.learnedAt = this.changes;
  }
}
