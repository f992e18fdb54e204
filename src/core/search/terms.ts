/**
 * Search terms: words and identifiers split into sub-tokens (`parseHTTPResponse_v2` -> parse, http,
 * response), lowercased, stop words, single letters and bare numbers dropped, Porter2-stemmed (wink-porter2-stemmer), so `retries`,
 * `retrying` and `retried` meet `retry`, and `response`/`responses` meet.
 */
import stem from 'wink-porter2-stemmer';

const WORD = /[A-Za-z][A-Za-z0-9]*/g;
const CAMEL = /[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+/g;

/**
 * English function words and language keywords: they say nothing about what code does. Dropped from
 * queries and documents alike (BM25's idf would give them little weight anyway; dropping keeps
 * posting lists short).
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the of to in on at by for from with and or is are was were be been it its this that these those as into ' +
    'not no any all each every one do does did has have had how what when which while so than then there their them ' +
    'they we you your our if else me my i can could should would will shall may might must also just only very ' +
    'const let var function return for do switch case break continue new typeof instanceof void null undefined ' +
    'true false await async export import default class extends implements interface type public private protected ' +
    'static readonly try catch finally throw string number boolean object unknown never declare override'
  ).split(' '),
);

const stems = new Map<string, string>();

/** Porter2 stem, cached (stemming dominates indexing time otherwise). */
export function stemWord(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    s = /^[a-z]+$/.test(word) ? stem(word) : word;
    if (stems.size < 200_000) stems.set(word, s);
  }
  return s;
}

/** Lowercased sub-tokens of a text, in order (identifiers split on case changes, underscores, digits). */
export function subWords(text: string): string[] {
  const out: string[] = [];
  for (const word of text.match(WORD) ?? []) {
    for (const part of word.match(CAMEL) ?? [word]) out.push(part.toLowerCase());
  }
  return out;
}

/** Search terms of a text: sub-tokens without stop words and single letters, stemmed. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const w of subWords(text)) if (w.length > 1 && !STOP_WORDS.has(w) && !/^[0-9]+$/.test(w)) out.push(stemWord(w));
  return out;
}
