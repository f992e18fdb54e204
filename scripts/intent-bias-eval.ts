/**
 * `nice -n 10 npx tsx scripts/intent-bias-eval.ts`: the label-bias step of docs/intent-evaluation.md (fourth step,
 * declared before it was run). Nested repository-grouped CV of the second round's shipped candidate, with one
 * additive bias per label and the rule overrides both chosen on inner out-of-fold scores of each outer fold's
 * training part; reported beside the same procedure with every bias 0. Writes bench/results/intent-bias.json.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Prepared, groupedFolds, intentMetrics, loadIntentCorpus } from '../src/core/learn/intent-eval';
import type { IntentMetrics } from '../src/core/learn/intent-eval';
import { ALL_FEATURES, FEATURE_DIMS, INTENT_LABELS } from '../src/core/learn/intent-features';
import { classifyIntentByRules } from '../src/core/learn/intent-rules';
import { DEFAULT_TRAIN_OPTIONS, logits, trainWith } from '../src/core/learn/intent-train';

const root = join(__dirname, '..');
const records = loadIntentCorpus(join(root, 'test', 'fixtures', 'intent-corpus', 'prompts.jsonl'));
const data = Prepared.of(records);
const xs = data.xs({ ...ALL_FEATURES, ruleWeight: 10 });
const rules = records.map((r) => INTENT_LABELS.indexOf(classifyIntentByRules(r.text)));
const K = INTENT_LABELS.length;
const BIASES = [-1, -0.5, 0, 0.5, 1, 2];
const learner = { kind: 'softmax' as const, ...DEFAULT_TRAIN_OPTIONS };

function train(rows: readonly number[]): ReturnType<typeof trainWith> {
  return trainWith(learner, rows.map((i) => xs[i]), rows.map((i) => data.ys[i]), FEATURE_DIMS);
}

/** Scores of `rows` by a `k`-fold grouped CV over them (each row scored by a model that never saw its group). */
function innerScores(rows: readonly number[], k: number): Float64Array[] {
  const fold = groupedFolds(rows.map((i) => ({ group: data.groups[i] })), k);
  const out = new Array<Float64Array>(rows.length);
  for (let f = 0; f < k; f++) {
    const params = train(rows.filter((i) => fold.get(data.groups[i]) !== f));
    rows.forEach((i, at) => {
      if (fold.get(data.groups[i]) === f) out[at] = logits(params, xs[i]);
    });
  }
  return out;
}

const argmax = (z: Float64Array, bias: readonly number[]): number => {
  let best = 0;
  for (let k = 1; k < K; k++) if (z[k] + bias[k] > z[best] + bias[best]) best = k;
  return best;
};
const macro = (gold: readonly number[], pred: readonly number[]): number => intentMetrics(gold.map((g) => INTENT_LABELS[g]), pred.map((p) => INTENT_LABELS[p])).macroF1;

/** Coordinate ascent over the bias grid, two passes, a change kept only if macro-F1 rises. */
function chooseBiases(scores: readonly Float64Array[], gold: readonly number[]): number[] {
  const bias = new Array<number>(K).fill(0);
  let f1 = macro(gold, scores.map((z) => argmax(z, bias)));
  for (let pass = 0; pass < 2; pass++) {
    for (let k = 0; k < K; k++) {
      for (const b of BIASES) {
        const trial = [...bias];
        trial[k] = b;
        const t = macro(gold, scores.map((z) => argmax(z, trial)));
        if (t > f1) {
          f1 = t;
          bias[k] = b;
        }
      }
    }
  }
  return bias;
}

/** Rule overrides chosen as intent-eval.ts does: label by label, kept if macro-F1 of the predictions rises. */
function chooseOverrides(pred: readonly number[], gold: readonly number[], ruleOf: readonly number[]): number[] {
  const chosen: number[] = [];
  let current = [...pred];
  let f1 = macro(gold, current);
  for (let k = 0; k < K; k++) {
    const trial = current.map((p, at) => (ruleOf[at] === k ? k : p));
    const t = macro(gold, trial);
    if (t > f1) {
      chosen.push(k);
      current = trial;
      f1 = t;
    }
  }
  return chosen;
}

function nested(withBiases: boolean): { metrics: IntentMetrics; modelOnly: IntentMetrics; folds: { biases: number[]; overrides: string[] }[] } {
  const all = records.map((_, i) => i);
  const fold = groupedFolds(records, 5);
  const pred = new Array<number>(records.length);
  const modelOnly = new Array<number>(records.length);
  const folds: { biases: number[]; overrides: string[] }[] = [];
  for (let f = 0; f < 5; f++) {
    const trainRows = all.filter((i) => fold.get(data.groups[i]) !== f);
    const scores = innerScores(trainRows, 4);
    const gold = trainRows.map((i) => data.ys[i]);
    const biases = withBiases ? chooseBiases(scores, gold) : new Array<number>(K).fill(0);
    const overrides = chooseOverrides(scores.map((z) => argmax(z, biases)), gold, trainRows.map((i) => rules[i]));
    folds.push({ biases, overrides: overrides.map((k) => INTENT_LABELS[k]) });
    const params = train(trainRows);
    for (const i of all) {
      if (fold.get(data.groups[i]) !== f) continue;
      modelOnly[i] = argmax(logits(params, xs[i]), biases);
      pred[i] = overrides.includes(rules[i]) ? rules[i] : modelOnly[i];
    }
  }
  const gold = records.map((r) => r.label);
  return { metrics: intentMetrics(gold, pred.map((p) => INTENT_LABELS[p])), modelOnly: intentMetrics(gold, modelOnly.map((p) => INTENT_LABELS[p])), folds };
}

const out: Record<string, unknown> = { prompts: records.length, folds: 5, protocol: 'docs/intent-evaluation.md, fourth step (label biases)', biasGrid: BIASES };
for (const [name, on] of [['biases chosen', true], ['biases 0', false]] as const) {
  const r = nested(on);
  out[name] = r;
  const line = (m: IntentMetrics): string => `accuracy ${(m.accuracy * 100).toFixed(1)}%, macro-F1 ${m.macroF1.toFixed(3)}; ${INTENT_LABELS.map((l) => `${l} ${m.perLabel[l].f1.toFixed(2)}`).join(', ')}`;
  process.stdout.write(`${name}: ${line(r.metrics)}\n  model alone: ${line(r.modelOnly)}\n  ${JSON.stringify(r.folds)}\n`);
}
writeFileSync(join(root, 'bench', 'results', 'intent-bias.json'), JSON.stringify({ ...out, date: new Date().toISOString() }, null, 2) + '\n');
