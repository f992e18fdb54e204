import { readFileSync } from 'node:fs';
import type { Intent } from '../model/events';
import { ALL_FEATURES, BASE_FEATURES, FEATURE_DIMS, INTENT_LABELS, featurize } from './intent-features';
import type { FeatureSet, Features } from './intent-features';
import type { LabelledPrompt, LearnerConfig } from './intent-train';
import { DEFAULT_TRAIN_OPTIONS, predictWith, trainWith } from './intent-train';

/**
 * Repository-grouped cross-validation of intent classifiers, shared by scripts/train-intent.ts and
 * bench/import.bench.ts so both report the same figures. The protocol is written in docs/intent-evaluation.md.
 */

/** One corpus record (test/fixtures/intent-corpus/prompts.jsonl); `label` 'skip' marks a non-prompt. */
export interface CorpusRecord extends LabelledPrompt {
  id: string;
  repo: string;
}

/** Reads the labelled corpus, leaving out the records marked `skip`. A malformed line throws with its number. */
export function loadIntentCorpus(path: string): CorpusRecord[] {
  const out: CorpusRecord[] = [];
  readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let r: { id: string; repo: string; group: string; label: string; text: string };
    try {
      r = JSON.parse(line) as typeof r;
    } catch {
      throw new Error(`${path}:${i + 1}: not JSON`);
    }
    if (r.label === 'skip') return;
    if (!INTENT_LABELS.includes(r.label as Intent)) throw new Error(`${path}:${i + 1}: unknown label ${r.label}`);
    out.push({ id: r.id, repo: r.repo, group: r.group, label: r.label as Intent, text: r.text });
  });
  return out;
}

/** Fold of each group: groups sorted by size (largest first, ties by name), each to the fold with fewest prompts. */
export function groupedFolds(records: readonly { group: string }[], k: number): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const r of records) sizes.set(r.group, (sizes.get(r.group) ?? 0) + 1);
  const groups = [...sizes.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const load = new Array<number>(k).fill(0);
  const fold = new Map<string, number>();
  for (const [g, n] of groups) {
    const f = load.indexOf(Math.min(...load));
    fold.set(g, f);
    load[f] += n;
  }
  return fold;
}

export interface LabelMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface IntentMetrics {
  n: number;
  accuracy: number;
  /** Wilson 95% interval of the accuracy (prompts treated as independent, which flatters it a little). */
  accuracyCi95: [number, number];
  macroF1: number;
  perLabel: Record<Intent, LabelMetrics>;
  /** confusion[gold][predicted] counts. */
  confusion: Record<Intent, Record<Intent, number>>;
}

function wilson(right: number, n: number): [number, number] {
  if (n === 0) return [0, 0];
  const z = 1.96;
  const p = right / n;
  const d = 1 + (z * z) / n;
  const c = p + (z * z) / (2 * n);
  const h = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [(c - h) / d, (c + h) / d];
}

/** Accuracy, per-label precision/recall/F1, macro-F1 (over all eight labels) and the confusion matrix. */
export function intentMetrics(gold: readonly Intent[], predicted: readonly Intent[]): IntentMetrics {
  const confusion = Object.fromEntries(INTENT_LABELS.map((g) => [g, Object.fromEntries(INTENT_LABELS.map((p) => [p, 0]))])) as Record<Intent, Record<Intent, number>>;
  let right = 0;
  gold.forEach((g, i) => {
    confusion[g][predicted[i]]++;
    if (g === predicted[i]) right++;
  });
  const perLabel = {} as Record<Intent, LabelMetrics>;
  for (const l of INTENT_LABELS) {
    const tp = confusion[l][l];
    const support = INTENT_LABELS.reduce((s, p) => s + confusion[l][p], 0);
    const predictedN = INTENT_LABELS.reduce((s, g) => s + confusion[g][l], 0);
    const precision = predictedN > 0 ? tp / predictedN : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perLabel[l] = { precision, recall, f1, support };
  }
  const macroF1 = INTENT_LABELS.reduce((s, l) => s + perLabel[l].f1, 0) / INTENT_LABELS.length;
  return { n: gold.length, accuracy: gold.length ? right / gold.length : 0, accuracyCi95: wilson(right, gold.length), macroF1, perLabel, confusion };
}

/** A learner and the feature set it is trained on. */
export interface Candidate {
  learner: LearnerConfig;
  features: FeatureSet;
}

/**
 * The candidates the nested selection may choose from, declared before any of them was run on the corpus
 * (docs/intent-evaluation.md, second round): the first round's softmax on the base features (the previous model),
 * the softmax, an unbalanced softmax, naive Bayes and complement naive Bayes on all feature groups.
 */
export const CANDIDATES: readonly Candidate[] = [
  { learner: { kind: 'softmax', ...DEFAULT_TRAIN_OPTIONS }, features: BASE_FEATURES },
  { learner: { kind: 'softmax', ...DEFAULT_TRAIN_OPTIONS }, features: ALL_FEATURES },
  { learner: { kind: 'softmax', epochs: 20, learningRate: 5, l2: 1e-5, seed: 1, balanceClasses: true }, features: ALL_FEATURES },
  { learner: { kind: 'softmax', ...DEFAULT_TRAIN_OPTIONS, balanceClasses: false }, features: ALL_FEATURES },
  { learner: { kind: 'naive-bayes', alpha: 0.1, uniformPrior: true }, features: ALL_FEATURES },
  { learner: { kind: 'complement-nb', alpha: 0.3 }, features: ALL_FEATURES },
  { learner: { kind: 'complement-nb', alpha: 1 }, features: ALL_FEATURES },
  // Added after the flat-CV table (scripts/intent-experiments.ts) had been seen on all folds: the old rules' pattern
  // hits as features. The nested CV still chooses, but this list was informed by every fold (docs/intent-evaluation.md).
  { learner: { kind: 'softmax', ...DEFAULT_TRAIN_OPTIONS }, features: { ...ALL_FEATURES, ruleWeight: 6 } },
  { learner: { kind: 'softmax', ...DEFAULT_TRAIN_OPTIONS }, features: { ...ALL_FEATURES, ruleWeight: 10 } },
];

/**
 * Third round (docs/intent-evaluation.md), declared before any of it was run: the second round's shipped candidate
 * and the same with the distilled word vectors (intent-vectors.ts) appended at three weights. Run by
 * scripts/intent-vectors-eval.ts; the shipped recipe stays chosen among CANDIDATES unless this list beats it.
 */
const SECOND_ROUND: FeatureSet = { ...ALL_FEATURES, ruleWeight: 10 };
export const VECTOR_CANDIDATES: readonly Candidate[] = [
  { learner: { kind: 'softmax', ...DEFAULT_TRAIN_OPTIONS }, features: SECOND_ROUND },
  { learner: { kind: 'softmax', ...DEFAULT_TRAIN_OPTIONS }, features: { ...SECOND_ROUND, vectorWeight: 0.5 } },
  { learner: { kind: 'softmax', ...DEFAULT_TRAIN_OPTIONS }, features: { ...SECOND_ROUND, vectorWeight: 1 } },
  { learner: { kind: 'softmax', ...DEFAULT_TRAIN_OPTIONS }, features: { ...SECOND_ROUND, vectorWeight: 2 } },
];

/** Prompts featurised once per feature set (the nested CV trains many models on the same vectors). */
export class Prepared {
  private readonly cache = new Map<string, Features[]>();
  readonly ys: number[];
  readonly groups: string[];
  constructor(private readonly texts: readonly string[], labels: readonly Intent[], groups: readonly string[]) {
    this.ys = labels.map((l) => INTENT_LABELS.indexOf(l));
    this.groups = [...groups];
  }
  static of(records: readonly LabelledPrompt[]): Prepared {
    return new Prepared(records.map((r) => r.text), records.map((r) => r.label), records.map((r) => r.group));
  }
  xs(set: FeatureSet): Features[] {
    const key = JSON.stringify(set);
    let xs = this.cache.get(key);
    if (!xs) {
      xs = this.texts.map((t) => featurize(t, set));
      this.cache.set(key, xs);
    }
    return xs;
  }
}

/** Out-of-fold predictions over `rows` by a `k`-fold grouped CV, the candidate for each fold given by `choose`. */
export function outOfFold(data: Prepared, rows: readonly number[], k: number, choose: (train: number[]) => Candidate): number[] {
  const fold = groupedFolds(rows.map((i) => ({ group: data.groups[i] })), k);
  const out = new Array<number>(rows.length);
  for (let f = 0; f < k; f++) {
    const train = rows.filter((i) => fold.get(data.groups[i]) !== f);
    const c = choose(train);
    const xs = data.xs(c.features);
    const params = trainWith(c.learner, train.map((i) => xs[i]), train.map((i) => data.ys[i]), FEATURE_DIMS);
    rows.forEach((i, at) => {
      if (fold.get(data.groups[i]) === f) out[at] = INTENT_LABELS.indexOf(predictWith(params, xs[i]));
    });
  }
  return out;
}

function macroF1Of(gold: readonly number[], pred: readonly number[]): number {
  return intentMetrics(gold.map((g) => INTENT_LABELS[g]), pred.map((p) => INTENT_LABELS[p])).macroF1;
}

/** The candidate with the best macro-F1 in a grouped CV over `rows` only (ties: the earlier one), and its predictions. */
function selectOn(data: Prepared, rows: readonly number[], k: number, candidates: readonly Candidate[]): { candidate: Candidate; oof: number[] } {
  let best = { candidate: candidates[0], oof: [] as number[], f1: -1 };
  const gold = rows.map((i) => data.ys[i]);
  for (const c of candidates) {
    const oof = outOfFold(data, rows, k, () => c);
    const f1 = macroF1Of(gold, oof);
    if (f1 > best.f1) best = { candidate: c, oof, f1 };
  }
  return { candidate: best.candidate, oof: best.oof };
}

/**
 * Labels for which the rule-based classifier's answer replaces the model's (when the rules give that label),
 * chosen greedily, label by label, only if macro-F1 of the out-of-fold predictions on `rows` rises.
 */
function selectOverrides(data: Prepared, rows: readonly number[], oof: readonly number[], rules: readonly number[]): Intent[] {
  const gold = rows.map((i) => data.ys[i]);
  const chosen: Intent[] = [];
  let current = [...oof];
  let f1 = macroF1Of(gold, current);
  for (let k = 0; k < INTENT_LABELS.length; k++) {
    const trial = current.map((p, at) => (rules[rows[at]] === k ? k : p));
    const t = macroF1Of(gold, trial);
    if (t > f1) {
      chosen.push(INTENT_LABELS[k]);
      current = trial;
      f1 = t;
    }
  }
  return chosen;
}

/** What a classifier is made of: the learner, its features, and the labels the rules keep (docs/intent-evaluation.md). */
export interface IntentRecipe extends Candidate {
  ruleOverrides: Intent[];
}

function recipeOn(data: Prepared, rows: readonly number[], k: number, rules: readonly number[], candidates: readonly Candidate[]): IntentRecipe {
  const { candidate, oof } = selectOn(data, rows, k, candidates);
  return { ...candidate, ruleOverrides: selectOverrides(data, rows, oof, rules) };
}

/** The recipe chosen by grouped CV (`k` folds) over all of `records`: what scripts/train-intent.ts ships. */
export function selectRecipe(records: readonly LabelledPrompt[], rules: (text: string) => Intent, k = 5, candidates: readonly Candidate[] = CANDIDATES): IntentRecipe {
  const data = Prepared.of(records);
  const r = records.map((x) => INTENT_LABELS.indexOf(rules(x.text)));
  return recipeOn(data, records.map((_, i) => i), k, r, candidates);
}

/**
 * Out-of-fold predictions by nested grouped CV: for each of the `k` outer folds, the recipe (learner, features and
 * rule overrides) is chosen by a (k-1)-fold grouped CV inside the other folds, the learner trained on them, and the
 * held-out fold predicted. No prompt's group is seen by the model, or by the choices, that predict it.
 * `modelOnly` are the same folds' predictions without the rule overrides.
 */
export function crossValidatedPredictions(records: readonly LabelledPrompt[], rules: (text: string) => Intent, k = 5, candidates: readonly Candidate[] = CANDIDATES): { predicted: Intent[]; modelOnly: Intent[]; recipes: IntentRecipe[] } {
  const data = Prepared.of(records);
  const r = records.map((x) => INTENT_LABELS.indexOf(rules(x.text)));
  const recipes: IntentRecipe[] = [];
  const all = records.map((_, i) => i);
  const fold = groupedFolds(records, k);
  const modelOnly = new Array<number>(records.length);
  const predicted = new Array<number>(records.length);
  for (let f = 0; f < k; f++) {
    const train = all.filter((i) => fold.get(data.groups[i]) !== f);
    const recipe = recipeOn(data, train, k - 1, r, candidates);
    recipes.push(recipe);
    const xs = data.xs(recipe.features);
    const params = trainWith(recipe.learner, train.map((i) => xs[i]), train.map((i) => data.ys[i]), FEATURE_DIMS);
    for (const i of all) {
      if (fold.get(data.groups[i]) !== f) continue;
      modelOnly[i] = INTENT_LABELS.indexOf(predictWith(params, xs[i]));
      predicted[i] = recipe.ruleOverrides.includes(INTENT_LABELS[r[i]]) ? r[i] : modelOnly[i];
    }
  }
  return { predicted: predicted.map((p) => INTENT_LABELS[p]), modelOnly: modelOnly.map((p) => INTENT_LABELS[p]), recipes };
}

/** Nested grouped-CV metrics of the shipped recipe, of the model alone, and of the old rules alone, on the same prompts. */
export function evaluateIntent(records: readonly LabelledPrompt[], rules: (text: string) => Intent, k = 5, candidates: readonly Candidate[] = CANDIDATES): { shipped: IntentMetrics; model: IntentMetrics; rules: IntentMetrics; recipes: IntentRecipe[] } {
  const gold = records.map((r) => r.label);
  const cv = crossValidatedPredictions(records, rules, k, candidates);
  return {
    shipped: intentMetrics(gold, cv.predicted),
    model: intentMetrics(gold, cv.modelOnly),
    rules: intentMetrics(gold, records.map((r) => rules(r.text))),
    recipes: cv.recipes,
  };
}
