import assert from 'node:assert/strict';
import { count, duration } from '../../../src/core/util/words';

describe('words: counts and durations as people write them', () => {
  it('says "1 file" and "2 files", "0 files", with thousands separators', () => {
    assert.equal(count(1, 'file'), '1 file');
    assert.equal(count(2, 'file'), '2 files');
    assert.equal(count(0, 'file'), '0 files');
    assert.equal(count(1234, 'record'), '1,234 records');
    assert.equal(count(3, 'entry'), '3 entries');
  });

  it('writes durations as WakaTime does, rounding minutes down', () => {
    const min = 60_000;
    assert.equal(duration(125 * min), '2 hrs 5 mins');
    assert.equal(duration(60 * min), '1 hr');
    assert.equal(duration(61 * min + 59_000), '1 hr 1 min');
    assert.equal(duration(45 * min), '45 mins');
    assert.equal(duration(59_999), '0 mins');
    assert.equal(duration(-5), '0 mins');
  });
});
