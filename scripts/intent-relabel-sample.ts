// Draws the blind re-labelling sample of the intent corpus (docs/intent-evaluation.md, "Label agreement"):
// 200 labelled prompts, stratified by group (each group gets its share of 200 by size, largest remainders first),
// drawn with a seeded generator, written WITHOUT their labels so the second labelling cannot see the first.
// Usage: npx tsx scripts/intent-relabel-sample.ts [corpus.jsonl] [n] [seed] > sample.jsonl   (id and text only)
import { readFileSync } from 'node:fs';
import { rng } from '../src/core/util/random';

interface CorpusRow { id: string; text: string; label: string; group: string }

const [path = 'test/fixtures/intent-corpus/prompts.jsonl', nArg = '200', seedArg = '12'] = process.argv.slice(2);

const records = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as CorpusRow)
  .filter((r) => r.label !== 'skip');
const n = Number(nArg);
const random = rng(Number(seedArg));
const byGroup = new Map<string, CorpusRow[]>();
for (const r of records) byGroup.set(r.group, [...(byGroup.get(r.group) ?? []), r]);
const groups = [...byGroup.keys()].sort();
const quota = groups.map((g) => {
  const exact = (byGroup.get(g)!.length * n) / records.length;
  return { g, exact, take: Math.floor(exact) };
});
let left = n - quota.reduce((s, q) => s + q.take, 0);
for (const q of [...quota].sort((a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)) || (a.g < b.g ? -1 : 1))) {
  if (left-- <= 0) break;
  q.take++;
}
const picked: CorpusRow[] = [];
for (const q of quota) {
  const rows = [...byGroup.get(q.g)!];
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  picked.push(...rows.slice(0, q.take));
}
// Shuffle across groups too, so one repository's prompts are not read in a run.
for (let i = picked.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [picked[i], picked[j]] = [picked[j], picked[i]];
}
for (const r of picked) process.stdout.write(JSON.stringify({ id: r.id, text: r.text }) + '\n');
