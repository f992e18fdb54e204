/**
 * Dev-only: `nice -n 10 npx tsx scripts/intent-prototypes.ts` runs the label-description rows of
 * docs/intent-evaluation.md (third round): eight features, a prompt's cosine with each label's definition in the
 * labelling guide, appended at weight 1 and 3 to the second round's shipped features; by the distilled word vectors
 * (bench/data/intent-vectors.json, shippable) and, as a reference, by the sentence model (prompt vectors cached by
 * scripts/intent-use-embed.ts). Flat repository-grouped 5-fold CV on the outer folds; no choice is made from it.
 * Writes bench/results/intent-prototypes.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { groupedFolds, intentMetrics, loadIntentCorpus } from '../src/core/learn/intent-eval';
import { ALL_FEATURES, FEATURE_DIMS, INTENT_LABELS, featurize } from '../src/core/learn/intent-features';
import type { Features } from '../src/core/learn/intent-features';
import { VECTOR_DIMS, meanWordVector } from '../src/core/learn/intent-vectors';
import { DEFAULT_TRAIN_OPTIONS, predictWith, trainWith } from '../src/core/learn/intent-train';
import { installIntentVectors } from './lib/intent-vectors-data';
import { loadUse } from './lib/use-model';

const root = join(__dirname, '..');
installIntentVectors();
const records = loadIntentCorpus(join(root, 'test', 'fixtures', 'intent-corpus', 'prompts.jsonl'));
const ys = records.map((r) => INTENT_LABELS.indexOf(r.label));
const fold = groupedFolds(records, 5);
const K = INTENT_LABELS.length;

/** The guide's table, label -> definition (docs/intent-labelling-guide.md). */
function definitions(): string[] {
  const guide = readFileSync(join(root, 'docs', 'intent-labelling-guide.md'), 'utf8');
  return INTENT_LABELS.map((l) => {
    const line = guide.split('\n').find((x) => x.startsWith(`| \`${l}\` |`));
    if (!line) throw new Error(`no definition of ${l} in the guide`);
    return line.split('|')[2].trim();
  });
}

const WORD = /[\p{L}\p{N}]+/gu;
function wordMean(text: string): Float32Array | undefined {
  const out = new Float32Array(VECTOR_DIMS);
  return meanWordVector(text.toLowerCase().slice(0, 1000).match(WORD) ?? [], out) ? out : undefined;
}
const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i], 0);

function withPrototypes(base: Features, sims: readonly number[], w: number): Features {
  const idx = new Int32Array(base.idx.length + K);
  const val = new Float32Array(base.val.length + K);
  idx.set(base.idx);
  val.set(base.val);
  sims.forEach((s, k) => {
    idx[base.idx.length + k] = FEATURE_DIMS + k;
    val[base.val.length + k] = s * w;
  });
  return { idx, val };
}

function flatCv(xs: readonly Features[]): string[] {
  const out = new Array<string>(records.length);
  for (let f = 0; f < 5; f++) {
    const train = records.map((_, i) => i).filter((i) => fold.get(records[i].group) !== f);
    const params = trainWith({ kind: 'softmax', ...DEFAULT_TRAIN_OPTIONS }, train.map((i) => xs[i]), train.map((i) => ys[i]), FEATURE_DIMS + K);
    records.forEach((r, i) => {
      if (fold.get(r.group) === f) out[i] = predictWith(params, xs[i]);
    });
  }
  return out;
}

async function main(): Promise<void> {
  const defs = definitions();
  const base = records.map((r) => featurize(r.text, { ...ALL_FEATURES, ruleWeight: 10 }));
  const protoWords = defs.map((d) => wordMean(d) ?? new Float32Array(VECTOR_DIMS));
  const simWords = records.map((r) => {
    const v = wordMean(r.text);
    return protoWords.map((p) => (v ? dot(v, p) : 0));
  });
  const use = await loadUse();
  const protoUse = await use.embed(defs);
  const cache = JSON.parse(readFileSync(process.env.INTENT_USE_CACHE ?? '/tmp/intent-use/prompts.json', 'utf8')) as Record<string, string>;
  const simUse = records.map((r) => {
    const b = Buffer.from(cache[r.id], 'base64');
    const v = new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
    return protoUse.map((p) => dot(v, p));
  });
  // Zero-shot reference: the label whose definition is closest, no training at all.
  const zeroShot = simUse.map((s) => INTENT_LABELS[s.indexOf(Math.max(...s))]);
  const gold = records.map((r) => r.label);
  const rows: Record<string, unknown> = {};
  const report = (name: string, pred: readonly string[]): void => {
    const m = intentMetrics(gold, pred as (typeof INTENT_LABELS)[number][]);
    rows[name] = { accuracy: m.accuracy, macroF1: m.macroF1, perLabelF1: Object.fromEntries(INTENT_LABELS.map((l) => [l, m.perLabel[l].f1])) };
    process.stdout.write(`${name}: accuracy ${(m.accuracy * 100).toFixed(1)}%, macro-F1 ${m.macroF1.toFixed(3)}; ${INTENT_LABELS.map((l) => `${l} ${m.perLabel[l].f1.toFixed(2)}`).join(', ')}\n`);
  };
  report('zero-shot: nearest definition by the sentence model (reference)', zeroShot);
  for (const w of [1, 3]) {
    report(`second-round features + definition cosines by word vectors at ${w}`, flatCv(base.map((b, i) => withPrototypes(b, simWords[i], w))));
    report(`second-round features + definition cosines by the sentence model at ${w} (reference)`, flatCv(base.map((b, i) => withPrototypes(b, simUse[i], w))));
  }
  writeFileSync(join(root, 'bench', 'results', 'intent-prototypes.json'), JSON.stringify({ prompts: records.length, folds: 5, protocol: 'docs/intent-evaluation.md, third round (label-description features)', rows, date: new Date().toISOString() }, null, 2) + '\n');
}
void main();
