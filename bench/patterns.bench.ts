/**
 * Pattern library benchmark: `npm run bench:patterns [-- --quick]` -> bench/results/patterns.json.
 * Every figure is measured beside its reference in the same run (these machines are noisy):
 * extraction vs parse-only with the compiler API over real code from node_modules; top-10 search at
 * 1k/10k/100k patterns; hashing and model embedder per snippet (the model is the tiny generated BERT
 * here: no network, so not all-MiniLM-L6-v2); recall@5 of the labelled query set.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { normalize } from '../src/core/embed/embedder';
import { HashingEmbedder } from '../src/core/embed/hashing';
import { contentTokens } from '../src/core/embed/tokens';
import { TransformersEmbedder } from '../src/core/embed/transformers';
import { VectorIndex } from '../src/core/embed/vector-index';
import { extractFromSource } from '../src/core/patterns/extract';
import { TINY_MODEL_ID, tinyModelDir } from '../test/unit/embed/tiny-model';
import { FIXTURES, recallAtK } from '../test/unit/patterns/recall';

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

/**
 * Top-10 (cosine + lexical blend) over `n` random unit vectors of 384 dims, median CPU ms of 25 queries:
 * `sparse` queries come from the hashing embedder (the default); dense ones are model-like.
 */
function benchSearch(n: number, dense = false): number {
  const dims = 384;
  const ix = new VectorIndex(dims, n);
  let seed = n;
  const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  const words = ['fetch', 'user', 'parse', 'cache', 'retry', 'route', 'hook', 'file', 'json', 'queue', 'sort', 'hash'];
  for (let i = 0; i < n; i++) {
    const v = normalize(Float32Array.from({ length: dims }, rnd));
    ix.upsert(`p${i}`, v, { language: i % 3 ? 'typescript' : 'javascript', tokens: new Set([words[i % 12], words[(i * 7) % 12]]) });
  }
  const hashing = new HashingEmbedder(dims);
  const times: number[] = [];
  for (let q = 0; q < 25; q++) {
    const text = `retry fetch user ${q}`;
    const vec = dense ? normalize(Float32Array.from({ length: dims }, rnd)) : hashing.embedOne(text);
    times.push(cpuIt(() => ix.search(vec, { k: 10, queryTokens: contentTokens(text), minRelevance: 0 })));
  }
  return round(median(times));
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
  const found = tinyModelDir();
  if ('reason' in found) return { hash_embed_ms: round(hashMs, 4), model_embed_ms: -1, model: `not measured: ${found.reason}` };
  const tl = performance.now();
  const model = await TransformersEmbedder.load({ localModelPath: found.dir, modelId: TINY_MODEL_ID });
  const loadMs = performance.now() - tl;
  const times: number[] = [];
  for (const s of snippets.slice(0, quick ? 20 : snippets.length)) {
    const t0 = performance.now();
    await model.embed([s]);
    times.push(performance.now() - t0);
  }
  await model.dispose();
  return {
    hash_embed_ms: round(hashMs, 4),
    model_embed_ms: round(median(times)),
    model_load_ms: round(loadMs, 1),
    model: 'tiny generated BERT (2 layers, 32 dims, q8), not all-MiniLM-L6-v2: no network here',
  };
}

async function main(): Promise<void> {
  const result: Record<string, number | string> = { mode: quick ? 'quick' : 'full' };
  Object.assign(result, benchExtraction(quick ? 1 : 5));
  result.extract_target_ratio = 1.5;
  for (const n of [1000, 10000, 100000]) result[`search_${n / 1000}k_ms`] = benchSearch(n);
  result.search_100k_dense_query_ms = benchSearch(100000, true);
  result.search_target_100k_ms = 15;
  Object.assign(result, await benchEmbedders(corpusSnippets()));
  const recall = await recallAtK(new HashingEmbedder(), 5, 0.6);
  const codeOnly = await recallAtK(new HashingEmbedder(), 5, 0.6, true);
  result.recall_at_5 = round(recall.recall);
  result.recall_at_5_above_min_relevance = round(recall.recallAboveMin);
  result.recall_at_5_code_only = round(codeOnly.recall);
  result.recall_pairs = recall.pairs;
  result.node = process.version;
  mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  writeFileSync(path.join(root, 'bench/results/patterns.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(JSON.stringify(result, null, 2));
}

void main();
