import assert from 'node:assert/strict';
import { describeSummary } from '../../../src/core/importers/summary-text';

describe('import summary in words', () => {
  it('says "1 file" and "26 records", how many files changed, and what is still being written', () => {
    const text = describeSummary({
      bySource: { claudeCode: { files: 2, changedFiles: 1, records: 26, skipped: {}, rejected: {} } },
      files: 2, records: 26, skipped: 1, rejected: 0, cancelled: false, warnings: [], pending: ['/x.jsonl'],
    }, { claudeCode: 'Claude Code' });
    assert.equal(text, '26 records from 2 files; skipped 1 line (see the log). Claude Code: 26 records from 1 changed file (1 unchanged). ' +
      '1 file still being written: read again once quiet.');
    assert.match(describeSummary({ bySource: {}, files: 1, records: 3, skipped: 0, rejected: 1, cancelled: false, warnings: [] }, {}),
      /^3 records from 1 file; rejected 1 absurd value, the rest of their records kept/);
    assert.equal(describeSummary({ bySource: {}, files: 1, records: 1, skipped: 0, rejected: 0, cancelled: false, warnings: [] }, {}), '1 record from 1 file.');
  });
});
