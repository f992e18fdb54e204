// Draws the blind re-labelling sample of the intent corpus (docs/intent-evaluation.md, "Label agreement"):
// 200 labelled prompts, stratified by group (each group gets its share of 200 by size, largest remainders first),
// drawn with a seeded generator, written WITHOUT their labels so the second labelling cannot see the first.
// Usage: node tools/intent/relabel-sample.mjs [corpus.jsonl] [n] [seed] > sample.jsonl   (id and text only)
import { readFileSync } from 'node:fs';

const [path = 'test/fixtures/intent-corpus/prompts.jsonl', nArg = '200', seedArg = '12'] = process.argv.slice(2);

/** mulberry32: a small seeded generator, so the sample is reproducible from the seed alone. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const records = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)).filter((r) => r.label !== 'skip');
const n = Number(nArg);
const random = rng(Number(seedArg));
const byGroup = new Map();
for (const r of records) byGroup.set(r.group, [...(byGroup.get(r.group) ?? []), r]);
const groups = [...byGroup.keys()].sort();
const quota = groups.map((g) => ({ g, exact: (byGroup.get(g).length * n) / records.length }));
for (const q of quota) q.take = Math.floor(q.exact);
let left = n - quota.reduce((s, q) => s + q.take, 0);
for (const q of [...quota].sort((a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)) || (a.g < b.g ? -1 : 1))) {
  if (left-- <= 0) break;
  q.take++;
}
const picked = [];
for (const q of quota) {
  const rows = [...byGroup.get(q.g)];
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
