import assert from 'node:assert/strict';
import { dot } from '../../../src/core/embed/embedder';
import { HashingEmbedder } from '../../../src/core/embed/hashing';
import { contentTokens, stem, subTokens } from '../../../src/core/embed/tokens';

describe('sub-tokens', () => {
  it('splits identifiers on case, underscores and digits, and stems lightly', () => {
    assert.deepEqual(subTokens('parseHTTPResponse_v2 retries'), ['pars', 'http', 'respons', 'v', '2', 'retry']);
    assert.equal(stem('cached'), stem('caching'));
    assert.equal(stem('files'), 'file');
    assert.deepEqual([...contentTokens('const x = await fetchUser(id)')], ['fetch', 'user', 'id']);
  });
});

describe('HashingEmbedder', () => {
  const e = new HashingEmbedder();
  it('gives deterministic 384-dim unit vectors', async () => {
    const [a, b] = await e.embed(['function debounce(fn, ms) {}', 'function debounce(fn, ms) {}']);
    assert.equal(a.length, 384);
    assert.ok(Math.abs(dot(a, a) - 1) < 1e-5);
    assert.deepEqual(a, b);
  });

  it('ranks similar code above unrelated code', async () => {
    const [js, py, other] = await e.embed([
      'function binarySearch(sorted, target) { let lo = 0, hi = sorted.length - 1; while (lo <= hi) { const mid = (lo + hi) >> 1; } }',
      'def binary_search(sorted_list, target):\n    lo, hi = 0, len(sorted_list) - 1\n    while lo <= hi:\n        mid = (lo + hi) // 2',
      'export function renderHeader(title) { return `<h1 class="header">${escapeHtml(title)}</h1>`; }',
    ]);
    assert.ok(dot(js, py) > dot(js, other) + 0.15, `${dot(js, py)} vs ${dot(js, other)}`);
  });

  it('gives a zero vector for empty text', () => {
    assert.ok(e.embedOne('').every((x) => x === 0));
  });
});
