/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Entropy a value needs to count as random. 3.0 bits: a 14-character password draws ~3.5, a word ~2.5-2.9. */
export const MIN_ENTROPY = 3.0;
/** Shorter values are not judged by entropy alone. */
export const MIN_RANDOM_LENGTH = 12;

/**
 * Values that stand for a secret without being one: variables and templates (shapes from gitleaks' global
 * allowlist), environment look-ups, angle-bracket and "your key" placeholders, masks, runs of one character.
 */
const PLACEHOLDER = new RegExp(
  [
    String.raw`^\$\{?[\w.:-]*\}?$`, String.raw`^\$\(.*\)$`, String.raw`\{\{.*\}\}`, String.raw`^%\w+%$`, String.raw`^@\w+@$`,
    String.raw`^<[^>]*>$`, String.raw`^\[[^\]]*\]$`, String.raw`(?:process\.env|os\.environ|getenv|import\.meta\.env|ENV\[)`,
    String.raw`^(.)\1*$`, String.raw`x{4,}|X{4,}|\*{3,}|\.{3}`, String.raw`(?:your|my)[_-]?(?:api[_-]?)?(?:key|token|secret|password)`,
    String.raw`^(?:replace[_-]?me|changeme|change[_-]?it|example|placeholder|redacted|dummy|secret|password|token|null|none|undefined|true|false)$`,
    String.raw`^\[REDACTED`,
  ].join('|'),
  'i',
);

export function isPlaceholder(v: string): boolean {
  return PLACEHOLDER.test(v);
}

/** A value random enough to be a credential: long enough, high entropy, not one word, not a path. */
export function looksRandom(v: string): boolean {
  if (v.length < MIN_RANDOM_LENGTH || isPlaceholder(v)) return false;
  if (/^[a-z]+(?:[._-][a-z]+)*$/i.test(v) || /^[\d.,:_-]+$/.test(v) || /^(?:\.{0,2}\/|~\/|[A-Z]:\\)/.test(v)) return false;
  return entropy(v) >= MIN_ENTROPY;
}
