import type { Intent } from '../model/events';
import { INTENT_LABELS } from './intent-features';
import type { Features } from './intent-features';
import type { IntentModelParams } from './intent-train';

/**
 * `predictWith` for a model whose weights no longer change (the shipped one), on the same arithmetic. `logits`
 * reads a slot's eight label weights from eight rows 64 KiB apart of the 512 KiB matrix: within an import, where
 * the parsed log has pushed the matrix out of the cache, that was about as costly as featurising the prompt (9 us
 * of a short Kiro prompt's 26). The weights are copied once, slot-major (a slot's eight weights side by side, one
 * cache line); each label's score is still summed as `logits` sums it (bias, then the slots in index order, in
 * double precision), so the label is the same, the first of equal scores as in `predictWith`.
 */
const bySlot = new WeakMap<Float32Array, Float32Array>();

/** `weights[label * dims + slot]` as `[slot * K + label]`; `dims` is the model's row length (hashed slots + dense block). */
function slotMajor(weights: Float32Array, dims: number): Float32Array {
  let t = bySlot.get(weights);
  if (t === undefined) {
    const K = INTENT_LABELS.length;
    t = new Float32Array(K * dims);
    for (let k = 0; k < K; k++) for (let s = 0; s < dims; s++) t[s * K + k] = weights[k * dims + s];
    bySlot.set(weights, t);
  }
  return t;
}

const scores = new Float64Array(INTENT_LABELS.length);

/** The label with the highest score, as `predictWith` gives it. Not for weights that change (training). */
export function predictFrozen(params: IntentModelParams, f: Features): Intent {
  const K = INTENT_LABELS.length;
  const w = slotMajor(params.weights, params.dims);
  // Slots past the model's row (a dense block a hashed-only model lacks) count for nothing, as in `predictWith`;
  // the indexes are sorted, so they are a tail.
  let n = f.idx.length;
  while (n > 0 && f.idx[n - 1] >= params.dims) n--;
  if (K === 8 && !params.binary) return INTENT_LABELS[predict8(params.bias, w, f, n)];
  for (let k = 0; k < K; k++) scores[k] = params.bias[k];
  for (let j = 0; j < n; j++) {
    const base = f.idx[j] * K;
    if (params.binary) for (let k = 0; k < K; k++) scores[k] += w[base + k];
    else {
      const v = f.val[j];
      for (let k = 0; k < K; k++) scores[k] += w[base + k] * v;
    }
  }
  let best = 0;
  for (let k = 1; k < K; k++) if (scores[k] > scores[best]) best = k;
  return INTENT_LABELS[best];
}

/**
 * The eight labels' scores in eight locals (registers) rather than an array written back on every slot: the same
 * additions in the same order (bias, then each slot's weight times its value, in double precision). Returns the index
 * of the first highest score over the first `n` slots of `f`.
 */
function predict8(bias: Float32Array, w: Float32Array, f: Features, n: number): number {
  let s0 = bias[0], s1 = bias[1], s2 = bias[2], s3 = bias[3], s4 = bias[4], s5 = bias[5], s6 = bias[6], s7 = bias[7];
  const idx = f.idx;
  const val = f.val;
  for (let j = 0; j < n; j++) {
    const b = idx[j] * 8;
    const v = val[j];
    s0 += w[b] * v;
    s1 += w[b + 1] * v;
    s2 += w[b + 2] * v;
    s3 += w[b + 3] * v;
    s4 += w[b + 4] * v;
    s5 += w[b + 5] * v;
    s6 += w[b + 6] * v;
    s7 += w[b + 7] * v;
  }
  scores[0] = s0;
  scores[1] = s1;
  scores[2] = s2;
  scores[3] = s3;
  scores[4] = s4;
  scores[5] = s5;
  scores[6] = s6;
  scores[7] = s7;
  let best = 0;
  for (let k = 1; k < 8; k++) if (scores[k] > scores[best]) best = k;
  return best;
}
