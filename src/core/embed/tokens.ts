/**
 * Sub-token splitting shared by the hashing embedder and the lexical half of search scoring.
 * `parseHTTPResponse_v2` -> `parse`, `http`, `response`, `v2`. Lowercased, lightly stemmed.
 */

const WORD = /[A-Za-z][A-Za-z0-9]*|[0-9]+/g;
const CAMEL = /[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+/g;

/** Keywords and filler that say little about what code does; they get a low weight, never dropped. */
export const STOP_TOKENS: ReadonlySet<string> = new Set(
  (
    'const let var function return if else for while do switch case break continue new this of in ' +
    'typeof instanceof void null undefined true false await async export import from default class ' +
    'extends implements interface type public private protected static readonly get set try catch ' +
    'finally throw a an the to and or is be it that with as on by at into any string number boolean ' +
    'object unknown never'
  ).split(' '),
);

/** Very light suffix stripping so `retries`/`retrying`/`retried` meet `retry`. */
export function stem(token: string): string {
  const t = stripSuffix(token);
  return t.length > 4 && t.endsWith('e') ? t.slice(0, -1) : t;
}

function stripSuffix(token: string): string {
  if (token.length <= 3) return token;
  if (token.endsWith('ies') && token.length > 4) return token.slice(0, -3) + 'y';
  if (token.endsWith('ied') && token.length > 4) return token.slice(0, -3) + 'y';
  if (token.endsWith('ing') && token.length > 5) return token.slice(0, -3);
  if (token.endsWith('ed') && token.length > 4) return token.slice(0, -2);
  if (token.endsWith('es') && /(ss|x|ch|sh)es$/.test(token)) return token.slice(0, -2);
  if (token.endsWith('s') && !token.endsWith('ss')) return token.slice(0, -1);
  return token;
}

/** All sub-tokens of a text in order (identifiers split on case changes, underscores and digits). */
export function subTokens(text: string): string[] {
  const out: string[] = [];
  for (const word of text.match(WORD) ?? []) {
    const parts = word.match(CAMEL) ?? [word];
    for (const part of parts) out.push(stem(part.toLowerCase()));
  }
  return out;
}

/** Distinct informative sub-tokens (stop tokens and single letters removed). */
export function contentTokens(text: string): Set<string> {
  const set = new Set<string>();
  for (const t of subTokens(text)) if (t.length > 1 && !STOP_TOKENS.has(t)) set.add(t);
  return set;
}
