/**
 * Latency of a typed search through the code-search ranker (expansion + BM25F, top 20) at 1k/10k/100k
 * patterns, beside the previous ranker (hashing-embedder cosine + token overlap, `VectorIndex.search`)
 * over the same patterns in the same run. Two corpora: `synthetic` (identifier-like text drawn from 24
 * syllables, a tiny vocabulary, so posting lists are long) and `real` (the 152 units of the evaluation
 * repositories repeated under new ids, queried with the evaluation's English queries, which expand).
 */
import { HashingEmbedder } from '../../src/core/embed/hashing';
import { contentTokens } from '../../src/core/embed/tokens';
import { VectorIndex } from '../../src/core/embed/vector-index';
import { describe } from '../../src/core/patterns/records';
import { CodeRanker } from '../../src/core/search/ranker';
import { rng } from '../../src/core/util/random';
import { EVAL_REPOS, evalUnits, loadEvalQueries } from '../../test/unit/patterns/eval-set';

interface Doc {
  name: string;
  description: string;
  code: string;
}

const SYLLABLES = ['fe', 'tch', 'us', 'er', 'par', 'se', 'ca', 'che', 'ret', 'ry', 'ro', 'ute', 'ho', 'ok', 'js', 'on', 'qu', 'eue', 'so', 'rt', 'ha', 'sh', 'fi', 'le'];

function synthetic(n: number, seed: number): string[] {
  const next = rng(seed);
  const pick = (): string => SYLLABLES[Math.floor(next() * SYLLABLES.length)];
  return Array.from({ length: n }, () => {
    const words = Array.from({ length: 4 + Math.floor(next() * 8) }, () => pick() + pick()[0].toUpperCase() + pick().slice(1));
    return words.join(' ');
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];
const r3 = (x: number): number => Number(x.toFixed(3));

function cpu(fn: () => void): number {
  const c = process.cpuUsage();
  fn();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
}

function measure(docs: Doc[], queries: string[], n: number, label: string): Record<string, number> {
  const ranker = new CodeRanker();
  const embedder = new HashingEmbedder();
  const index = new VectorIndex(384, n);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) ranker.upsert(`p${i}`, docs[i % docs.length]);
  const buildMs = performance.now() - t0;
  for (let i = 0; i < n; i++) {
    const d = docs[i % docs.length];
    const text = `${d.name}\n${d.description}\n${d.code}`;
    index.upsert(`p${i}`, embedder.embedOne(text), { language: 'typescript', tokens: contentTokens(text) });
  }
  const accept = (): boolean => true;
  queries.slice(0, 5).forEach((q) => ranker.search(q, 20, accept));
  const mine: number[] = [];
  const wall: number[] = [];
  const before: number[] = [];
  for (const q of queries) {
    const w = performance.now();
    mine.push(cpu(() => ranker.search(q, 20, accept)));
    wall.push(performance.now() - w);
    before.push(cpu(() => index.search(embedder.embedOne(q), { k: 20, queryTokens: contentTokens(q) })));
  }
  return {
    [`ranker_${label}_cpu_ms`]: r3(median(mine)), [`ranker_${label}_cpu_p90_ms`]: r3(p90(mine)), [`ranker_${label}_wall_ms`]: r3(median(wall)),
    [`ranker_${label}_previous_cpu_ms`]: r3(median(before)), [`ranker_${label}_build_ms`]: Math.round(buildMs),
  };
}

export function rankerLatency(quick: boolean): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  const syn = synthetic(100_000, 7).map((t) => ({ name: t.split(' ')[0], description: '', code: t }));
  const synQueries = synthetic(quick ? 20 : 60, 8);
  const real = EVAL_REPOS.flatMap((r) => evalUnits(r)).map((u) => ({ name: u.name, description: describe(u), code: u.code }));
  const realQueries = EVAL_REPOS.flatMap((r) => loadEvalQueries(r).queries.map((q) => q.query)).slice(0, quick ? 20 : undefined);
  for (const n of [1000, 10000, 100000]) {
    Object.assign(out, measure(syn, synQueries, n, `synthetic_${n / 1000}k`));
    Object.assign(out, measure(real, realQueries, n, `real_${n / 1000}k`));
  }
  out.ranker_timing = 'process CPU ms per typed search (expansion + BM25F top 20), median and p90 after 5 warm-ups; *_previous_cpu_ms: the previous hashing cosine + token search (VectorIndex.search, k 20) on the same patterns and queries, same run';
  out.ranker_target_100k_ms = 15;
  return out;
}
