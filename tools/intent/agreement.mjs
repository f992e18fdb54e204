// Agreement between the corpus labels and a second, blind labelling of a sample (scripts/intent-relabel-sample.ts):
// raw agreement, Cohen's kappa over the eight labels, and per label the one-vs-rest kappa and the F1 of one
// labelling against the other (the ceiling a classifier could reach if the labels' own noise were its only error).
// Usage: node tools/intent/agreement.mjs <corpus.jsonl> <relabel.jsonl> [--list]   (--list prints the disagreements)
import { readFileSync } from 'node:fs';

const [corpusPath, relabelPath, flag] = process.argv.slice(2);
const read = (p) => readFileSync(p, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const corpus = new Map(read(corpusPath).map((r) => [r.id, r]));
const pairs = read(relabelPath).map((r) => {
  const c = corpus.get(r.id);
  if (!c) throw new Error(`${r.id}: not in the corpus`);
  return { id: r.id, a: c.label, b: r.label, text: c.text };
});
const labels = [...new Set(pairs.flatMap((p) => [p.a, p.b]))].sort();

/** Cohen's kappa of two labellings given as arrays of equal length. */
function kappa(a, b) {
  const n = a.length;
  const cats = [...new Set([...a, ...b])];
  const po = a.filter((x, i) => x === b[i]).length / n;
  const pe = cats.reduce((s, c) => s + (a.filter((x) => x === c).length / n) * (b.filter((x) => x === c).length / n), 0);
  return pe === 1 ? 1 : (po - pe) / (1 - pe);
}

const a = pairs.map((p) => p.a);
const b = pairs.map((p) => p.b);
const agree = pairs.filter((p) => p.a === p.b).length;
const perLabel = {};
for (const l of labels) {
  const tp = pairs.filter((p) => p.a === l && p.b === l).length;
  const inA = a.filter((x) => x === l).length;
  const inB = b.filter((x) => x === l).length;
  perLabel[l] = {
    corpus: inA,
    relabel: inB,
    both: tp,
    f1: inA + inB > 0 ? (2 * tp) / (inA + inB) : 0,
    kappa: kappa(a.map((x) => x === l), b.map((x) => x === l)),
  };
}
const result = { n: pairs.length, agreement: agree / pairs.length, kappa: kappa(a, b), macroF1: Object.values(perLabel).reduce((s, x) => s + x.f1, 0) / labels.length, perLabel };
process.stdout.write(JSON.stringify(result, null, 2) + '\n');
if (flag === '--list') {
  for (const p of pairs.filter((x) => x.a !== x.b)) {
    process.stdout.write(`\n${p.id}: corpus ${p.a} / relabel ${p.b}\n  ${p.text.replace(/\s+/g, ' ').slice(0, 300)}\n`);
  }
}
