// Reads the rules of Kingfisher (https://github.com/mongodb/kingfisher, data/rules/*.yml, Apache License 2.0,
// Copyright MongoDB, Inc.; many rules descend from Nosey Parker, Apache-2.0, Praetorian) as data for
// scripts/gen-secret-rules.mjs: id, pattern, min_entropy and examples. Kingfisher's patterns are Rust regex
// syntax, mostly in verbose `(?x)` mode; this module turns them into the RE2-like form the generator
// translates, and says why a rule is left out.
//
// Kingfisher rules have no keywords (it prefilters with Hyperscan). A rule is kept only when its pattern
// starts with literal text (after `\b` and opening groups): that literal, or each of a leading alternation of
// literals, becomes the rule's anchor, and the redactor tries the rule only where an anchor occurs.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';

/** Shortest anchor: a 3-character literal occurs by chance about once in 40 KB of random base64. */
export const MIN_ANCHOR = 3;

/** `(?x)` verbose mode off: unescaped whitespace and `#` comments outside classes are dropped. */
export function unverbose(p) {
  let out = '';
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const ch = p[i];
    if (ch === '\\') { out += ch + (p[i + 1] ?? ''); i++; continue; }
    if (inClass) { if (ch === ']') inClass = false; out += ch; continue; }
    if (ch === '[') { inClass = true; out += ch; if (p[i + 1] === '^') out += p[++i]; if (p[i + 1] === ']') out += p[++i]; continue; }
    if (/\s/.test(ch)) continue;
    if (ch === '#') { while (i < p.length && p[i] !== '\n') i++; continue; }
    out += ch;
  }
  return out;
}

/** Leading inline flag groups (`(?xi)`, `(?i)(?s)`) -> the pattern without them and the flags they set. */
export function leadingFlags(p) {
  let flags = '';
  let s = p.trim();
  for (let m; (m = /^\(\?([a-z]+)\)/.exec(s)) !== null; s = s.slice(m[0].length).trimStart()) flags += m[1];
  if (flags.includes('x')) s = unverbose(s);
  return { body: s, flags: [...new Set(flags.replace('x', ''))].join('') };
}

/** Literal characters a pattern starts with at `i` (escaped punctuation counts), stopping before a quantified one. */
function literalAt(s, i) {
  let lit = '';
  let j = i;
  for (;;) {
    let ch;
    let w = 1;
    if (/[A-Za-z0-9_\-:=]/.test(s[j] ?? '')) ch = s[j];
    else if (s[j] === '\\' && /[.\-_/:=]/.test(s[j + 1] ?? '')) { ch = s[j + 1]; w = 2; }
    else break;
    if (/^[?*+{]/.test(s.slice(j + w))) break; // this character is optional or repeated: not part of the literal
    lit += ch;
    j += w;
  }
  return { lit, end: j };
}

/**
 * The anchors of a pattern (JavaScript source): the literal it must start with, or each literal of a leading
 * `(?:a|b|c)` alternation. Undefined when it starts otherwise or an anchor is shorter than MIN_ANCHOR.
 */
export function anchorsOf(source) {
  let i = 0;
  for (;;) {
    if (source.startsWith('\\b', i)) i += 2;
    else if (source.startsWith('(?:', i)) break;
    else if (source.startsWith('(?<', i) && source[i + 3] !== '=' && source[i + 3] !== '!') i = source.indexOf('>', i) + 1;
    else if (source[i] === '(' && source[i + 1] !== '?') i++;
    else break;
  }
  const alts = [];
  if (source.startsWith('(?:', i)) {
    let j = i + 3;
    for (;;) {
      const { lit, end } = literalAt(source, j);
      alts.push(lit);
      if (source[end] === '|') j = end + 1;
      else if (source[end] === ')' && !/^[?*{]/.test(source.slice(end + 1))) break;
      else return undefined;
    }
  } else {
    const { lit, end } = literalAt(source, i);
    if (source[end] === ')' && /^[?*{]/.test(source.slice(end + 1))) return undefined; // `(abc)?`: optional
    alts.push(lit);
  }
  if (alts.some((a) => a.length < MIN_ANCHOR)) return undefined;
  return [...new Set(alts.map((a) => a.toLowerCase()))];
}

/** The text of the first capture group (the secret) of `s`, when it starts with a literal; else undefined. */
export function firstGroup(s) {
  let inClass = false;
  let start = -1;
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\\') { i++; continue; }
    if (inClass) { if (ch === ']') inClass = false; continue; }
    if (ch === '[') { inClass = true; continue; }
    if (ch === '(') {
      if (start < 0 && s[i + 1] !== '?') { start = i + 1; depth = 0; }
      else if (start >= 0) depth++;
    } else if (ch === ')' && start >= 0) {
      if (depth === 0) return s.slice(start, i);
      depth--;
    }
  }
  return undefined;
}

/** Every rule of the Kingfisher rules folder, as `{ id, regex, flags, entropy, examples }`. */
export function readKingfisher(dir) {
  const rules = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.yml')).sort()) {
    const doc = yaml.load(readFileSync(path.join(dir, f), 'utf8'));
    for (const r of doc?.rules ?? []) {
      const { body, flags } = leadingFlags(String(r.pattern));
      rules.push({
        id: `kf-${String(r.id).replace(/^kingfisher\./, '').replace(/\./g, '-')}`,
        name: r.name, regex: body, flags, entropy: r.min_entropy, examples: (r.examples ?? []).map(String),
        dependsOn: r.depends_on_rule !== undefined,
      });
    }
  }
  return rules;
}
