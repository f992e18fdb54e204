import assert from 'node:assert/strict';
import { entropy, redactSecrets } from '../../../src/core/capture/redact';

const r = (s: string): string => redactSecrets(s).text;

describe('secret redaction', () => {
  const cases: Array<[string, string, string]> = [
    ['AWS access key id', 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE', 'aws_access_key_id = [REDACTED:aws-access-key]'],
    ['AWS secret key', 'aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aws_secret_access_key=[REDACTED:aws-secret-key]'],
    ['GitHub classic token', 'token: ghp_1234567890abcdefghijklmnopqrstuvwxyzAB', 'token: [REDACTED:github-token]'],
    ['GitHub fine-grained token', 'GH=github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz', 'GH=[REDACTED:github-token]'],
    ['OpenAI key', 'OPENAI_API_KEY="sk-proj-abcDEF1234567890ghiJKL_mnop"', 'OPENAI_API_KEY="[REDACTED:openai-key]"'],
    ['Anthropic key', "const k = 'sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abc';", "const k = '[REDACTED:anthropic-key]';"],
    ['JWT', 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'Authorization: Bearer [REDACTED:jwt]'],
    ['Postgres URL', 'DATABASE_URL=postgres://app:s3cr3t-P4ss@db.internal:5432/app', 'DATABASE_URL=postgres://app:[REDACTED:connection-password]@db.internal:5432/app'],
    ['Mongo SRV URL', 'mongodb+srv://user:hunter2@cluster0.example.net/test', 'mongodb+srv://user:[REDACTED:connection-password]@cluster0.example.net/test'],
    ['ADO.NET string', 'Server=tcp:x.database.windows.net;User ID=sa;Password=Pa55w0rd!;', 'Server=tcp:x.database.windows.net;User ID=sa;Password=[REDACTED:connection-password];'],
    ['high-entropy assignment', 'const clientSecret = "Zx8Qp2Lr7Vt1Nw4Ks9Hd";', 'const clientSecret = "[REDACTED:secret-assignment]";'],
    ['.env style', 'STRIPE_WEBHOOK_SECRET=whsec_9fK2mQ7xLp3Rt8Vb', 'STRIPE_WEBHOOK_SECRET=[REDACTED:secret-assignment]'],
  ];
  for (const [name, input, expected] of cases) {
    it(`redacts: ${name}`, () => assert.equal(r(input), expected));
  }

  it('redacts a private key block whole', () => {
    const pem = 'key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1234\nabcd==\n-----END RSA PRIVATE KEY-----\nafter';
    assert.equal(r(pem), 'key:\n[REDACTED:private-key]\nafter');
    assert.equal(r('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEA'), '[REDACTED:private-key]');
  });

  it('counts what it replaced', () => {
    assert.equal(redactSecrets('a AKIAIOSFODNN7EXAMPLE b ghp_1234567890abcdefghijklmnopqrstuvwxyzAB').count, 2);
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
  ];
  for (const text of keep) {
    it(`leaves non-secrets alone: ${text}`, () => assert.equal(r(text), text));
  }

  it('computes Shannon entropy', () => {
    assert.equal(entropy('aaaa'), 0);
    assert.equal(entropy('abcd'), 2);
  });
});
