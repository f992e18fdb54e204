/**
 * Runs the frozen search evaluation (`eval-set.ts`): recall@1, recall@5 and MRR (first target's
 * reciprocal rank within the top 10, else 0) per half (paraphrase / code's own words) and overall,
 * for any ranker that turns a query into unit names, best first. Shared by the unit test and
 * `bench:patterns`.
 */
import { HashingEmbedder } from '../../../src/core/embed/hashing';
import { contentTokens } from '../../../src/core/embed/tokens';
import { VectorIndex } from '../../../src/core/embed/vector-index';
import { PatternsService } from '../../../src/core/patterns/service';
import { DEFAULT_EXTRACTION } from '../../../src/core/patterns/types';
import type { EvalQuery, EvalRepo } from './eval-set';
import { evalSources, evalUnits, loadEvalQueries } from './eval-set';

/** Names of the ranked units, best first. */
export type Ranker = (query: string) => Promise<string[]>;

export interface HalfMetrics {
  n: number;
  recallAt1: number;
  recallAt5: number;
  mrr: number;
}

export interface EvalResult {
  overall: HalfMetrics;
  paraphrase: HalfMetrics;
  code: HalfMetrics;
  /** Queries whose answer was empty. */
  empty: number;
  ranks: { query: EvalQuery; rank: number; got: string[] }[];
}

const MRR_DEPTH = 10;

function metrics(ranks: number[]): HalfMetrics {
  const n = ranks.length;
  const share = (ok: (r: number) => boolean): number => (n ? ranks.filter(ok).length / n : 0);
  return {
    n,
    recallAt1: share((r) => r === 1),
    recallAt5: share((r) => r >= 1 && r <= 5),
    mrr: n ? ranks.reduce((a, r) => a + (r >= 1 && r <= MRR_DEPTH ? 1 / r : 0), 0) / n : 0,
  };
}

export async function evaluate(repo: EvalRepo, rank: Ranker): Promise<EvalResult> {
  const set = loadEvalQueries(repo);
  const ranks: EvalResult['ranks'] = [];
  let empty = 0;
  for (const q of set.queries) {
    const got = await rank(q.query);
    if (got.length === 0) empty++;
    const at = got.findIndex((name) => q.targets.includes(name));
    ranks.push({ query: q, rank: at + 1, got: got.slice(0, 5) });
  }
  const of = (kind?: EvalQuery['kind']): number[] => ranks.filter((r) => !kind || r.query.kind === kind).map((r) => r.rank);
  return { overall: metrics(of()), paraphrase: metrics(of('paraphrase')), code: metrics(of('code')), empty, ranks };
}

/**
 * The product: a patterns service (as the worker runs it) fed the repository's files, searched with
 * exactly the arguments "Search Patterns" sends (`args`).
 */
export async function serviceRanker(repo: EvalRepo, args: (query: string) => Parameters<PatternsService['search']>[0]): Promise<Ranker> {
  const service = new PatternsService(() => undefined);
  await service.start({ rows: [], options: DEFAULT_EXTRACTION, embedder: { kind: 'hashing' } });
  for (const [p, text] of evalSources(repo)) await service.updateFile({ path: p, text });
  return async (query) => (await service.search(args(query))).map((h) => h.pattern.name);
}

/**
 * The ranker before issue 12 (hashed vectors blended 0.6/0.4 with idf-weighted token overlap in
 * `VectorIndex.search`), over the same units; `minRelevance` is the shipped cut-off already scaled
 * (0.6 x 0.5) or undefined for none.
 */
export function previousRanker(repo: EvalRepo, minRelevance?: number): Ranker {
  const embedder = new HashingEmbedder();
  const index = new VectorIndex(embedder.dims);
  const units = evalUnits(repo);
  units.forEach((u, i) => {
    const text = `${u.name}\n${u.doc ? `${u.doc} — ${u.signature}` : u.signature}\n${u.code}`;
    index.upsert(String(i), embedder.embedOne(text), { language: 'typescript', tokens: contentTokens(text) });
  });
  return (query) => {
    const hits = index.search(embedder.embedOne(query), { k: 20, queryTokens: contentTokens(query), minRelevance });
    return Promise.resolve(hits.map((h) => units[Number(h.id)].name));
  };
}

/**
 * Naive baseline: distinct lowercased words (identifiers split) shared by the query and a unit's name,
 * doc comment and code, no stemming, no weights; ties keep file order. Units sharing nothing are left out.
 */
export function naiveRanker(repo: EvalRepo): Ranker {
  const words = (t: string): Set<string> => new Set(contentWords(t));
  const units = evalUnits(repo).map((u) => ({ name: u.name, words: words(`${u.name} ${u.doc ?? ''} ${u.code}`) }));
  return (query) => {
    const q = words(query);
    const scored = units
      .map((u, i) => ({ u, i, s: [...q].filter((w) => u.words.has(w)).length }))
      .filter((x) => x.s > 0)
      .sort((a, b) => b.s - a.s || a.i - b.i);
    return Promise.resolve(scored.slice(0, 20).map((x) => x.u.name));
  };
}

function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const w of text.match(/[A-Za-z][A-Za-z0-9]*/g) ?? []) {
    for (const p of w.match(/[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+/g) ?? [w]) {
      const l = p.toLowerCase();
      if (l.length > 2) out.push(l);
    }
  }
  return out;
}
