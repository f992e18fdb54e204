/**
 * Checks the frozen search evaluation (`test/fixtures/patterns/eval/*.queries.json`), independently of
 * the ranker's own tokeniser: every target names a unit the product's extractor finds in the fixture
 * repository, and every `paraphrase` query shares no word stem with any of its targets' name, doc
 * comment, signature or code. Words are split on non-letters and on camelCase / snake_case, lowercased
 * and Porter2-stemmed; a short list of English function words is ignored.
 * Run: `npx tsx bench/search-eval/check-queries.ts` (exit 1 on any violation); the unit tier runs
 * `checkQueries` too.
 */
import path from 'node:path';
import stem from 'wink-porter2-stemmer';
import { EVAL_REPOS, evalUnits, loadEvalQueries } from '../../test/unit/patterns/eval-set';

const FUNCTION_WORDS = new Set(
  ('a an the of to in on at by for from with and or is it its this that be as into not no any all each every own ' +
    'one two do does did has have how what when which while so than then there their them they we you your our if else s')
    .split(' '),
);

function words(text: string): string[] {
  const out: string[] = [];
  for (const w of text.split(/[^A-Za-z]+/)) {
    for (const part of w.match(/[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+/g) ?? []) out.push(part.toLowerCase());
  }
  return out;
}

const stems = (text: string): Set<string> => new Set(words(text).map((w) => stem(w)));

/** Every problem found, as a sentence; empty when the evaluation is sound. */
export function checkQueries(): string[] {
  const problems: string[] = [];
  for (const repo of EVAL_REPOS) {
    const units = evalUnits(repo);
    const byName = new Map(units.map((u) => [u.name, u]));
    const set = loadEvalQueries(repo);
    const kinds = { paraphrase: 0, code: 0 };
    for (const q of set.queries) {
      kinds[q.kind]++;
      const missing = q.targets.filter((t) => !byName.has(t));
      if (missing.length) {
        problems.push(`${repo}: unknown target ${missing.join(', ')} for "${q.query}"`);
      }
      if (q.kind !== 'paraphrase') continue;
      const target = new Set<string>();
      for (const t of q.targets) {
        const u = byName.get(t);
        if (u) for (const s of stems(`${u.name}\n${u.doc ?? ''}\n${u.signature}\n${u.code}`)) target.add(s);
      }
      const shared = [...new Set(words(q.query).filter((w) => !FUNCTION_WORDS.has(w)).map((w) => stem(w)))].filter((s) => target.has(s));
      if (shared.length) {
        problems.push(`${repo}: paraphrase "${q.query}" shares ${shared.join(', ')} with ${q.targets.join('/')}`);
      }
    }
    if (kinds.paraphrase < 25 || kinds.code < 25) problems.push(`${repo}: ${kinds.paraphrase} paraphrases and ${kinds.code} in the code's words; needs >= 25 of each (${path.basename(set.file)})`);
  }
  return problems;
}

if (require.main === module) {
  const problems = checkQueries();
  for (const p of problems) console.log(p);
  console.log(problems.length ? `${problems.length} problem(s)` : 'all queries pass');
  if (problems.length) process.exit(1);
}
