/**
 * Dev-only reference (docs/intent-evaluation.md, third round; not shippable, the sentence model is a dev dependency):
 * how much of the intent gap meaning can close. Each prompt's whole-window USE lite embedding (cached by
 * scripts/intent-use-embed.ts) is given to the class-balanced softmax (default settings) alone, and appended at
 * weight 1 to the second round's shipped features; flat repository-grouped 5-fold CV on the outer folds, no choice
 * made from it. Prints the rows and merges them into bench/results/intent-use-reference.json.
 * Run: `nice -n 10 npx tsx scripts/intent-use-reference.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { groupedFolds, intentMetrics, loadIntentCorpus } from '../src/core/learn/intent-eval';
import { ALL_FEATURES, BUCKETS, INTENT_LABELS, featurize } from '../src/core/learn/intent-features';
import type { Features } from '../src/core/learn/intent-features';
import { DEFAULT_TRAIN_OPTIONS, predictWith, trainWith } from '../src/core/learn/intent-train';

const root = join(__dirname, '..');
const records = loadIntentCorpus(join(root, 'test', 'fixtures', 'intent-corpus', 'prompts.jsonl'));
const cache = JSON.parse(readFileSync(process.env.INTENT_USE_CACHE ?? '/tmp/intent-use/prompts.json', 'utf8')) as Record<string, string>;
const use = records.map((r) => {
  const b = Buffer.from(cache[r.id], 'base64');
  return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
});
const DIMS = 512;
const ys = records.map((r) => INTENT_LABELS.indexOf(r.label));
const fold = groupedFolds(records, 5);

/** Out-of-fold predictions of the default softmax over precomputed features of `dims` dimensions. */
function flatCv(xs: readonly Features[], dims: number): string[] {
  const out = new Array<string>(records.length);
  for (let f = 0; f < 5; f++) {
    const train = records.map((_, i) => i).filter((i) => fold.get(records[i].group) !== f);
    const params = trainWith({ kind: 'softmax', ...DEFAULT_TRAIN_OPTIONS }, train.map((i) => xs[i]), train.map((i) => ys[i]), dims);
    records.forEach((r, i) => {
      if (fold.get(r.group) === f) out[i] = predictWith(params, xs[i]);
    });
  }
  return out;
}

const dense = (v: Float32Array, at: number, w: number): Features => ({ idx: Int32Array.from(v, (_, j) => at + j), val: Float32Array.from(v, (x) => x * w) });
const shippedSet = { ...ALL_FEATURES, ruleWeight: 10 };
const useAlone = use.map((v) => dense(v, 0, 1));
const appended = records.map((r, i) => {
  const h = featurize(r.text, shippedSet);
  const d = dense(use[i], BUCKETS, 1);
  const idx = new Int32Array(h.idx.length + DIMS);
  idx.set(h.idx);
  idx.set(d.idx, h.idx.length);
  const val = new Float32Array(h.val.length + DIMS);
  val.set(h.val);
  val.set(d.val, h.val.length);
  return { idx, val };
});
const out: Record<string, unknown> = {};
const gold = records.map((r) => r.label);
for (const [name, xs, dims] of [
  ['USE lite sentence vector alone, softmax', useAlone, DIMS],
  ['second-round shipped features (rule hits at 10) + USE sentence vector at 1, softmax', appended, BUCKETS + DIMS],
] as const) {
  const pred = flatCv(xs, dims);
  const m = intentMetrics(gold, pred as (typeof INTENT_LABELS)[number][]);
  out[name] = { accuracy: m.accuracy, macroF1: m.macroF1, perLabelF1: Object.fromEntries(INTENT_LABELS.map((l) => [l, m.perLabel[l].f1])) };
  process.stdout.write(`${name}: accuracy ${(m.accuracy * 100).toFixed(1)}%, macro-F1 ${m.macroF1.toFixed(3)}; ${INTENT_LABELS.map((l) => `${l} ${m.perLabel[l].f1.toFixed(2)}`).join(', ')}\n`);
}
writeFileSync(join(root, 'bench', 'results', 'intent-use-reference.json'), JSON.stringify({ prompts: records.length, folds: 5, protocol: 'docs/intent-evaluation.md, third round (reference only)', rows: out, date: new Date().toISOString() }, null, 2) + '\n');
