import type { Intent } from '../model/events';
import type { LearnerConfig } from './intent-train';
import type { IntentModelParams } from './intent-train';
import { BASE_FEATURES, BUCKETS, FEATURE_DIMS, INTENT_LABELS, featurize } from './intent-features';
import type { FeatureSet } from './intent-features';
import { predictWith } from './intent-train';
import data from './intent-model.json';

/**
 * The shipped intent model: weights trained by scripts/train-intent.ts on the labelled corpus, stored in
 * intent-model.json (float32, base64) and decoded once, on first use.
 */
export interface ShippedIntentModel {
  params: IntentModelParams;
  learner: LearnerConfig;
  /** The feature groups the model was trained on (inference must use the same). */
  features: FeatureSet;
  /** Labels for which the old rules' answer is kept (the rules beat the model there in grouped CV). */
  ruleOverrides: readonly Intent[];
  trainedOn: { prompts: number; groups: number; corpusSha256: string };
}

let loaded: ShippedIntentModel | undefined;

/** Decodes the model file; throws if it does not match this code's labels or feature size. */
export function loadIntentModel(): ShippedIntentModel {
  if (loaded) return loaded;
  // Format 3: `dims` weights per label (the hashed slots, then the word-vector block, intent-features.ts).
  if (data.format !== 3 || data.buckets !== BUCKETS || data.dims !== FEATURE_DIMS || data.labels.join() !== INTENT_LABELS.join()) {
    throw new Error('intent-model.json does not match intent-features.ts: retrain with npm run train:intent');
  }
  const bytes = Buffer.from(data.weights, 'base64');
  const weights = new Float32Array(INTENT_LABELS.length * data.dims);
  if (bytes.byteLength !== weights.byteLength) throw new Error(`intent-model.json: ${bytes.byteLength} weight bytes, expected ${weights.byteLength}`);
  new Uint8Array(weights.buffer).set(bytes);
  loaded = {
    params: { dims: data.dims, weights, bias: Float32Array.from(data.bias), binary: data.binary },
    learner: data.learner as LearnerConfig,
    // A model file written before a feature group existed has that group off.
    features: { ...BASE_FEATURES, ...data.features },
    ruleOverrides: data.ruleOverrides as Intent[],
    trainedOn: data.trainedOn,
  };
  return loaded;
}

/** The model's label for a prompt (no rules). */
export function classifyIntentByModel(prompt: string): Intent {
  const model = loadIntentModel();
  return predictWith(model.params, featurize(prompt, model.features));
}
