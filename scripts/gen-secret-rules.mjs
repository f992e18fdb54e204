// Regenerates src/core/capture/secret-rules.json from gitleaks' default rule set (config/gitleaks.toml, MIT,
// Copyright (c) 2019 Zachary Rice), used as data: each rule's id, keywords, entropy and regex, translated from
// Go RE2 syntax to JavaScript and rewritten where a backtracking engine would be slow.
//
//   git --git-dir <gitleaks.git> show <commit>:config/gitleaks.toml > /tmp/gitleaks.toml
//   node scripts/gen-secret-rules.mjs /tmp/gitleaks.toml <commit> [<kingfisher>/data/rules <kingfisher commit>]
//
// Kingfisher's rules (Apache-2.0, scripts/secret-rules-kingfisher.mjs) are added after gitleaks' when given.
// A rule whose pattern starts with literal text is *anchored*: it is tried only where that literal occurs (so
// a gitleaks rule whose keyword is a vendor name, `airtable`, also finds its `pat...` token alone).
//
// The rewrites (each listed per rule in the output's `rewrites`):
//  - keyword rules start with `[\w.-]{0,50}?` before the keyword: a lazy prefix tried at every position of the
//    text (50 steps a character); it only widens the match to the left, so it is dropped.
//  - unbounded quantifiers (`+`, `*`, `{n,}`) are bounded ({n,MAX}) so that no failed attempt scans to the end.
//  - the trailing terminator group `(?:[\x60'"\s;]|\\[nr]|$)` becomes a lookahead, so it is not redacted.
//  - RE2-only syntax: mid-pattern `(?i)` and `(?i:`/`(?-i:` become a whole-rule `i` flag (a little looser),
//    `(?s:.)` becomes `[\s\S]`, `(?P<` becomes `(?<`, `\z` becomes `$`, `[[:alnum:]]` becomes `[A-Za-z0-9]`.
// Every compiled rule is then timed on adversarial text (its keywords repeated, base64, one long word, `=`
// runs) and a rule slower than SLOW_MS on 100 KB is left out and reported.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { anchorsOf, firstGroup, readKingfisher } from './secret-rules-kingfisher.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const [src, commit, kfDir, kfCommit] = process.argv.slice(2);
if (!src || !/^[0-9a-f]{40}$/.test(commit ?? '') || (kfDir && !/^[0-9a-f]{40}$/.test(kfCommit ?? ''))) {
  console.error('usage: node scripts/gen-secret-rules.mjs <gitleaks.toml> <40-hex commit> [<kingfisher data/rules> <40-hex commit>]');
  process.exit(2);
}
const MAX = 1024;
/** Same as MAX_ATTEMPTS in src/core/capture/secret-rules.ts. */
const MAX_ATTEMPTS = 256;
const SLOW_MS = 2;

/** Rules replaced by the redactor's own detectors (src/core/capture/secret-context.ts), with the reason. */
const REPLACED = {
  'generic-api-key': 'replaced by the linear assignment scanner with an entropy test',
  'private-key': 'replaced by a linear BEGIN/END scan (the lazy `[\\s\\S-]{64,}?` is quadratic without an END)',
  'curl-auth-header': 'replaced by the Authorization-header detector (`.*?` over lines before -H)',
  'curl-auth-user': 'replaced by the command-line password detector (`.*` over lines before -u)',
  'kubernetes-secret-yaml': 'multi-line `(?s:.){0,200}?` pairs; not line-safe, left out',
};

/**
 * The subset of TOML that gitleaks.toml uses: `[[rules]]` / `[[rules.allowlists]]` headers, `key = '''raw'''`,
 * `key = "str"`, numbers, and arrays of those over several lines. Anything else is an error, not a guess.
 */
function parse(text) {
  const rules = [];
  let cur = null;
  const global = {};
  let target = {}; // top-level keys (title, minVersion) are not used
  const lines = text.split('\n');
  const value = (s) => {
    s = s.trim();
    if (s.startsWith("'''")) return s.slice(3, s.lastIndexOf("'''"));
    if (s.startsWith('"')) return JSON.parse(s);
    if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
    throw new Error(`unsupported TOML value: ${s}`);
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line === '[[rules]]') { cur = { allowlists: [] }; rules.push(cur); target = cur; continue; }
    if (line === '[[rules.allowlists]]') { target = {}; cur.allowlists.push(target); continue; }
    if (line === '[allowlist]') { target = global; continue; }
    if (line.startsWith('[')) { target = {}; continue; }
    const m = /^([A-Za-z]+)\s*=\s*(.*)$/.exec(line);
    if (!m) throw new Error(`line ${i + 1}: unsupported TOML: ${line}`);
    let rhs = m[2];
    if (rhs.startsWith('[')) {
      while (!/\]\s*$/.test(rhs.replace(/'''.*?'''|"(?:[^"\\]|\\.)*"/g, ''))) rhs += `\n${lines[++i]}`;
      const items = [...rhs.slice(1, rhs.lastIndexOf(']')).matchAll(/'''(.*?)'''|("(?:[^"\\]|\\.)*")/gs)];
      target[m[1]] = items.map((x) => (x[1] !== undefined ? x[1] : JSON.parse(x[2])));
    } else target[m[1]] = value(rhs);
  }
  rules.globalAllow = global;
  return rules;
}

const TERMINATOR = String.raw`(?:[\x60'"\s;]|\\[nr]|$)`;
const LAZY_PREFIX = String.raw`[\w.-]{0,50}?`;

/** Go RE2 pattern -> JavaScript source + flags, with the rewrites listed. */
function translate(re) {
  const rewrites = [];
  let s = re;
  let flags = 'gd';
  if (/\(\?i\)|\(\?i:|\(\?-i:/.test(s)) {
    if (!s.startsWith('(?i)') || /.\(\?i\)|\(\?-i:|\(\?i:/.test(s.slice(4))) rewrites.push('mid-pattern case flags made whole-rule');
    s = s.replace(/\(\?i\)/g, '').replace(/\(\?-?i:/g, '(?:');
    flags += 'i';
  }
  if (s.startsWith(LAZY_PREFIX)) {
    s = s.slice(LAZY_PREFIX.length);
    // Some rules nest a second copy inside a case group: `[\w.-]{0,50}?(?i:[\w.-]{0,50}?(?:kw)...)`.
    if (s.startsWith(`(?:${LAZY_PREFIX}`)) s = `(?:${s.slice(3 + LAZY_PREFIX.length)}`;
    rewrites.push('dropped lazy [\\w.-]{0,50}? prefix');
  }
  // A rule that opens with a repeated class and no literal tries the class at every position: anchor it at a
  // word start.
  if (/^\[[^\]]+\]\{\d+(,\d+)?\}/.test(s)) { s = `\\b${s}`; rewrites.push('anchored at a word boundary'); }
  if (s.endsWith(TERMINATOR)) { s = `${s.slice(0, -TERMINATOR.length)}(?=[\\x60'"\\s;]|\\\\[nr]|$)`; rewrites.push('terminator as lookahead'); }
  s = s.replace(/\(\?s:\.\)/g, '[\\s\\S]').replace(/\(\?P</g, '(?<').replace(/\\z/g, '$').replace(/\[\[:alnum:\]\]/g, '[A-Za-z0-9]');
  const bounded = boundQuantifiers(s);
  if (bounded !== s) rewrites.push(`unbounded quantifiers bounded to ${MAX}`);
  return { source: bounded, flags, rewrites };
}

/** `+`, `*`, `{n,}` outside character classes -> bounded forms (lazy `?` suffixes kept). */
function boundQuantifiers(s) {
  let out = '';
  let inClass = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\\') { out += ch + s[++i]; continue; }
    if (inClass) { if (ch === ']') inClass = false; out += ch; continue; }
    if (ch === '[') { inClass = true; out += ch; if (s[i + 1] === '^') out += s[++i]; if (s[i + 1] === ']') out += s[++i]; continue; }
    if (ch === '+' && out.length > 0 && out[out.length - 1] !== '(') { out += `{1,${MAX}}`; continue; }
    if (ch === '*' && out.length > 0) { out += `{0,${MAX}}`; continue; }
    if (ch === '{') {
      const m = /^\{(\d+),\}/.exec(s.slice(i));
      if (m) { out += `{${m[1]},${Math.max(MAX, Number(m[1]) * 2)}}`; i += m[0].length - 1; continue; }
    }
    out += ch;
  }
  return out;
}

/** Worst time in ms of one full scan over each adversarial text. */
function worstMs(re, keywords, anchored) {
  const kw = keywords.length ? keywords : ['x'];
  const sticky = new RegExp(re.source, `${re.flags.replace('g', '')}y`);
  const texts = [
    Array.from({ length: 100_000 }, (_, i) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'[(i * 7919) % 64]).join(''),
    'a'.repeat(100_000),
    '='.repeat(100_000),
    ...kw.slice(0, 3).map((k) => `${k}= ${'Ab1'.repeat(20)} `.repeat(Math.ceil(100_000 / (k.length + 63))).slice(0, 100_000)),
    ...kw.slice(0, 3).map((k) => `${k}${'a1'.repeat(40)}`.repeat(Math.ceil(100_000 / (k.length + 80))).slice(0, 100_000)),
    // Anchors back to back: the densest text for an anchored rule (a keyword rule is timed as before).
    ...(anchored ? kw.slice(0, 3).map((k) => ` ${k}`.repeat(Math.ceil(100_000 / (k.length + 1))).slice(0, 100_000)) : []),
  ];
  // An anchored rule costs what the redactor pays: one sticky attempt at each occurrence of an anchor, or one
  // scan past MAX_ATTEMPTS occurrences (src/core/capture/secret-rules.ts).
  const anchorsIn = (t) => {
    const low = t.toLowerCase();
    return kw.flatMap((k) => { const at = []; for (let i = low.indexOf(k); i >= 0; i = low.indexOf(k, i + 1)) at.push(i); return at; });
  };
  const positions = new Map(anchored ? texts.map((t) => [t, anchorsIn(t)]) : []);
  const scan = (t) => {
    if (anchored) {
      const at = positions.get(t) ?? anchorsIn(t);
      if (at.length <= MAX_ATTEMPTS) {
        for (const i of at) { sticky.lastIndex = i; sticky.exec(t); }
        return;
      }
    }
    re.lastIndex = 0;
    while (re.exec(t) !== null) if (re.lastIndex === 0) break;
  };
  // V8 interprets a new regexp's bytecode before it tiers up to native code: warm up, then best of three.
  for (const t of texts) scan(t.slice(0, 2000));
  let worst = 0;
  for (const t of texts) {
    let best = Infinity;
    for (let k = 0; k < 3; k++) {
      // CPU time, not wall time: the machine may be shared, and a rule must not drop out for that.
      const t0 = process.cpuUsage();
      scan(t);
      const d = process.cpuUsage(t0);
      best = Math.min(best, (d.user + d.system) / 1000);
    }
    worst = Math.max(worst, best);
  }
  return worst;
}

/**
 * A keyword rule whose secret itself starts with a literal of 4+ characters (`(key-[a-f0-9]{32})`,
 * `(sq0csp-[\w-]{43})`) also gets a rule for the secret alone, so it is found without its keyword beside it.
 */
function bareVariant(r) {
  if (!r.regex?.includes(LAZY_PREFIX) || r.path) return undefined;
  const open = String.raw`[\x60'"\s=]{0,5}(`;
  const at = r.regex.lastIndexOf(open);
  if (at < 0 || !r.regex.endsWith(`)${TERMINATOR}`)) return undefined;
  const value = r.regex.slice(at + open.length, -TERMINATOR.length - 1);
  const m = /^[A-Za-z0-9_-]{4,}/.test(value) && !/[()|]/.test(value) ? [value, value] : undefined;
  if (!m) return undefined;
  return { ...r, id: `${r.id}-bare`, regex: `${r.regex.startsWith('(?i)') ? '(?i)' : ''}\\b(${m[1]})${TERMINATOR}`, keywords: [m[1].slice(0, 4).toLowerCase()], allowlists: r.allowlists };
}

/** Entropy a bare variant's secret needs at least: without its keyword beside it, only randomness tells. */
const BARE_ENTROPY = 3.5;

/**
 * A Kingfisher rule that finds its secret beside a vendor name (`mapbox.{0,30}(sk\.…)`) also gets a rule for
 * the secret alone when the secret starts with a literal, with an entropy test.
 */
function kfBareVariant(r) {
  const group = firstGroup(r.regex);
  if (group === undefined || r.regex.startsWith(`\\b(${group}`) || r.regex.startsWith(`(${group}`)) return undefined;
  // A token, not a span of text: no wildcard (`.`, `.{0,1024}?`) and no URL in it.
  if (/(?:^|[^\\])\.(?![^[]*\])/.test(group.replace(/\[(?:\\.|[^\]])*\]/g, 'C')) || group.includes('://')) return undefined;
  if (anchorsOf(translate(group).source) === undefined) return undefined;
  return { ...r, id: `${r.id}-bare`, regex: String.raw`\b(${group})(?![A-Za-z0-9_\-+/=])`, entropy: Math.max(r.entropy ?? 0, BARE_ENTROPY) };
}

/** The examples a Kingfisher rule carries that its translation does not match (its own test). */
function missedExamples(re, examples) {
  return examples.filter((e) => { re.lastIndex = 0; return !re.test(e); });
}

/** One rule (gitleaks form, or Kingfisher's with `flags`) -> a rule of the output, or a reason to leave it out. */
function compileRule(r) {
  if (REPLACED[r.id]) return { reason: REPLACED[r.id] };
  if (r.kingfisher && r.id.startsWith('kf-generic-')) return { reason: 'Kingfisher generic rule: replaced by the linear assignment scanner with an entropy test' };
  if (r.kingfisher && /-----BEGIN/.test(r.regex)) return { reason: 'private-key block: replaced by the linear BEGIN/END scan' };
  if (r.kingfisher && /:\/\//.test(r.regex) && r.regex.includes('@')) return { reason: 'password in a URL: replaced by the URL-password detector (redacts the password, keeps the host)' };
  if (!r.regex) return { reason: 'path-only rule' };
  if (r.path) return { reason: `applies only to files matching ${r.path}; redaction sees no path` };
  if (r.dependsOn) return { reason: 'needs the match of another rule (Kingfisher depends_on_rule)' };
  const t = translate(r.flags?.includes('i') ? `(?i)${r.regex}` : r.regex);
  const flags = t.flags + (r.flags ?? '').replace(/[^ms]/g, '');
  let re;
  try { re = new RegExp(t.source, flags); } catch (e) { return { reason: `does not compile: ${e.message}` }; }
  const anchors = anchorsOf(t.source);
  if (r.kingfisher && anchors === undefined) return { reason: 'no literal start to anchor on (Kingfisher rules have no keywords)' };
  if (r.examples?.length && missedExamples(re, r.examples).length) return { reason: 'translation misses its own examples' };
  const keywords = anchors ?? (r.keywords ?? []).map((k) => k.toLowerCase());
  const ms = worstMs(re, keywords, anchors !== undefined);
  if (ms > SLOW_MS) return { reason: `slow on adversarial text: ${ms.toFixed(1)} ms / 100 KB` };
  const rule = { id: r.id, keywords, source: t.source, flags: flags.replace(/[gd]/g, '') };
  if (anchors) rule.anchored = true;
  if (r.entropy) rule.entropy = r.entropy;
  if (r.secretGroup) rule.secretGroup = r.secretGroup;
  const allow = (r.allowlists ?? []).filter((a) => !a.regexTarget && !a.paths && !a.condition);
  const allowRegexes = allow.flatMap((a) => a.regexes ?? []).map((x) => translate(x));
  if (allowRegexes.length) rule.allow = allowRegexes.map((x) => ({ source: x.source, flags: x.flags.replace(/[gd]/g, '') }));
  const stop = allow.flatMap((a) => a.stopwords ?? []);
  if (stop.length) rule.stopwords = stop;
  if (t.rewrites.length) rule.rewrites = t.rewrites;
  if (r.project) rule.origin = 'project';
  if (r.kingfisher) rule.origin = 'kingfisher';
  return { rule };
}

const toml = readFileSync(src, 'utf8');
const extra = JSON.parse(readFileSync(path.join(root, 'scripts/secret-rules-extra.json'), 'utf8')).rules
  .map((r) => ({ ...r, allowlists: [], project: true }));
const parsed = parse(toml);
const kf = kfDir ? readKingfisher(kfDir).map((r) => ({ ...r, kingfisher: true })) : [];
const out = [];
const left = [];
for (const r of [...parsed, ...parsed.map(bareVariant).filter(Boolean), ...extra, ...kf, ...kf.map(kfBareVariant).filter(Boolean)]) {
  const { rule, reason } = compileRule(r);
  if (rule) out.push(rule);
  else left.push({ id: r.id, reason });
}

/**
 * gitleaks' global allowlist (regexes and stopwords a secret must not be, whatever the rule: `true`, `${VAR}`,
 * `{{ secrets.X }}`, paths), applied to every rule of both sets, plus the `EXAMPLE` suffix of documentation
 * sample keys (gitleaks' AWS rule allowlist; Kingfisher's AWS rules have none).
 */
const g = parsed.globalAllow;
const globalAllow = {
  regexes: [...(g.regexes ?? []), '^[A-Z0-9]{4,}EXAMPLE$'].map((x) => translate(x)).map((x) => ({ source: x.source, flags: x.flags.replace(/[gd]/g, '') })),
  stopwords: g.stopwords ?? [],
};

const data = {
  source: 'gitleaks config/gitleaks.toml (https://github.com/gitleaks/gitleaks), MIT License, Copyright (c) 2019 Zachary Rice',
  commit,
  ...(kfDir ? {
    source2: 'Kingfisher data/rules (https://github.com/mongodb/kingfisher), Apache License 2.0, Copyright MongoDB, Inc.',
    commit2: kfCommit,
  } : {}),
  generatedBy: 'scripts/gen-secret-rules.mjs',
  maxRepeat: MAX,
  globalAllow,
  rules: out,
  leftOut: left,
};
writeFileSync(path.join(root, 'src/core/capture/secret-rules.json'), `${JSON.stringify(data, null, 1)}\n`);
console.log(`${out.length} rules kept, ${left.length} left out:`);
for (const l of left) console.log(`  ${l.id}: ${l.reason}`);
