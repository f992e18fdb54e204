/**
 * Tuning aid, on the tuning repository ONLY (`TUNE_REPO`): prints recall@1/@5/MRR per half for the
 * ranker with the settings given as JSON overrides, and the misses with `-v`.
 * Run: `npx tsx bench/search-eval/tune.ts ['{"wordnet":0.4}'] [-v]` (the static word vectors are given; they
 * take part only with `semantic` or `vectorExpansion.weight` > 0).
 */
import { describe } from '../../src/core/patterns/records';
import { CodeRanker, DEFAULT_RANKER, type RankerSettings } from '../../src/core/search/ranker';
import { evalUnits, TUNE_REPO } from '../../test/unit/patterns/eval-set';
import { evaluate, type HalfMetrics } from '../../test/unit/patterns/eval-run';
import { benchWordVectors } from './word-vectors-data';

const arg = process.argv.slice(2).find((a) => a.startsWith('{'));
const settings = { ...DEFAULT_RANKER, vectors: benchWordVectors(), ...(arg ? (JSON.parse(arg) as Partial<RankerSettings>) : {}) };
const units = evalUnits(TUNE_REPO);
const ranker = new CodeRanker(settings);
units.forEach((u, i) => ranker.upsert(String(i), { name: u.name, description: describe(u), code: u.code }));
const fmt = (m: HalfMetrics): string => `r@1 ${m.recallAt1.toFixed(2)} r@5 ${m.recallAt5.toFixed(2)} mrr ${m.mrr.toFixed(2)}`;
void evaluate(TUNE_REPO, (q) => Promise.resolve(ranker.search(q, 20).map((h) => units[Number(h.id)].name))).then((r) => {
  console.log(`${TUNE_REPO}: all ${fmt(r.overall)} | para ${fmt(r.paraphrase)} | code ${fmt(r.code)} | empty ${r.empty}`);
  if (process.argv.includes('-v')) {
    for (const x of r.ranks) if (x.rank < 1 || x.rank > 5) console.log(`  miss ${x.query.kind} "${x.query.query}" -> ${x.query.targets[0]} (rank ${x.rank}); got ${x.got.join(', ')}`);
  }
});
