const ascii = new Uint32Array(128);

/** Shannon entropy in bits per character (code points; ASCII counted in a table, the rest in a map). */
export function entropy(s: string): number {
  if (s.length === 0) return 0;
  ascii.fill(0);
  let other: Map<string, number> | undefined;
  let n = 0;
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c < 128) ascii[c]++;
    else (other ??= new Map()).set(ch, (other.get(ch) ?? 0) + 1);
    n++;
  }
  let h = 0;
  const add = (k: number): void => {
    const p = k / n;
    h -= p * Math.log2(p);
  };
  for (let c = 0; c < 128; c++) if (ascii[c] > 0) add(ascii[c]);
  if (other) for (const k of other.values()) add(k);
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

/** Placeholders are short; a long value is judged by its entropy alone (and this test stays cheap). */
export function isPlaceholder(v: string): boolean {
  return v.length <= 200 && PLACEHOLDER.test(v);
}

/** A value random enough to be a credential: long enough, high entropy, not one word, not a path. */
export function looksRandom(v: string): boolean {
  // Credentials are printable ASCII; prose in other scripts draws many distinct characters and high entropy.
  if (v.length < MIN_RANDOM_LENGTH || !/^[\x21-\x7e]+$/.test(v) || isPlaceholder(v)) return false;
  if (/^[a-z]+(?:[._-][a-z]+)*$/i.test(v) || /^[\d.,:_-]+$/.test(v) || /^(?:\.{0,2}\/|~\/|[A-Z]:\\)/.test(v)) return false;
  return entropy(v) >= MIN_ENTROPY;
}
