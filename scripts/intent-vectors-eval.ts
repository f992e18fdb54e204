/**
 * `nice -n 10 npx tsx scripts/intent-vectors-eval.ts`: the third round of docs/intent-evaluation.md. The nested
 * repository-grouped CV of scripts/train-intent.ts (same outer folds, same rule-override choice), its candidates the
 * declared `VECTOR_CANDIDATES`: the second round's shipped candidate with and without the distilled word vectors
 * (bench/data/intent-vectors.json). Writes bench/results/intent-vectors.json; ships nothing (the shipped recipe
 * would change only if this beat the shipped figures of bench/results/intent.json).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CANDIDATES, VECTOR_CANDIDATES, evaluateIntent, loadIntentCorpus, selectRecipe } from '../src/core/learn/intent-eval';
import { classifyIntentByRules } from '../src/core/learn/intent-rules';
import { installIntentVectors } from './lib/intent-vectors-data';

const root = join(__dirname, '..');
installIntentVectors();
const records = loadIntentCorpus(join(root, 'test', 'fixtures', 'intent-corpus', 'prompts.jsonl'));
// `--with-second-round` (fifth step): the second round's nine candidates plus the three with vectors on.
const wide = process.argv.includes('--with-second-round');
const candidates = wide ? [...CANDIDATES, ...VECTOR_CANDIDATES.filter((c) => c.features.vectorWeight > 0)] : VECTOR_CANDIDATES;
const t0 = Date.now();
const evaluation = evaluateIntent(records, classifyIntentByRules, 5, candidates);
const onAll = selectRecipe(records, classifyIntentByRules, 5, candidates);
const out = { corpus: { prompts: records.length, groups: new Set(records.map((r) => r.group)).size }, folds: 5, candidates, ...evaluation, recipeOnAllData: onAll, seconds: Math.round((Date.now() - t0) / 1000), date: new Date().toISOString() };
writeFileSync(join(root, 'bench', 'results', wide ? 'intent-vectors-12.json' : 'intent-vectors.json'), JSON.stringify(out, null, 2) + '\n');
const pct = (x: number): string => (x * 100).toFixed(1) + '%';
for (const [name, m] of Object.entries({ nested: evaluation.shipped, model: evaluation.model })) {
  process.stdout.write(`${name}: accuracy ${pct(m.accuracy)}, macro-F1 ${m.macroF1.toFixed(3)}\n`);
}
const what = (r: (typeof evaluation.recipes)[number]): string => `${r.learner.kind} rules ${r.features.ruleWeight} vectors ${r.features.vectorWeight}`;
process.stdout.write(`per outer fold: ${evaluation.recipes.map(what).join('; ')}; on all data: ${what(onAll)}\n`);
