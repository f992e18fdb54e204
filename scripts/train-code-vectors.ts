/**
 * Builds `bench/search-eval/data/code-vectors.json`: stem vectors trained for code search, the
 * CodeSearchNet neural bag-of-words baseline (Husain et al. 2019) with one shared table. A unit's doc
 * comment (mean of its stems' vectors) should be nearest its own code (name, signature, strings, body
 * identifiers) among the other units of a batch: softmax over SCALE x cosine, in-batch negatives,
 * Adagrad on the rows touched. Pairs: units with a doc comment of >= 3 terms found by the product's
 * extractor in the TypeScript/JavaScript files under node_modules (packages ky, magic-string, h3, tsup
 * skipped; deduplicated by doc text). Initialised from the USE-distilled vectors
 * (`word-vectors.json`, scripts/build-word-vectors.ts), random for stems they lack.
 * Protocol: test/fixtures/patterns/eval/SOURCE.md, rounds 5 and 6 (`--disjoint`: the doc side keeps only the stems
 * its code lacks). Run: `npx tsx scripts/train-code-vectors.ts [--disjoint]` (~30 s,
 * deterministic; the output, 3.7 MB, is not committed: `word-vectors-grid.ts --round 5` needs it).
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { nodeModuleSources } from './lib/node-module-sources';
import { extractFromSource } from '../src/core/patterns/extract';
import { describe } from '../src/core/patterns/records';
import { DEFAULT_EXTRACTION } from '../src/core/patterns/types';
import { fieldTerms } from '../src/core/search/fields';
import { decodeWordVectors, type PackedWordVectors } from '../src/core/search/word-vectors';
import { rng } from '../src/core/util/random';

const root = path.join(__dirname, '..');
const SKIP = new Set(['ky', 'magic-string', 'h3', 'tsup', '.bin', '.cache']);
const MAX_FILE = 300_000;
const MIN_DF = 3;
const EPOCHS = Number(process.env.EPOCHS ?? 5);
const BATCH = 64;
const SCALE = 20;
const LR = 0.2;
/** Round 6 (`--disjoint`): the doc side keeps only the stems its code lacks. */
const DISJOINT = process.argv.includes('--disjoint');
const OUT = path.join(root, `bench/search-eval/data/code-vectors${DISJOINT ? '-disjoint' : ''}.json`);
const say = (s: string): boolean => process.stdout.write(s + '\n');

function pairs(): { doc: string[]; code: string[] }[] {
  const list = nodeModuleSources(path.join(root, 'node_modules'), SKIP, (name, size) => !name.endsWith('.d.ts') && size < MAX_FILE);
  const seen = new Set<string>();
  const out: { doc: string[]; code: string[] }[] = [];
  for (const [n, f] of list.entries()) {
    if (n % 2000 === 0) say(`extracting ${n}/${list.length}: ${out.length} pairs`);
    let units;
    try {
      units = extractFromSource(f, readFileSync(f, 'utf8'), DEFAULT_EXTRACTION).units;
    } catch {
      continue;
    }
    for (const u of units) {
      if (!u.doc || seen.has(u.doc)) continue;
      seen.add(u.doc);
      const t = fieldTerms({ name: u.name, description: describe({ signature: u.signature }), code: u.code });
      const doc = fieldTerms({ name: '', description: `${u.doc} — `, code: '' }).doc;
      const code = [...t.name, ...t.signature, ...t.strings, ...t.body];
      const codeSet = new Set(code);
      const docSide = [...new Set(doc)].filter((t) => !DISJOINT || !codeSet.has(t));
      if (doc.length >= 3 && docSide.length >= (DISJOINT ? 2 : 1) && code.length) out.push({ doc: docSide, code: [...codeSet] });
    }
  }
  say(`files ${list.length}, pairs ${out.length}`);
  return out;
}

function main(): void {
  const data = pairs();
  const df = new Map<string, number>();
  for (const p of data) for (const t of new Set([...p.doc, ...p.code])) df.set(t, (df.get(t) ?? 0) + 1);
  const packed = JSON.parse(readFileSync(path.join(root, 'bench/search-eval/data/word-vectors.json'), 'utf8')) as PackedWordVectors;
  // Every USE stem (untrained ones keep their vector) and every stem of >= MIN_DF training units.
  const vocab = [...new Set([...packed.stems.split(' '), ...[...df].filter(([, n]) => n >= MIN_DF).map(([t]) => t)])].sort();
  const init = decodeWordVectors(packed);
  const d = init.dims;
  const row = new Map(vocab.map((t, i) => [t, i]));
  const next = rng(5);
  const E = new Float32Array(vocab.length * d);
  vocab.forEach((t, i) => {
    const v = init.get(t);
    for (let k = 0; k < d; k++) E[i * d + k] = v ? v[k] : (next() - 0.5) * 0.1;
  });
  const G = new Float32Array(vocab.length).fill(1e-6);
  const ids = (ts: string[]): number[] => ts.map((t) => row.get(t)).filter((x): x is number => x !== undefined);
  const all = data.map((p) => ({ q: ids(p.doc), c: ids(p.code) })).filter((e) => e.q.length && e.c.length);
  // Every tenth pair validates: the epoch with the lowest validation loss is kept.
  const examples = all.filter((_, i) => i % 10 !== 0);
  const validation = all.filter((_, i) => i % 10 === 0);
  say(`vocabulary ${vocab.length}, training pairs ${examples.length}, validation ${validation.length}`);
  const encode = (xs: number[]): { v: Float32Array; norm: number } => {
    const v = new Float32Array(d);
    for (const r of xs) for (let k = 0; k < d; k++) v[k] += E[r * d + k] / xs.length;
    return { v, norm: Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1 };
  };
  const validate = (): number => {
    let loss = 0;
    let n = 0;
    for (let b = 0; b + BATCH <= validation.length; b += BATCH) {
      const batch = validation.slice(b, b + BATCH);
      const unit = (x: { v: Float32Array; norm: number }): Float32Array => x.v.map((y) => y / x.norm);
      const qu = batch.map((e) => unit(encode(e.q)));
      const cu = batch.map((e) => unit(encode(e.c)));
      for (let i = 0; i < batch.length; i++) {
        const s = cu.map((c) => SCALE * c.reduce((a, x, k) => a + x * qu[i][k], 0));
        const m = Math.max(...s);
        const z = s.reduce((a, x) => a + Math.exp(x - m), 0);
        loss += -(s[i] - m - Math.log(z));
        n++;
      }
    }
    return loss / Math.max(1, n);
  };
  let best = { loss: validate(), epoch: 0, E: E.slice() };
  say(`epoch 0 (the USE vectors): validation loss ${best.loss.toFixed(3)}`);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const order = examples.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let loss = 0;
    for (let b = 0; b + BATCH <= order.length; b += BATCH) {
      const batch = order.slice(b, b + BATCH).map((i) => examples[i]);
      const Q = batch.map((e) => encode(e.q));
      const C = batch.map((e) => encode(e.c));
      const u = (x: { v: Float32Array; norm: number }): Float32Array => x.v.map((y) => y / x.norm);
      const qu = Q.map(u);
      const cu = C.map(u);
      const gq = batch.map(() => new Float32Array(d));
      const gc = batch.map(() => new Float32Array(d));
      for (let i = 0; i < BATCH; i++) {
        const s = cu.map((c) => SCALE * c.reduce((a, x, k) => a + x * qu[i][k], 0));
        const m = Math.max(...s);
        const e = s.map((x) => Math.exp(x - m));
        const z = e.reduce((a, x) => a + x, 0);
        loss += -Math.log(e[i] / z);
        for (let j = 0; j < BATCH; j++) {
          const g = SCALE * (e[j] / z - (i === j ? 1 : 0));
          for (let k = 0; k < d; k++) {
            gq[i][k] += g * cu[j][k];
            gc[j][k] += g * qu[i][k];
          }
        }
      }
      // Through the normalisation (x / |x|) and the mean, onto the rows, with Adagrad per row.
      const apply = (enc: { v: Float32Array; norm: number }[], un: Float32Array[], grads: Float32Array[], rows: number[][]): void => {
        enc.forEach((x, i) => {
          const gu = grads[i];
          const dotGU = gu.reduce((a, y, k) => a + y * un[i][k], 0);
          const gv = gu.map((y, k) => (y - dotGU * un[i][k]) / x.norm / rows[i].length);
          const sq = gv.reduce((a, y) => a + y * y, 0) / d;
          for (const r of rows[i]) {
            G[r] += sq;
            const step = LR / Math.sqrt(G[r]);
            for (let k = 0; k < d; k++) E[r * d + k] -= step * gv[k];
          }
        });
      };
      apply(Q, qu, gq, batch.map((e) => e.q));
      apply(C, cu, gc, batch.map((e) => e.c));
    }
    const v = validate();
    say(`epoch ${epoch + 1}: training loss ${(loss / Math.max(1, Math.floor(order.length / BATCH) * BATCH)).toFixed(3)}, validation ${v.toFixed(3)} (chance ${Math.log(BATCH).toFixed(3)})`);
    if (v < best.loss) best = { loss: v, epoch: epoch + 1, E: E.slice() };
  }
  E.set(best.E);
  say(`kept epoch ${best.epoch}`);
  const bytes = new Int8Array(vocab.length * d);
  vocab.forEach((_, i) => {
    let max = 0;
    for (let k = 0; k < d; k++) max = Math.max(max, Math.abs(E[i * d + k]));
    for (let k = 0; k < d; k++) bytes[i * d + k] = Math.round((E[i * d + k] / (max || 1)) * 127);
  });
  const out = { source: 'CodeSearchNet NBoW on documented units under node_modules, initialised from USE lite static vectors; int8. scripts/train-code-vectors.ts', dims: d, stems: vocab.join(' '), vectors: Buffer.from(bytes.buffer).toString('base64') };
  writeFileSync(OUT, JSON.stringify(out) + '\n');
  say(`${vocab.length} stems x ${d} dims -> ${path.relative(root, OUT)} (${(statSync(OUT).size / 1e6).toFixed(2)} MB)`);
}

main();
