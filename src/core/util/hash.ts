import * as crypto from 'node:crypto';

/**
 * Node's one-shot `crypto.hash` (20.12+, 21.7+) where the running Node has it: the same digest without a `Hash`
 * object per call, which is most of the cost of the many short ids an import makes.
 */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

/** 16 lowercase hex characters of SHA-256: stable, short ids for files, workspaces and texts. */
export function shortHash(value: string): string {
  if (oneShot !== undefined) return oneShot('sha256', value, 'hex').slice(0, 16);
  return crypto.createHash('sha256').update(value).digest('hex').slice(0, 16);
}

/**
 * 16 lowercase hex characters (64 bits) of a fast non-cryptographic hash of `value`'s UTF-16 code units: two
 * 32-bit multiply-xor lanes (cyrb53's scheme) cross-mixed by murmur3-style finalisers, with the length folded in.
 * For telling texts apart on the extension host's main thread (per text change): ~0.1 us for a 70-character
 * snippet where `shortHash` costs ~0.6 us warm and several us cold. Not a security boundary: anyone can make
 * collisions on purpose, so never use it where an adversary chooses the text and a collision matters.
 */
export function fastHash(value: string): string {
  let h1 = 0xdeadbeef ^ value.length;
  let h2 = 0x41c6ce57 ^ value.length;
  for (let i = 0; i < value.length; i++) {
    const ch = value.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 0x9e3779b1);
    h2 = Math.imul(h2 ^ ch, 0x5f356495);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0x85ebca6b);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 0xc2b2ae35);
  h1 = Math.imul(h1 ^ (h1 >>> 15), 0x27d4eb2f);
  h1 ^= h1 >>> 16;
  return hex8(h2) + hex8(h1);
}

function hex8(x: number): string {
  const s = (x >>> 0).toString(16);
  return s.length === 8 ? s : '00000000'.slice(s.length) + s;
}
