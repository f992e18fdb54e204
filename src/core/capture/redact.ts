/**
 * Secret redaction, applied to every piece of text before it can reach the journal (code text at the `text`
 * capture level, command lines). Each rule replaces the secret with `[REDACTED:<kind>]` and keeps the rest.
 */

interface Rule {
  kind: string;
  re: RegExp;
  /** Index of the capture group holding the secret; 0 = the whole match. */
  group?: number;
}

const RULES: Rule[] = [
  { kind: 'private-key', re: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----|$)/g },
  { kind: 'anthropic-key', re: /\bsk-ant-[A-Za-z0-9]+-[A-Za-z0-9_-]{20,}/g },
  { kind: 'openai-key', re: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g },
  { kind: 'github-token', re: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})/g },
  { kind: 'aws-access-key', re: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\b/g },
  {
    kind: 'aws-secret-key',
    re: /(aws_?secret_?(?:access_?)?key\s*[:=]\s*["']?)([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi,
    group: 2,
  },
  { kind: 'google-api-key', re: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { kind: 'slack-token', re: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  { kind: 'stripe-key', re: /\b[rs]k_live_[A-Za-z0-9]{20,}/g },
  { kind: 'jwt', re: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{10,}/g },
  // scheme://user:password@host -> the password only.
  { kind: 'connection-password', re: /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@"'`]+:)([^\s@"'`/]+)(@)/gi, group: 2 },
  // Key=value connection strings (ADO.NET, ODBC, Azure): Password=...; AccountKey=...; SharedAccessKey=...
  { kind: 'connection-password', re: /((?:^|;)\s*(?:password|pwd|accountkey|sharedaccesskey)=)([^;"'\s]+)/gim, group: 2 },
];

/** Names that make an assigned value a secret when it looks random enough. */
const SECRET_NAME = /(?:secret|token|passw(?:or)?d|pwd|api[_-]?key|apikey|access[_-]?key|private[_-]?key|auth|credential|client[_-]?secret|signing[_-]?key|session[_-]?key)/i;
/** `name = "value"`, `name: 'value'`, `NAME=value` (shell / .env). */
const ASSIGNMENT = /([A-Za-z_][A-Za-z0-9_.-]*)(["']?\s*(?:[:=]|:=|=>)\s*)(["'`]?)([A-Za-z0-9+/=_\-.~!@#$%^&*]{12,})\3/g;

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** A value random enough to be a credential: long, high entropy, mixing character classes. */
export function looksRandom(v: string): boolean {
  if (v.length < 12 || v.includes('[REDACTED')) return false;
  const classes = Number(/[a-z]/.test(v)) + Number(/[A-Z]/.test(v)) + Number(/[0-9]/.test(v)) + Number(/[^A-Za-z0-9]/.test(v));
  return classes >= 2 && entropy(v) >= 3.3 && !/^[a-z]+(?:[._-][a-z]+)*$/i.test(v);
}

export interface RedactionResult {
  text: string;
  /** Number of secrets replaced. */
  count: number;
}

/** Replaces every recognised secret in `text`. */
export function redactSecrets(text: string): RedactionResult {
  let count = 0;
  let out = text;
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    out = out.replace(rule.re, (...m: string[]) => {
      count++;
      if (!rule.group) return `[REDACTED:${rule.kind}]`;
      const groups = m.slice(1, -2);
      return groups.map((g, i) => (i + 1 === rule.group ? `[REDACTED:${rule.kind}]` : (g ?? ''))).join('');
    });
  }
  out = out.replace(ASSIGNMENT, (whole, name: string, op: string, quote: string, value: string) => {
    if (!SECRET_NAME.test(name) || !looksRandom(value)) return whole;
    count++;
    return `${name}${op}${quote}[REDACTED:secret-assignment]${quote}`;
  });
  return { text: out, count };
}
