/**
 * `npx tsx scripts/intent-experiments.ts`: the comparison table of issue 12's task I, one row per learner and
 * feature set, each measured by the same repository-grouped 5-fold CV (the outer folds of docs/intent-evaluation.md;
 * no choice is made from this table, the shipped recipe is chosen by the nested CV in scripts/train-intent.ts).
 * Writes bench/results/intent-experiments.json and prints a markdown table.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Prepared, intentMetrics, loadIntentCorpus, outOfFold } from '../src/core/learn/intent-eval';
import type { Candidate } from '../src/core/learn/intent-eval';
import { ALL_FEATURES, BASE_FEATURES, INTENT_LABELS } from '../src/core/learn/intent-features';
import type { FeatureSet } from '../src/core/learn/intent-features';
import { classifyIntentByRules } from '../src/core/learn/intent-rules';
import { DEFAULT_TRAIN_OPTIONS } from '../src/core/learn/intent-train';
import type { LearnerConfig } from '../src/core/learn/intent-train';
import { installIntentVectors } from './lib/intent-vectors-data';

const root = join(__dirname, '..');
installIntentVectors();
const records = loadIntentCorpus(join(root, 'test', 'fixtures', 'intent-corpus', 'prompts.jsonl'));
const data = Prepared.of(records);
const rows = records.map((_, i) => i);
const gold = records.map((r) => r.label);

const learners: Record<string, LearnerConfig> = {
  'softmax, class-balanced loss': { kind: 'softmax', ...DEFAULT_TRAIN_OPTIONS },
  'softmax, unweighted loss': { kind: 'softmax', ...DEFAULT_TRAIN_OPTIONS, balanceClasses: false },
  'softmax, balanced, step 5, L2 1e-5, 20 epochs': { kind: 'softmax', epochs: 20, learningRate: 5, l2: 1e-5, seed: 1, balanceClasses: true },
  'naive Bayes, alpha 0.1, uniform prior': { kind: 'naive-bayes', alpha: 0.1, uniformPrior: true },
  'complement naive Bayes, alpha 0.3': { kind: 'complement-nb', alpha: 0.3 },
  'complement naive Bayes, alpha 1': { kind: 'complement-nb', alpha: 1 },
};
const featureSets: Record<string, FeatureSet> = {
  'base (word 1-2-grams, char 3-5-grams, shape marks)': BASE_FEATURES,
  '+ CamelCase split': { ...BASE_FEATURES, camelSplit: true },
  '+ evidence marks (trace, error line, path, diff)': { ...BASE_FEATURES, evidence: true },
  '+ leading verb and first words': { ...BASE_FEATURES, lead: true },
  '+ question form': { ...BASE_FEATURES, question: true },
  'all groups': ALL_FEATURES,
  'word 1-2-grams only (no char n-grams)': { ...BASE_FEATURES, charWeight: 0 },
  'all groups, char n-grams at 0.25, lead at 2': { ...ALL_FEATURES, charWeight: 0.25, leadWeight: 2 },
  'all groups, words from the first 300 chars only': { ...ALL_FEATURES, askChars: 300 },
  'all groups + old rules\' pattern hits at 6': { ...ALL_FEATURES, ruleWeight: 6 },
  'all groups + old rules\' pattern hits at 10': { ...ALL_FEATURES, ruleWeight: 10 },
  // Third round (docs/intent-evaluation.md): the distilled word vectors (intent-vectors.ts), softmax only.
  'all groups + old rules\' pattern hits at 10 + word vectors at 1': { ...ALL_FEATURES, ruleWeight: 10, vectorWeight: 1 },
  'all groups + word vectors at 1 (no rule hits)': { ...ALL_FEATURES, vectorWeight: 1 },
};

const pct = (x: number): string => (x * 100).toFixed(1);
const results: Record<string, unknown>[] = [];
const rare = ['architecture', 'code_review', 'refactor', 'test', 'explanation', 'other'] as const;
if (!process.argv.includes('--languages')) process.stdout.write(`| learner | features | accuracy | macro-F1 | ${rare.join(' | ')} |\n|---|---|---|---|${rare.map(() => '---|').join('')}\n`);
const line = (learner: string, features: string, predicted: readonly string[]): void => {
  const m = intentMetrics(gold, predicted.map((p) => p as (typeof INTENT_LABELS)[number]));
  results.push({ learner, features, accuracy: m.accuracy, macroF1: m.macroF1, perLabelF1: Object.fromEntries(INTENT_LABELS.map((l) => [l, m.perLabel[l].f1])) });
  process.stdout.write(`| ${learner} | ${features} | ${pct(m.accuracy)}% | ${m.macroF1.toFixed(3)} | ${rare.map((l) => m.perLabel[l].f1.toFixed(2)).join(' | ')} |\n`);
};
const languagesOnly = process.argv.includes('--languages');
if (!languagesOnly) line('old keyword rules', '-', records.map((r) => classifyIntentByRules(r.text)));
// Arguments: learner name parts to run (default all); `--features=<part>` runs only feature sets whose name has it.
const featureFilter = process.argv.find((a) => a.startsWith('--features='))?.slice('--features='.length);
const only = languagesOnly ? ['-none-'] : process.argv.slice(2).filter((a) => !a.startsWith('--'));
for (const [ln, learner] of Object.entries(learners)) {
  for (const [fn, features] of Object.entries(featureSets)) {
    // Every learner on every single feature group is many runs; the single groups are tried with the first learner
    // and the complement NB only, the others on base and all groups.
    const single = fn.startsWith('+') || fn.startsWith('word') || fn.includes(', ') || fn.includes('rules');
    if (single && !ln.startsWith('softmax, class') && ln !== 'complement naive Bayes, alpha 0.3') continue;
    // Naive Bayes counts hashed slots only: the dense word-vector block would change nothing.
    if (features.vectorWeight > 0 && learner.kind !== 'softmax') continue;
    if (only.length > 0 && !only.some((o) => ln.includes(o))) continue;
    if (featureFilter !== undefined && !fn.includes(featureFilter)) continue;
    const c: Candidate = { learner, features };
    line(ln, fn, outOfFold(data, rows, 5, () => c).map((p) => INTENT_LABELS[p]));
  }
}
if (!languagesOnly) {
  // Rows run now replace the same rows of an earlier run; the others are kept (a run may be limited to some learners).
  const path = join(root, 'bench', 'results', 'intent-experiments.json');
  const key = (r: Record<string, unknown>): string => `${String(r.learner)}|${String(r.features)}`;
  const fresh = new Set(results.map(key));
  let kept: Record<string, unknown>[];
  try {
    kept = (JSON.parse(readFileSync(path, 'utf8')) as { results: Record<string, unknown>[] }).results.filter((r) => !fresh.has(key(r)));
  } catch {
    kept = [];
  }
  writeFileSync(path, JSON.stringify({ prompts: records.length, groups: new Set(records.map((r) => r.group)).size, folds: 5, results: [...kept, ...results], date: new Date().toISOString() }, null, 2) + '\n');
}

/**
 * Other languages (issue 12: `other` only when no signal is found): the shipped model's learner and features, same
 * folds, no rule overrides, split by a crude English test (at least two of a few English function words among the
 * first 40 words). Reported: accuracy, and how often a prompt whose label is not `other` is called `other`.
 */
function byLanguage(): void {
  const shipped = JSON.parse(readFileSync(join(root, 'src', 'core', 'learn', 'intent-model.json'), 'utf8')) as Candidate;
  const pred = outOfFold(data, rows, 5, () => ({ learner: shipped.learner, features: { ...BASE_FEATURES, ...shipped.features } })).map((p) => INTENT_LABELS[p]);
  const EN = new Set(['the', 'and', 'to', 'is', 'it', 'in', 'of', 'this', 'that', 'for', 'can', 'you', 'with', 'i', 'what', 'how', 'please']);
  const english = records.map((r) => (r.text.toLowerCase().match(/[a-z]+/g) ?? []).slice(0, 40).filter((w) => EN.has(w)).length >= 2);
  const out: Record<string, unknown> = {};
  for (const [name, want] of [['english', true], ['other languages', false]] as const) {
    const at = rows.filter((i) => english[i] === want);
    const notOther = at.filter((i) => gold[i] !== 'other');
    const acc = at.filter((i) => pred[i] === gold[i]).length / at.length;
    const toOther = notOther.filter((i) => pred[i] === 'other').length / notOther.length;
    out[name] = { n: at.length, accuracy: acc, calledOtherWhenNot: toOther };
    process.stdout.write(`${name}: ${at.length} prompts, accuracy ${pct(acc)}%, labelled not-other but called other ${pct(toOther)}%\n`);
  }
  writeFileSync(join(root, 'bench', 'results', 'intent-languages.json'), JSON.stringify({ ...out, date: new Date().toISOString() }, null, 2) + '\n');
}
if (process.argv.includes('--languages')) byLanguage();
