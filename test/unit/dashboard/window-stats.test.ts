import assert from 'node:assert/strict';
import { WindowStats } from '../../../src/core/dashboard/window-stats';
import type { RecordedEvent } from '../../../src/core/model/events';

function change(language: string, label: 'typed' | 'paste', chars: number): RecordedEvent {
  return { kind: 'text_change', ts: 1, fileHash: '0'.repeat(16), language, label, precision: 'heuristic', charsAdded: chars, charsRemoved: 0, linesAdded: 0, count: 1 };
}

describe('WindowStats', () => {
  it('counts every event, sums text changes per language and label, and forwards to the next sink', () => {
    const forwarded: RecordedEvent[] = [];
    const stats = new WindowStats({ append: (e) => forwarded.push(e) });
    let notified = 0;
    const stop = stats.onDidAppend(() => notified++);
    stats.append(change('go', 'typed', 1));
    stats.append(change('go', 'typed', 2));
    stats.append(change('go', 'paste', 30));
    stats.append({ kind: 'context', ts: 2, what: 'focus' });
    stop();
    stats.append(change('rust', 'typed', 4));
    assert.equal(stats.eventsSeen, 5);
    assert.equal(forwarded.length, 5);
    assert.equal(notified, 4);
    assert.deepEqual(
      stats.textByLanguage().sort((a, b) => a.chars - b.chars),
      [
        { language: 'go', label: 'typed', chars: 3, changes: 2 },
        { language: 'rust', label: 'typed', chars: 4, changes: 1 },
        { language: 'go', label: 'paste', chars: 30, changes: 1 },
      ],
    );
  });

  it('counts a batch and forwards it whole to a sink that takes batches, one by one to one that does not', () => {
    const batches: number[] = [];
    const stats = new WindowStats({ append: () => assert.fail('append'), appendMany: (es) => batches.push(es.length) });
    stats.appendMany([change('go', 'typed', 1), change('go', 'typed', 2)]);
    assert.deepEqual(batches, [2]);
    assert.equal(stats.eventsSeen, 2);
    const single: RecordedEvent[] = [];
    new WindowStats({ append: (e) => single.push(e) }).appendMany([change('go', 'typed', 1), change('go', 'paste', 9)]);
    assert.equal(single.length, 2);
  });
});
