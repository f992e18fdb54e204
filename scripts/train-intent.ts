/**
 * `npm run train:intent`: trains the shipped intent classifier and measures it, reproducibly, from the labelled corpus
 * in test/fixtures/intent-corpus/ (docs/intent-evaluation.md). Writes
 *  - src/core/learn/intent-model.json: the weights (float32, base64), the learner chosen and the labels the rules keep;
 *  - bench/results/intent.json: nested repository-grouped CV figures of the shipped recipe, the model alone and the
 *    old rules, with confusion matrices (the same module bench/import.bench.ts runs).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateIntent, loadIntentCorpus, selectRecipe } from '../src/core/learn/intent-eval';
import { BUCKETS, FEATURE_DIMS, INTENT_LABELS, featurize } from '../src/core/learn/intent-features';
import { classifyIntentByRules } from '../src/core/learn/intent-rules';
import { trainWith } from '../src/core/learn/intent-train';

const root = join(__dirname, '..');
const corpusPath = join(root, 'test', 'fixtures', 'intent-corpus', 'prompts.jsonl');
const records = loadIntentCorpus(corpusPath);
const groups = new Set(records.map((r) => r.group)).size;
const corpusSha256 = createHash('sha256').update(readFileSync(corpusPath)).digest('hex');

const t0 = Date.now();
const evaluation = evaluateIntent(records, classifyIntentByRules);
const recipe = selectRecipe(records, classifyIntentByRules);
const params = trainWith(
  recipe.learner,
  records.map((r) => featurize(r.text, recipe.features)),
  records.map((r) => INTENT_LABELS.indexOf(r.label)),
  FEATURE_DIMS,
);
const model = {
  format: 3,
  buckets: BUCKETS,
  dims: params.dims,
  labels: INTENT_LABELS,
  learner: recipe.learner,
  features: recipe.features,
  ruleOverrides: recipe.ruleOverrides,
  binary: params.binary,
  trainedOn: { prompts: records.length, groups, corpusSha256 },
  bias: Array.from(params.bias),
  weights: Buffer.from(params.weights.buffer, params.weights.byteOffset, params.weights.byteLength).toString('base64'),
};
writeFileSync(join(root, 'src', 'core', 'learn', 'intent-model.json'), JSON.stringify(model) + '\n');
const results = { corpus: { prompts: records.length, groups, corpusSha256 }, folds: 5, ...evaluation, shippedRecipe: recipe, seconds: Math.round((Date.now() - t0) / 1000), date: new Date().toISOString() };
writeFileSync(join(root, 'bench', 'results', 'intent.json'), JSON.stringify(results, null, 2) + '\n');
const pct = (x: number): string => (x * 100).toFixed(1) + '%';
for (const [name, m] of Object.entries({ shipped: evaluation.shipped, model: evaluation.model, rules: evaluation.rules })) {
  process.stdout.write(`${name}: accuracy ${pct(m.accuracy)} (95% CI ${pct(m.accuracyCi95[0])}-${pct(m.accuracyCi95[1])}), macro-F1 ${m.macroF1.toFixed(3)}\n`);
}
process.stdout.write(`shipped recipe: ${JSON.stringify(recipe)}\n`);
