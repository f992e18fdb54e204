/**
 * The token formats of gitleaks' rule set (MIT), used as data: `secret-rules.json` is generated from
 * gitleaks' config/gitleaks.toml by scripts/gen-secret-rules.mjs (source commit inside), which translates each
 * rule to JavaScript, bounds its quantifiers, drops the lazy prefixes a backtracking engine pays for at every
 * position, and leaves out a rule that is still slow on adversarial text.
 *
 * A rule runs only when one of its keywords occurs in the text (case-insensitively), as gitleaks does, so a
 * text costs one keyword scan and the few rules it names.
 */
import data from './secret-rules.json';
import { entropy } from './entropy';
import type { Span } from './spans';

interface RuleData {
  id: string;
  keywords: string[];
  source: string;
  flags: string;
  entropy?: number;
  secretGroup?: number;
  allow?: Array<{ source: string; flags: string }>;
  stopwords?: string[];
}

interface Rule {
  id: string;
  re: RegExp;
  entropy: number;
  group?: number;
  allow: RegExp[];
  stopwords: string[];
}

/** Rules by keyword; the rules with no keyword always run. */
interface Compiled {
  byKeyword: Map<string, Rule[]>;
  always: Rule[];
  /** Slot (1-based, 0 = none) in `lists` of the keywords starting with a pair of Latin-1 codes, `(c0 << 8) | c1`. */
  slotOf: Uint16Array;
  lists: string[][];
}

let compiled: Compiled | undefined;

function compile(): Compiled {
  const byKeyword = new Map<string, Rule[]>();
  const always: Rule[] = [];
  const slotOf = new Uint16Array(65536);
  const lists: string[][] = [[]];
  for (const r of (data as { rules: RuleData[] }).rules) {
    const rule: Rule = {
      id: r.id,
      re: new RegExp(r.source, `${r.flags}gd`),
      entropy: r.entropy ?? 0,
      group: r.secretGroup,
      allow: (r.allow ?? []).map((a) => new RegExp(a.source, a.flags)),
      stopwords: (r.stopwords ?? []).map((s) => s.toLowerCase()),
    };
    if (r.keywords.length === 0) always.push(rule);
    for (const k of r.keywords) {
      const list = byKeyword.get(k) ?? [];
      if (list.length === 0) {
        const key = (k.charCodeAt(0) << 8) | k.charCodeAt(1);
        if (k.length < 2 || k.charCodeAt(0) > 255 || k.charCodeAt(1) > 255) throw new Error(`secret rule keyword not usable: ${k}`);
        byKeyword.set(k, list);
        if (slotOf[key] === 0) slotOf[key] = lists.push([]) - 1;
        lists[slotOf[key]].push(k);
      }
      list.push(rule);
    }
  }
  return { byKeyword, always, slotOf, lists };
}

const lowerCode = (c: number): number => (c >= 65 && c <= 90 ? c | 32 : c);

/**
 * The keywords that occur in `text`, case-insensitively. One pass over the text looking each two-character
 * window up in a typed table (a few hundred keywords share ~150 first pairs), then a compare for the keywords
 * of that pair: linear in the text whatever the number of rules, and no lower-cased copy of the text.
 */
function presentKeywords(c: Compiled, text: string): Set<string> {
  const found = new Set<string>();
  const { slotOf, lists } = c;
  const n = text.length - 1;
  let c0 = lowerCode(text.charCodeAt(0));
  for (let i = 0; i < n; i++) {
    let c1 = text.charCodeAt(i + 1);
    if (c1 >= 65 && c1 <= 90) c1 |= 32;
    const slot = (c0 | c1) < 256 ? slotOf[(c0 << 8) | c1] : 0;
    c0 = c1;
    if (slot !== 0) matchAt(lists[slot], text, i, found);
  }
  return found;
}

/** Adds each of `cands` (lower-case, first two characters already matched) that occurs at `i`. */
function matchAt(cands: string[], text: string, i: number, found: Set<string>): void {
  for (const k of cands) {
    if (i + k.length > text.length || found.has(k)) continue;
    let j = 2;
    while (j < k.length && lowerCode(text.charCodeAt(i + j)) === k.charCodeAt(j)) j++;
    if (j === k.length) found.add(k);
  }
}

/** The span of the secret in one match: the rule's secret group, else its first group, else the match. */
function secretSpan(rule: Rule, m: RegExpExecArray): [number, number] | undefined {
  const ind = m.indices;
  if (ind === undefined) return [m.index, m.index + m[0].length];
  const named = new Set(Object.values(ind.groups ?? {}));
  const pick = rule.group !== undefined ? ind[rule.group] : ind.slice(1).find((g) => g !== undefined && !named.has(g));
  return pick ?? [m.index, m.index + m[0].length];
}

function allowed(rule: Rule, secret: string): boolean {
  if (rule.entropy > 0 && entropy(secret) < rule.entropy) return true;
  const lower = secret.toLowerCase();
  if (rule.stopwords.some((w) => lower.includes(w))) return true;
  return rule.allow.some((re) => re.test(secret));
}

/** Spans of every token matched by a gitleaks rule. */
export function ruleSpans(text: string): Span[] {
  compiled ??= compile();
  const rules = new Set(compiled.always);
  for (const k of presentKeywords(compiled, text)) for (const r of compiled.byKeyword.get(k) ?? []) rules.add(r);
  const spans: Span[] = [];
  for (const rule of rules) {
    rule.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = rule.re.exec(text)) !== null) {
      if (m[0].length === 0) rule.re.lastIndex++;
      const span = secretSpan(rule, m);
      if (span === undefined || span[1] <= span[0]) continue;
      if (allowed(rule, text.slice(span[0], span[1]))) continue;
      spans.push({ start: span[0], end: span[1], kind: rule.id });
    }
  }
  return spans;
}

/** How many rules the data file holds (for the report and tests). */
export function ruleCount(): number {
  return (data as { rules: RuleData[] }).rules.length;
}
