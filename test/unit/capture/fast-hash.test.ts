import assert from 'node:assert/strict';
import { fastHash, shortHash } from '../../../src/core/util/hash';

/** Snippets like the ones capture hashes: code lines that differ in a character or two. */
function sample(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`  const v${i} = compute(input, ${i % 7});\n  return v${i} ?? fallback;\n`);
  return out;
}

function popcount(x: number): number {
  let n = 0;
  for (let v = x >>> 0; v; v &= v - 1) n++;
  return n;
}

/** Bits of a 16-hex-character hash as two 32-bit halves. */
function halves(h: string): [number, number] {
  return [parseInt(h.slice(0, 8), 16), parseInt(h.slice(8), 16)];
}

describe('fastHash', () => {
  it('gives 16 hex characters, the same for the same text in every run (pinned values)', () => {
    assert.equal(fastHash(''), '488bdcb814ea37a8');
    assert.equal(fastHash('a'), '1213124edae2bf79');
    assert.equal(fastHash('hello world'), '24d3e896e8f74c28');
    assert.equal(fastHash('é😀'), 'b98c9383c6a9b4a2');
    for (const s of sample(50)) {
      assert.match(fastHash(s), /^[0-9a-f]{16}$/);
      assert.equal(fastHash(s), fastHash(s.slice(0, 10) + s.slice(10)));
    }
  });

  it('does not collide on 200k near-identical snippets and balances its 64 bits', () => {
    const texts = sample(200_000);
    const seen = new Set<string>();
    const ones = new Array<number>(64).fill(0);
    for (const t of texts) {
      const h = fastHash(t);
      seen.add(h);
      const [hi, lo] = halves(h);
      for (let b = 0; b < 32; b++) {
        ones[b] += (hi >>> b) & 1;
        ones[32 + b] += (lo >>> b) & 1;
      }
    }
    assert.equal(seen.size, texts.length);
    // Each bit set in ~50% of hashes: 200k draws give a standard deviation of ~0.11%, so 1% is far outside noise.
    for (const n of ones) assert.ok(Math.abs(n / texts.length - 0.5) < 0.01, `bit set in ${n} of ${texts.length}`);
  });

  it('flips about half of the output bits when one input bit flips (avalanche)', () => {
    let flipped = 0;
    let trials = 0;
    for (const t of sample(500)) {
      const [a1, a2] = halves(fastHash(t));
      for (let pos = 0; pos < t.length; pos += 5) {
        for (const bit of [1, 4, 32]) {
          const u = t.slice(0, pos) + String.fromCharCode(t.charCodeAt(pos) ^ bit) + t.slice(pos + 1);
          const [b1, b2] = halves(fastHash(u));
          flipped += popcount(a1 ^ b1) + popcount(a2 ^ b2);
          trials++;
        }
      }
    }
    const mean = flipped / trials;
    assert.ok(mean > 30 && mean < 34, `mean flipped bits ${mean}`);
  });

  it('tells apart texts that differ only in length, order or a trailing character', () => {
    const cases = ['ab', 'ba', 'ab ', 'ab\n', 'a', 'aa', 'aaa', '\0', '\0\0'];
    assert.equal(new Set(cases.map(fastHash)).size, cases.length);
  });

  it('is a different function from shortHash (paths keep SHA-256)', () => {
    assert.notEqual(fastHash('/home/dev/project/src/a.ts'), shortHash('/home/dev/project/src/a.ts'));
  });
});
