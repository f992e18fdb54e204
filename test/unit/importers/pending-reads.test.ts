import assert from 'node:assert/strict';
import { PendingReads } from '../../../src/core/importers/pending-reads';

describe('files read again (PendingReads)', () => {
  it('reads a chosen file that was still being written again as chosen, not through a discovery that cannot find it', () => {
    const p = new PendingReads(5);
    assert.equal(p.unfinished(['/exports/chat.json'], true), true);
    p.changed('/home/u/.claude/projects/x/a.jsonl');
    assert.deepEqual(p.take(), { watched: ['/home/u/.claude/projects/x/a.jsonl'], chosen: ['/exports/chat.json'] });
    assert.deepEqual(p.take(), { watched: [], chosen: [] });
  });

  it('queues a file at most maxRetries times in a row, and starts over once a run finishes it', () => {
    const p = new PendingReads(2);
    assert.equal(p.unfinished(['/a'], false), true);
    assert.equal(p.unfinished(['/a'], false), true);
    assert.equal(p.unfinished(['/a'], false), false, 'third time in a row: left to its next change');
    assert.deepEqual(p.take(), { watched: ['/a'], chosen: [] });
    p.unfinished([], false);
    assert.equal(p.unfinished(['/a'], false), true, 'finished once, so counted from 1 again');
  });

  it('a path both changed and chosen is read once, through discovery', () => {
    const p = new PendingReads(5);
    p.unfinished(['/a'], true);
    p.changed('/a');
    assert.deepEqual(p.take(), { watched: ['/a'], chosen: [] });
  });
});
