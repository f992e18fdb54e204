import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { shortHash } from '../../../src/core/util/hash';

describe('shortHash', () => {
  it('gives 16 hex characters, stable for the same input and different for another', () => {
    const a = shortHash('/home/dev/project/src/a.ts');
    assert.match(a, /^[0-9a-f]{16}$/);
    assert.equal(shortHash('/home/dev/project/src/a.ts'), a);
    assert.notEqual(shortHash('/home/dev/project/src/b.ts'), a);
  });

  it('is the first 16 hex characters of SHA-256 of the UTF-8 text, so ids stored by earlier versions stay the same', () => {
    // Published SHA-256 test vectors (FIPS 180-2 "abc", and the empty string).
    assert.equal(shortHash('abc'), 'ba7816bf8f01cfea');
    assert.equal(shortHash(''), 'e3b0c44298fc1c14');
    for (const text of ['gemini-cli|prompt|5b1f0c2e|a3e9', 'é ünïcode 中文 🙂', 'x'.repeat(100_000)]) {
      assert.equal(shortHash(text), createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16));
    }
  });
});
