/**
 * `npx tsx bench/search-eval/word-vectors-latency.ts [--n 100000]` -> bench/results/word-vectors-latency.json.
 * What the static word vectors would cost: typed search (top 20) over n patterns (the evaluation
 * repositories' units repeated under new ids, queried with the evaluation's queries, as
 * bench/search-eval/latency.ts does), with the held-out run's vector setting beside the shipped lexical
 * ranker in the same run; and the one-off recomputation of every unit vector (`refresh`) the first search
 * pays. Process CPU ms, median and p90 after 5 warm-ups.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe } from '../../src/core/patterns/records';
import { CodeRanker, DEFAULT_RANKER, type RankerSettings } from '../../src/core/search/ranker';
import { EVAL_REPOS, evalUnits, loadEvalQueries } from '../../test/unit/patterns/eval-set';
import { benchWordVectors } from './word-vectors-data';

const n = process.argv.includes('--n') ? Number(process.argv[process.argv.indexOf('--n') + 1]) : 100_000;
const r3 = (x: number): number => Number(x.toFixed(3));
const sorted = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);

function cpu(fn: () => void): number {
  const c = process.cpuUsage();
  fn();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
}

const docs = EVAL_REPOS.flatMap((r) => evalUnits(r)).map((u) => ({ name: u.name, description: describe(u), code: u.code }));
const queries = EVAL_REPOS.flatMap((r) => loadEvalQueries(r).queries.map((q) => q.query));

function measure(settings: RankerSettings): Record<string, number> {
  const ranker = new CodeRanker(settings);
  for (let i = 0; i < n; i++) ranker.upsert(`p${i}`, docs[i % docs.length]);
  const first = cpu(() => ranker.search(queries[0], 20));
  queries.slice(1, 6).forEach((q) => ranker.search(q, 20));
  const times = sorted(queries.map((q) => cpu(() => ranker.search(q, 20))));
  return { first_search_cpu_ms: Math.round(first), cpu_ms: r3(times[Math.floor(times.length / 2)]), cpu_p90_ms: r3(times[Math.floor(times.length * 0.9)]) };
}

const vectors: Partial<RankerSettings> = { vectors: benchWordVectors(), vectorExpansion: { weight: 0.3, floor: 0.5, max: 6 }, semantic: 0.7, fusion: 'adaptive' };
const out = { patterns: n, queries: queries.length, lexical: measure(DEFAULT_RANKER), with_vectors: measure({ ...DEFAULT_RANKER, ...vectors }), node: process.version };
const root = path.join(__dirname, '../..');
mkdirSync(path.join(root, 'bench/results'), { recursive: true });
writeFileSync(path.join(root, 'bench/results/word-vectors-latency.json'), JSON.stringify(out, null, 2) + '\n');
console.log(JSON.stringify(out, null, 2));
