/**
 * Secrets found by where they stand rather than by their shape: private-key blocks, `name = value`
 * assignments to secret-looking names (with an entropy test), command-line passwords, Authorization and API-key
 * headers, passwords in URLs, Azure SAS signatures and connection-string keys.
 *
 * Every pattern here runs in linear time on a backtracking engine: each one starts at a literal or behind a
 * negative lookbehind that fails inside a word, every quantifier is bounded, and no two adjacent quantified
 * parts can trade characters without a required literal between them.
 */
import { isPlaceholder, looksRandom } from './entropy';
import type { Span } from './spans';

/** Names whose value is a secret when the value looks like one. */
const SECRET_NAME = new RegExp(
  [
    'secret', 'token', 'passw(?:or)?d', 'pwd', 'passphrase', 'credential', 'auth', 'api_?key', 'access_?key', 'private_?key',
    '(?:^|_)(?:account|master|encryption|signing|session|client|app|license|service|sas)_?key(?:$|_)', '(?:^|_)(?:pat|sig)$',
  ].join('|'),
);
/** Parts of a name that make it metadata about a secret rather than the secret. */
const NOT_SECRET_NAME =
  /(?:^|_)(?:id|ids|url|uri|endpoint|path|file|dir|name|type|kind|length|size|count|hash|header|prefix|expiry|expires|expiration|ttl|lifetime|interval|seconds|ms|minutes|format|len|max|min|hint|label|field|env|var|policy|public|author|csrf)(?:$|_)/;
/** Names where a short or plain value is still a secret (people choose passwords, not generators). */
const PASSWORD_NAME = /passw(?:or)?d|pwd|passphrase/;

/** snake_case form of a name, so `clientSecret`, `client-secret` and `CLIENT_SECRET` are judged alike. */
export function normaliseName(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().replace(/[^a-z0-9]+/g, '_');
}

export function isSecretName(name: string): boolean {
  const n = normaliseName(name);
  return SECRET_NAME.test(n) && !NOT_SECRET_NAME.test(n);
}

/** Is `value`, assigned to `name`, a secret? */
export function secretValue(name: string, value: string): boolean {
  if (value.length < 8 || !isSecretName(name) || isPlaceholder(value)) return false;
  if (PASSWORD_NAME.test(normaliseName(name))) return value.length >= 8 && !/^[a-z]+$/i.test(value) && !/^\d+$/.test(value);
  return looksRandom(value);
}

/** `name = value`, `name: 'value'`, `"name": "value"`, `NAME=value`, `name := "value"`, `name => 'value'`. */
const ASSIGNMENT_AT = /([A-Za-z_][\w.-]{0,63})(["']?[ \t]{0,3}(?::=|=>|[:=])[ \t]{0,3})(["'`]?)([^\s"'`,;&<>(){}[\]]{1,512})/y;
/**
 * Where an assignment scan starts: a word of a secret-looking name. Code is full of `name = value`; only the
 * few names holding one of these are parsed, from the start of the name (found by walking back).
 */
const NAME_WORD = /secret|token|passw|pwd|passphrase|credential|auth|key|pat|sig/gi;
const NAME_CHAR = /[\w.-]/;
const MAX_NAME = 64;
/** Password and token flags of command lines: `--password=x`, `--token x`, `-password x`. */
const FLAG = /-(?<![\w-]-)-?((?:db-?|api-?|auth-?|access-?|client-?|admin-?)?(?:password|passwd|pass|pwd|token|api-?key|apikey|secret|key))(?:=|[ \t]{1,3})(["']?)([^\s"'`]{1,512})/gi;
/** `curl -u user:password`, `--user user:password`. */
const CURL_USER = /-(?<![\w-]-)(?:u|-user)(?:=|[ \t]{0,3})(["']?)([^\s:"']{1,128}):([^\s"']{1,512})/g;
/**
 * `-p` flags: `mysql -pPASSWORD` (a space after -p means "ask") and `sshpass -p PASSWORD`. The program is
 * looked for behind each `-p` (at most LOOKBACK characters, same command), not ahead of each program name: a
 * lazy scan ahead of every `mysql` would cost its whole window per occurrence.
 */
const DASH_P = /[ \t]-p([ \t]{0,3})(["']?)([^\s"'`]{1,512})/g;
const MYSQL_BEHIND = /\b(?:mysql|mysqldump|mysqladmin|mariadb|mariadb-dump)\b[^|;&]*$/;
const SSHPASS_BEHIND = /\bsshpass\b[^|;&]*$/;
const LOOKBACK = 200;
/** `Authorization: Bearer x`, `"Authorization": "Basic x"`, `Proxy-Authorization: x`. */
const AUTH_HEADER = /\b(?:proxy-)?authorization["']?[ \t]{0,3}[:=][ \t]{0,3}["']?(?:(?:bearer|basic|token|digest|apikey|sso-key)[ \t]{1,3})?([A-Za-z0-9._~+/:=-]{8,4096})/gi;
/** `Bearer x` anywhere else, when x looks random. */
const BEARER = /\bbearer[ \t]{1,3}([A-Za-z0-9._~+/-]{16,4096}=*)/gi;
/** `X-Api-Key: x`, `X-Auth-Token: x`. */
const KEY_HEADER = /\bx-(?:[a-z]{1,20}-){0,3}(?:key|token|secret|auth)["']?[ \t]{0,3}:[ \t]{0,3}["']?([^\s"']{8,4096})/gi;
/** `scheme://user:password@host`, `redis://:password@host` (found from the `://`, the scheme is not needed). */
const URL_CREDENTIALS = /:\/\/[^\s:/@"'`<>]{0,256}:([^\s@/"'`<>]{1,512})(?=@)/gi;
/** Azure shared access signature: `?sv=...&sig=x`. */
const SAS_SIG = /[?&]sig=([A-Za-z0-9%+/=]{16,512})/g;
/** Connection strings: `Password=x;`, `AccountKey=x;`, `SharedAccessKey=x`. */
const CONNECTION_KEY = /\b(?:password|pwd|accountkey|sharedaccesskey|sharedsecret)=([^;"'\s]{1,1024})/gi;
/** The header of a PEM private-key block. */
const PEM_HEAD = /-----BEGIN [A-Z0-9 _-]{0,100}PRIVATE KEY(?: BLOCK)?-----/y;

/**
 * The capture group holding the secret, or undefined when this match is not one. Every pattern here ends with
 * its secret group (a lookahead at most after it), so the span is the end of the match: the `d` flag would
 * give the same indices at several times the cost per match.
 */
type Check = (m: RegExpExecArray) => number | undefined;

/** Runs `re` over `text` and adds a span for each group the check keeps (generic: a format rule names it first). */
function collect(text: string, re: RegExp, kind: string, check: Check, out: Span[]): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const g = check(m);
    if (g === undefined) continue;
    const end = m.index + m[0].length;
    out.push({ start: end - m[g].length, end, kind, generic: true });
  }
}

const unlessPlaceholder = (group: number): Check => (m) => (isPlaceholder(m[group]) ? undefined : group);

/** Private-key blocks, BEGIN to END (or to the end of the text when cut). One forward scan. */
function pemSpans(text: string, out: Span[]): void {
  let from = 0;
  for (;;) {
    const at = text.indexOf('-----BEGIN ', from);
    if (at < 0) return;
    PEM_HEAD.lastIndex = at;
    if (!PEM_HEAD.test(text)) {
      from = at + 11;
      continue;
    }
    const endAt = text.indexOf('-----END ', PEM_HEAD.lastIndex);
    const close = endAt < 0 ? -1 : text.indexOf('-----', endAt + 9);
    const end = endAt < 0 ? text.length : close < 0 || close - endAt > 120 ? endAt + 9 : close + 5;
    out.push({ start: at, end, kind: 'private-key' });
    from = end;
  }
}

/** `name = value` assignments whose name holds a NAME_WORD and whose value passes `secretValue`. */
function assignmentSpans(text: string, out: Span[]): void {
  NAME_WORD.lastIndex = 0;
  let done = 0;
  let w: RegExpExecArray | null;
  while ((w = NAME_WORD.exec(text)) !== null) {
    let start = w.index;
    while (start > done && w.index - start < MAX_NAME && NAME_CHAR.test(text[start - 1])) start--;
    if (start > 0 && /[$]/.test(text[start - 1])) continue;
    ASSIGNMENT_AT.lastIndex = start;
    const m = ASSIGNMENT_AT.exec(text);
    if (m === null || m.index + m[1].length < w.index + w[0].length) continue;
    done = ASSIGNMENT_AT.lastIndex;
    NAME_WORD.lastIndex = done;
    if (secretValue(m[1], m[4])) out.push({ start: done - m[4].length, end: done, kind: 'secret-assignment', generic: true });
  }
}

/** Spans of every secret found by context. */
export function contextSpans(text: string): Span[] {
  const out: Span[] = [];
  pemSpans(text, out);
  assignmentSpans(text, out);
  collect(text, FLAG, 'command-line-secret', (m) => {
    const v = m[3];
    if (isPlaceholder(v)) return undefined;
    return /pass|pwd/i.test(m[1]) || looksRandom(v) || (v.length >= 16 && !/[/\\]/.test(v)) ? 3 : undefined;
  }, out);
  collect(text, CURL_USER, 'command-line-password', unlessPlaceholder(3), out);
  collect(text, DASH_P, 'command-line-password', (m) => {
    const line = text.slice(Math.max(0, m.index - LOOKBACK), m.index);
    const behind = line.slice(line.lastIndexOf('\n') + 1);
    const attached = m[1] === '' && m[2] === '';
    const program = attached && !m[3].startsWith('-') ? MYSQL_BEHIND.test(behind) || SSHPASS_BEHIND.test(behind) : SSHPASS_BEHIND.test(behind);
    return program && !isPlaceholder(m[3]) ? 3 : undefined;
  }, out);
  collect(text, AUTH_HEADER, 'authorization', unlessPlaceholder(1), out);
  collect(text, BEARER, 'bearer-token', (m) => (looksRandom(m[1]) ? 1 : undefined), out);
  collect(text, KEY_HEADER, 'api-key-header', unlessPlaceholder(1), out);
  collect(text, URL_CREDENTIALS, 'url-password', unlessPlaceholder(1), out);
  collect(text, SAS_SIG, 'azure-sas-signature', unlessPlaceholder(1), out);
  collect(text, CONNECTION_KEY, 'connection-string-secret', unlessPlaceholder(1), out);
  return out;
}
