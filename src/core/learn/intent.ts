import type { Intent } from '../model/events';
import { loadIntentModel } from './intent-model';
import { featurize } from './intent-features';
import { classifyIntentByRules } from './intent-rules';
import { predictFrozen } from './intent-predict';

/**
 * Intent of a chat prompt: the supervised model trained on real prompts from many public repositories
 * (src/core/learn/intent-model.json, scripts/train-intent.ts), with the old keyword rules kept only for the labels
 * where they beat the model in repository-grouped cross-validation (the model file lists them). Figures in
 * bench/results/intent.json. Deterministic; well under a millisecond a prompt.
 */
export function classifyIntent(prompt: string | undefined): Intent {
  // No letter or digit at all: nothing to judge by, so no request ('other' by the labelling guide's rule 1).
  if (prompt === undefined || !/[\p{L}\p{N}]/u.test(prompt.slice(0, 5000))) return 'other';
  const model = loadIntentModel();
  if (model.ruleOverrides.length > 0) {
    const byRules = classifyIntentByRules(prompt);
    if (model.ruleOverrides.includes(byRules)) return byRules;
  }
  return predictFrozen(model.params, featurize(prompt, model.features, true));
}
