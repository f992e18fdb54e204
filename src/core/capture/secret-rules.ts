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
  /** Keywords by their first two (lower-case, Latin-1) character codes, `(c0 << 8) | c1`. */
  byBigram: Array<string[] | undefined>;
}

let compiled: Compiled | undefined;

function compile(): Compiled {
  const byKeyword = new Map<string, Rule[]>();
  const always: Rule[] = [];
  const byBigram = new Array<string[] | undefined>(65536);
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
        (byBigram[key] ??= []).push(k);
      }
      list.push(rule);
    }
  }
  return { byKeyword, always, byBigram };
}

const lowerCode = (c: number): number => (c >= 65 && c <= 90 ? c | 32 : c);

/**
 * The keywords that occur in `text`, case-insensitively. One pass over the text looking each two-character
 * window up in a table (a few hundred keywords share ~150 first pairs), then a compare for the keywords of
 * that pair: linear in the text whatever the number of rules, and no lower-cased copy of the text.
 */
function presentKeywords(c: Compiled, text: string): Set<string> {
  const found = new Set<string>();
  const n = text.length - 1;
  let c0 = lowerCode(text.charCodeAt(0));
  for (let i = 0; i < n; i++) {
    const c1 = lowerCode(text.charCodeAt(i + 1));
    const cands = c0 < 256 && c1 < 256 ? c.byBigram[(c0 << 8) | c1] : undefined;
    c0 = c1;
    if (cands === undefined) continue;
    for (const k of cands) {
      if (found.has(k) || i + k.length > text.length) continue;
      let j = 2;
      while (j < k.length && lowerCode(text.charCodeAt(i + j)) === k.charCodeAt(j)) j++;
      if (j === k.length) found.add(k);
    }
  }
  return found;
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
