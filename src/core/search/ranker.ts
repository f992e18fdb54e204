/**
 * The code-search ranker: BM25F over a pattern's fields, each query word expanded by WordNet, by the
 * code-domain synonym list and by associations learned from the library itself.
 */
import { learnAssociations, type Association } from './associations';
import { Bm25fIndex, type Bm25fHit, type Bm25fParams, type QueryGroup } from './bm25f';
import { fieldTerms, type FieldTerms, type Searchable } from './fields';
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
};

/** Associations are relearned once this share of the library changed since the last time. */
const RELEARN_SHARE = 0.05;

export class CodeRanker {
  private readonly index: Bm25fIndex;
  private readonly docs = new Map<string, FieldTerms>();
  private learned = new Map<string, Association[]>();
  private changes = 0;
  private learnedAt = -1;

  constructor(private settings: RankerSettings = DEFAULT_RANKER) {
    this.index = new Bm25fIndex(settings.bm25f);
  }

  get size(): number {
    return this.index.size;
  }

  setSettings(settings: RankerSettings): void {
    this.settings = settings;
    this.index.setParams(settings.bm25f);
  }

  upsert(id: string, p: Searchable): void {
    const f = fieldTerms(p);
    this.docs.set(id, f);
    this.index.upsert(id, f);
    this.changes++;
  }

  remove(id: string): void {
    if (this.index.remove(id)) {
      this.docs.delete(id);
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
      groups.set(stem, g);
    }
    return [...groups.values()].map((g) => ({ terms: [...g].map(([term, weight]) => ({ term, weight })) }));
  }

  search(query: string, k: number, accept?: (id: string) => boolean): Bm25fHit[] {
    const groups = this.expand(query);
    return groups.length ? this.index.search(groups, k, accept) : [];
  }

  private relearnIfStale(): void {
    if (this.settings.associations <= 0) return;
    const stale = this.learnedAt < 0 ? this.changes > 0 : this.changes - this.learnedAt > RELEARN_SHARE * Math.max(this.docs.size, 1);
    if (!stale) return;
    this.learned = learnAssociations(this.docs.values());
    this.learnedAt = this.changes;
  }
}
