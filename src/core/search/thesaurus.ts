/**
 * Query expansion from fixed data: WordNet 3.1 synonyms restricted to code vocabulary
 * (`data/wordnet-synonyms.json`, built by scripts/build-thesaurus.mjs) and a code-domain synonym list
 * (`data/code-synonyms.json`). Both are keyed and valued by stems, so `replies` finds `response`.
 */
import codeSynonyms from './data/code-synonyms.json';
import wordnet from './data/wordnet-synonyms.json';
import { stemWord } from './terms';

export type Thesaurus = ReadonlyMap<string, readonly string[]>;

function add(map: Map<string, string[]>, from: string, to: string): void {
  if (from === to) return;
  let list = map.get(from);
  if (!list) map.set(from, (list = []));
  if (!list.includes(to)) list.push(to);
}

let wordnetMap: Thesaurus | undefined;
let codeMap: Thesaurus | undefined;

/** WordNet: query-side stem -> code-word stems it may stand for. */
export function wordnetThesaurus(): Thesaurus {
  if (!wordnetMap) {
    const map = new Map<string, string[]>();
    for (const [from, tos] of Object.entries(wordnet as Record<string, string[]>)) {
      for (const to of tos) add(map, stemWord(from), stemWord(to));
    }
    wordnetMap = map;
  }
  return wordnetMap;
}

/** Code-domain groups: every member stem -> every other member stem. */
export function codeThesaurus(): Thesaurus {
  if (!codeMap) {
    const map = new Map<string, string[]>();
    for (const group of (codeSynonyms as { groups: string[][] }).groups) {
      const stems = group.map((w) => stemWord(w.toLowerCase()));
      for (const a of stems) for (const b of stems) add(map, a, b);
    }
    codeMap = map;
  }
  return codeMap;
}

