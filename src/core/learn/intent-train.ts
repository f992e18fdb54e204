import type { Intent } from '../model/events';
import type { Features } from './intent-features';
import { BUCKETS, INTENT_LABELS, featurize } from './intent-features';
import { rng } from '../util/random';

/**
 * Multinomial logistic regression (softmax) over the hashed features of intent-features.ts, trained by plain SGD.
 * A few dozen lines of our own rather than a library: the npm packages made for text classification either ship
 * a fixed tokenizer that drops non-Latin text, or bring a dense linear-algebra stack for what is a sparse dot
 * product; this one shares its featurizer with inference byte for byte and its weights are one Float32Array.
 * The settings are fixed in docs/intent-evaluation.md before any run, not searched on test folds.
 */
export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Weight each example by the inverse frequency of its label (labels are very unbalanced). */
  balanceClasses: boolean;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { epochs: 30, learningRate: 0.5, l2: 1e-4, seed: 1, balanceClasses: true };

/**
 * Trained parameters: `weights[label * dims + slot]` and one bias per label, labels in INTENT_LABELS order.
 * A label's score is `bias + sum(weight * value)`; `binary` models (naive Bayes) count each present slot as 1.
 * `dims` is BUCKETS hashed slots, plus any dense dimensions appended after them (intent-vectors.ts).
 */
export interface IntentModelParams {
  dims: number;
  weights: Float32Array;
  bias: Float32Array;
  binary: boolean;
}

/** A candidate learner: softmax regression by SGD, or multinomial naive Bayes with additive smoothing. */
export type LearnerConfig =
  | ({ kind: 'softmax' } & TrainOptions)
  | { kind: 'naive-bayes'; alpha: number; uniformPrior: boolean }
  | { kind: 'complement-nb'; alpha: number };

export interface LabelledPrompt {
  text: string;
  label: Intent;
  group: string;
}


/** Label scores (logits) of one feature vector. */
export function logits(params: IntentModelParams, f: Features, out = new Float64Array(INTENT_LABELS.length)): Float64Array {
  for (let k = 0; k < INTENT_LABELS.length; k++) {
    const base = k * params.dims;
    let s = params.bias[k];
    // Slots are sorted: dimensions beyond the model's (dense ones a hashed-only model has no weights for) end the loop.
    if (params.binary) for (let j = 0; j < f.idx.length && f.idx[j] < params.dims; j++) s += params.weights[base + f.idx[j]];
    else for (let j = 0; j < f.idx.length && f.idx[j] < params.dims; j++) s += params.weights[base + f.idx[j]] * f.val[j];
    out[k] = s;
  }
  return out;
}

function softmaxInPlace(z: Float64Array): void {
  let max = -Infinity;
  for (const v of z) max = Math.max(max, v);
  let sum = 0;
  for (let k = 0; k < z.length; k++) {
    z[k] = Math.exp(z[k] - max);
    sum += z[k];
  }
  for (let k = 0; k < z.length; k++) z[k] /= sum;
}

function classWeights(labels: readonly number[], balance: boolean): Float64Array {
  const K = INTENT_LABELS.length;
  const w = new Float64Array(K).fill(1);
  if (!balance) return w;
  const n = new Float64Array(K);
  for (const y of labels) n[y]++;
  for (let k = 0; k < K; k++) w[k] = n[k] > 0 ? labels.length / (K * n[k]) : 0;
  return w;
}

/** Trains on already featurised examples (`labels` are indexes into INTENT_LABELS). */
export function trainOnFeatures(xs: readonly Features[], labels: readonly number[], opts: TrainOptions = DEFAULT_TRAIN_OPTIONS, dims = BUCKETS): IntentModelParams {
  const K = INTENT_LABELS.length;
  const params: IntentModelParams = { dims, weights: new Float32Array(K * dims), bias: new Float32Array(K), binary: false };
  const cw = classWeights(labels, opts.balanceClasses);
  const order = xs.map((_, i) => i);
  const random = rng(opts.seed);
  const p = new Float64Array(K);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const lr = opts.learningRate / (1 + epoch / 10);
    for (const i of order) {
      const f = xs[i];
      logits(params, f, p);
      softmaxInPlace(p);
      for (let k = 0; k < K; k++) {
        const g = (p[k] - (labels[i] === k ? 1 : 0)) * cw[labels[i]];
        const base = k * dims;
        for (let j = 0; j < f.idx.length; j++) {
          const at = base + f.idx[j];
          params.weights[at] -= lr * (g * f.val[j] + opts.l2 * params.weights[at]);
        }
        params.bias[k] -= lr * g;
      }
    }
  }
  return params;
}

/**
 * Multinomial naive Bayes over present slots: log((count(slot, label) + alpha) / (total(label) + alpha * BUCKETS)),
 * bias the log prior (or 0 for a uniform prior, which helps the rare labels).
 */
export function trainNaiveBayes(xs: readonly Features[], labels: readonly number[], alpha: number, uniformPrior: boolean): IntentModelParams {
  const K = INTENT_LABELS.length;
  const counts = new Float64Array(K * BUCKETS);
  const totals = new Float64Array(K);
  const docs = new Float64Array(K);
  xs.forEach((f, i) => {
    const base = labels[i] * BUCKETS;
    for (const slot of f.idx) {
      if (slot >= BUCKETS) continue;
      counts[base + slot]++;
      totals[labels[i]]++;
    }
    docs[labels[i]]++;
  });
  const params: IntentModelParams = { dims: BUCKETS, weights: new Float32Array(K * BUCKETS), bias: new Float32Array(K), binary: true };
  for (let k = 0; k < K; k++) {
    const denom = Math.log(totals[k] + alpha * BUCKETS);
    for (let s = 0; s < BUCKETS; s++) params.weights[k * BUCKETS + s] = Math.log(counts[k * BUCKETS + s] + alpha) - denom;
    params.bias[k] = uniformPrior ? 0 : Math.log((docs[k] + 1) / (xs.length + K));
  }
  return params;
}

/**
 * Complement naive Bayes (Rennie et al. 2003), made for unbalanced text classes: each label is scored by how badly
 * the prompt fits the *other* labels' pooled slot counts, weights -log((count(slot, not label) + alpha) /
 * (total(not label) + alpha * BUCKETS)), normalised per label by their L1 norm so that labels with more data do not
 * win by weight size. No prior.
 */
export function trainComplementNB(xs: readonly Features[], labels: readonly number[], alpha: number): IntentModelParams {
  const K = INTENT_LABELS.length;
  const counts = new Float64Array(K * BUCKETS);
  const all = new Float64Array(BUCKETS);
  const totals = new Float64Array(K);
  xs.forEach((f, i) => {
    const base = labels[i] * BUCKETS;
    for (const slot of f.idx) {
      if (slot >= BUCKETS) continue;
      counts[base + slot]++;
      all[slot]++;
      totals[labels[i]]++;
    }
  });
  const total = totals.reduce((a, b) => a + b, 0);
  const params: IntentModelParams = { dims: BUCKETS, weights: new Float32Array(K * BUCKETS), bias: new Float32Array(K), binary: true };
  const w = new Float64Array(BUCKETS);
  for (let k = 0; k < K; k++) {
    const denom = Math.log(total - totals[k] + alpha * BUCKETS);
    let norm = 0;
    for (let s = 0; s < BUCKETS; s++) {
      w[s] = -(Math.log(all[s] - counts[k * BUCKETS + s] + alpha) - denom);
      norm += Math.abs(w[s]);
    }
    for (let s = 0; s < BUCKETS; s++) params.weights[k * BUCKETS + s] = norm > 0 ? w[s] / norm : 0;
  }
  return params;
}

/** Trains the learner a config names. */
export function trainWith(config: LearnerConfig, xs: readonly Features[], labels: readonly number[], dims = BUCKETS): IntentModelParams {
  if (config.kind === 'naive-bayes') return trainNaiveBayes(xs, labels, config.alpha, config.uniformPrior);
  if (config.kind === 'complement-nb') return trainComplementNB(xs, labels, config.alpha);
  return trainOnFeatures(xs, labels, config, dims);
}

/** Featurises and trains on labelled prompts. */
export function trainIntentModel(examples: readonly LabelledPrompt[], opts: TrainOptions = DEFAULT_TRAIN_OPTIONS): IntentModelParams {
  return trainOnFeatures(
    examples.map((e) => featurize(e.text)),
    examples.map((e) => INTENT_LABELS.indexOf(e.label)),
    opts,
  );
}

/** The label with the highest score. */
export function predictWith(params: IntentModelParams, f: Features): Intent {
  const z = logits(params, f);
  let best = 0;
  for (let k = 1; k < z.length; k++) if (z[k] > z[best]) best = k;
  return INTENT_LABELS[best];
}
