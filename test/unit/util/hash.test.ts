import assert from 'node:assert/strict';
import { shortHash } from '../../../src/core/util/hash';

describe('shortHash', () => {
  it('gives 16 hex characters, stable for the same input and different for another', () => {
    const a = shortHash('/home/dev/project/src/a.ts');
    assert.match(a, /^[0-9a-f]{16}$/);
    assert.equal(shortHash('/home/dev/project/src/a.ts'), a);
    assert.notEqual(shortHash('/home/dev/project/src/b.ts'), a);
  });
});
