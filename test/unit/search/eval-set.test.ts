import assert from 'node:assert/strict';
import { checkQueries } from '../../../bench/search-eval/check-queries';

describe('the frozen search evaluation', () => {
  it('has >= 25 paraphrases and >= 25 queries in the code words per repository; no paraphrase shares a stem with its targets', () => {
    assert.deepEqual(checkQueries(), []);
  });
});
