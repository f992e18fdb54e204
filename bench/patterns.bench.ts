/**
 * Pattern library benchmark: `npm run bench:patterns [-- --quick]` -> bench/results/patterns.json.
 * Every figure is measured beside its reference in the same run (these machines are noisy):
 * extraction vs parse-only with the compiler API over real code from node_modules; top-10 search at
 * 1k/10k/100k patterns (beside an exact float brute-force scan); hashing and model embedder per snippet (bench/model-latency.ts: generated
 * models, no network, so not all-MiniLM-L6-v2); recall@5 of the labelled query set; the code-search
 * ranker's latency at 1k/10k/100k beside the previous vector+token search; recall@1/@5 and MRR on the
 * frozen evaluation (tuning and held-out repositories, naive baseline, previous ranker, ablations).
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import ts from 'typescript';
import { normalize } from '../src/core/embed/embedder';
import { HashingEmbedder } from '../src/core/embed/hashing';
import { contentTokens } from '../src/core/embed/tokens';
import { VectorIndex } from '../src/core/embed/vector-index';
import { extractFromSource } from '../src/core/patterns/extract';
import { FIXTURES, recallAtK } from '../test/unit/patterns/recall';
import { DEFAULT_MIN_RELEVANCE } from '../src/core/search/strength';
import { holdoutFigures } from './search-eval/holdout';
import { modelLatency } from './model-latency';
import { rankerLatency } from './search-eval/latency';
import { rng } from '../src/core/util/random';

const quick = process.argv.includes('--quick');
const root = path.join(__dirname, '..');
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number, d = 3): number => Number(x.toFixed(d));

/** CPU milliseconds of this process (steadier than wall time on a shared 2-core machine). */
function cpuIt(fn: () => void): number {
  (globalThis as { gc?: () => void }).gc?.();
  const c = process.cpuUsage();
  fn();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
}

/**
 * Extraction vs parse-only (same `createSourceFile` arguments), CPU time, one warm-up round, then
 * `reps` interleaved rounds alternating which goes first; median per file, summed over files.
 */
function benchExtraction(reps: number): Record<string, number | string> {
  const files = ['node_modules/typescript/lib/typescript.js', 'node_modules/chart.js/dist/chart.js'].map((f) => path.join(root, f));
  const opts = { minComplexity: 3, minLines: 5 };
  let extract = 0;
  let parse = 0;
  let units = 0;
  let bytes = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    bytes += text.length;
    const e: number[] = [];
    const p: number[] = [];
    const parseOnce = (): number => cpuIt(() => ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS));
    let fileUnits = 0;
    const extractOnce = (): number => cpuIt(() => (fileUnits = extractFromSource(file, text, opts).units.length));
    parseOnce();
    extractOnce();
    for (let i = 0; i < reps; i++) {
      if (i % 2) {
        e.push(extractOnce());
        p.push(parseOnce());
      } else {
        p.push(parseOnce());
        e.push(extractOnce());
      }
    }
    units += fileUnits;
    extract += median(e);
    parse += median(p);
  }
  return {
    extract_ms: round(extract, 1), parse_only_ms: round(parse, 1), extract_ratio: round(extract / parse),
    extract_units: units, extract_bytes: bytes, extract_timing: 'process CPU ms, median',
  };
}

/** Uniform in [-1, 1), seeded (the project's mulberry32). */
function prng(seed: number): () => number {
  const next = rng(seed);
  return () => next() * 2 - 1;
}

const SYLLABLES = ['fe', 'tch', 'us', 'er', 'par', 'se', 'ca', 'che', 'ret', 'ry', 'ro', 'ute', 'ho', 'ok', 'js', 'on', 'qu', 'eue', 'so', 'rt', 'ha', 'sh', 'fi', 'le'];

/** Identifier-like text (4..11 camelCase words) for the hashing embedder. */
function syntheticText(rnd: () => number): string {
  const pick = (): string => SYLLABLES[Math.floor(((rnd() + 1) / 2) * SYLLABLES.length)];
  const words = Array.from({ length: 4 + Math.floor(((rnd() + 1) / 2) * 8) }, () => pick() + pick()[0].toUpperCase() + pick().slice(1));
  return words.join(' ');
}

interface Corpus {
  vecs: Float32Array[];
  texts: string[];
  queries: { vec: Float32Array; text: string }[];
}

/**
 * Index contents and queries for one embedder kind. `hashing`: entries and queries are hashing-embedder
 * vectors of synthetic identifier text (what the default embedder produces; queries are sparse);
 * `dense`: random unit vectors (model-like). Queries are fresh draws, never indexed entries.
 */
function searchCorpus(kind: 'hashing' | 'dense', n: number, nq: number): Corpus {
  const rnd = prng(kind === 'dense' ? 1 : 2);
  const dims = 384;
  const hashing = new HashingEmbedder(dims);
  const draw = (): { vec: Float32Array; text: string } => {
    const text = syntheticText(rnd);
    return { text, vec: kind === 'dense' ? normalize(Float32Array.from({ length: dims }, rnd)) : hashing.embedOne(text) };
  };
  const vecs: Float32Array[] = [];
  const texts: string[] = [];
  for (let i = 0; i < n; i++) {
    const e = draw();
    vecs.push(e.vec);
    texts.push(e.text);
  }
  return { vecs, texts, queries: Array.from({ length: nq }, draw) };
}

const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

/** A collector for the heap (gc exposed at run time: tsx gives no flag). */
const collect = ((): (() => void) => {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  return () => gc();
})();

const heapBytes = (): number => {
  collect();
  const m = process.memoryUsage();
  return m.heapUsed + m.external + m.arrayBuffers;
};

/**
 * Top-10 (cosine + lexical blend) over the first `n` corpus entries: 5 warm-up queries, then each query
 * timed (wall and process CPU); medians with p10/p90 spread. `float_scan` is the reference measured
 * beside it: a plain exact float brute-force top-k over the same vectors (the previous algorithm's core).
 */
function benchSearch(c: Corpus, n: number, label: string, withMemory: boolean): Record<string, number> {
  // Memory (first 100k index only, so no earlier index is freed mid-measure): heap + external + array
  // buffers after a full gc, ids, metadata and token sets included; `vector_bytes`: the typed arrays alone.
  const before = withMemory ? heapBytes() : 0;
  const ix = new VectorIndex(384, n);
  const words = ['typescript', 'javascript', 'typescriptreact'];
  for (let i = 0; i < n; i++) ix.upsert(`p${i}`, c.vecs[i], { language: words[i % 3], tokens: contentTokens(c.texts[i]) });
  const out: Record<string, number> = {};
  if (withMemory) {
    out[`${label}_heap_bytes_per_pattern`] = Math.round((heapBytes() - before) / n);
    out[`${label}_vector_bytes_per_pattern`] = ix.bytesPerEntry;
  }
  const search = (q: { vec: Float32Array; text: string }): void => void ix.search(q.vec, { k: 10, queryTokens: contentTokens(q.text), minRelevance: 0 });
  c.queries.slice(0, 5).forEach(search);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const q of c.queries.slice(5)) {
    const t0 = performance.now();
    cpu.push(cpuIt(() => search(q)));
    wall.push(performance.now() - t0);
  }
  const ref: number[] = [];
  for (const q of c.queries.slice(5, quick ? 10 : 16)) ref.push(cpuIt(() => floatScan(c.vecs, n, q.vec, 80)));
  Object.assign(out, {
    [`${label}_ms`]: round(median(wall)), [`${label}_wall_p10_ms`]: round(pct(wall, 0.1)), [`${label}_wall_p90_ms`]: round(pct(wall, 0.9)),
    [`${label}_cpu_ms`]: round(median(cpu)), [`${label}_cpu_p10_ms`]: round(pct(cpu, 0.1)), [`${label}_cpu_p90_ms`]: round(pct(cpu, 0.9)),
    [`${label}_float_scan_cpu_ms`]: round(median(ref)),
  });
  return out;
}

/** Reference: exact float cosine of every vector, best `k` kept in a sorted array. */
function floatScan(vecs: Float32Array[], n: number, q: Float32Array, k: number): number {
  const best: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = vecs[i];
    let a = 0;
    for (let j = 0; j < v.length; j++) a += v[j] * q[j];
    if (best.length < k || a > best[best.length - 1]) {
      best.push(a);
      best.sort((x, y) => y - x);
      if (best.length > k) best.pop();
    }
  }
  return best[0] ?? 0;
}

function corpusSnippets(): string[] {
  const dir = path.join(FIXTURES, 'corpus');
  const out: string[] = [];
  for (const f of readdirSync(dir)) {
    const fx = extractFromSource(f.replace(/\.txt$/, ''), readFileSync(path.join(dir, f), 'utf8'), { minComplexity: 3, minLines: 5 });
    out.push(...fx.units.map((u) => u.code));
  }
  return out;
}

async function benchEmbedders(snippets: string[]): Promise<Record<string, number | string>> {
  const hashing = new HashingEmbedder();
  const rounds = quick ? 5 : 30;
  for (const s of snippets) hashing.embedOne(s);
  const t = performance.now();
  for (let r = 0; r < rounds; r++) for (const s of snippets) hashing.embedOne(s);
  const hashMs = (performance.now() - t) / (rounds * snippets.length);
  return { hash_embed_ms: round(hashMs, 4), ...(await modelLatency(snippets, quick)) };
}

async function main(): Promise<void> {
  const result: Record<string, number | string> = { mode: quick ? 'quick' : 'full' };
  Object.assign(result, benchExtraction(quick ? 1 : 5));
  result.extract_target_ratio = 1.5;
  const nq = quick ? 20 : 65;
  for (const kind of ['hashing', 'dense'] as const) {
    const corpus = searchCorpus(kind, 100000, nq);
    for (const n of [1000, 10000, 100000]) {
      const label = `search_${n / 1000}k${kind === 'dense' ? '_dense_query' : ''}`;
      Object.assign(result, benchSearch(corpus, n, label, n === 100000 && kind === 'hashing'));
    }
  }
  result.search_target_100k_ms = 15;
  result.search_timing = 'search_*_ms: median wall ms of random top-10 queries (not indexed entries) after 5 warm-ups; *_cpu_ms: process CPU; p10/p90 spread; hashing: index and queries from the hashing embedder; dense: random unit vectors';
  Object.assign(result, await benchEmbedders(corpusSnippets()));
  Object.assign(result, rankerLatency(quick));
  const recall = await recallAtK(new HashingEmbedder(), 5, DEFAULT_MIN_RELEVANCE);
  const codeOnly = await recallAtK(new HashingEmbedder(), 5, DEFAULT_MIN_RELEVANCE, true);
  result.recall_at_5 = round(recall.recall);
  result.recall_at_5_above_min_relevance = round(recall.recallAboveMin);
  result.recall_at_5_code_only = round(codeOnly.recall);
  result.recall_pairs = recall.pairs;
  result.recall_note = 'recall_at_5*: the project\'s own 70 queries over corpus/ (written by the same hands); *_holdout: the frozen evaluation, see test/fixtures/patterns/eval/SOURCE.md';
  Object.assign(result, await holdoutFigures());
  result.node = process.version;
  mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  writeFileSync(path.join(root, 'bench/results/patterns.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(JSON.stringify(result, null, 2));
}

void main();
