import assert from 'node:assert/strict';
import type { RecordedEvent } from '../../../src/core/model/events';
import { DeferredSink } from '../../../src/core/util/deferred-sink';

const ev = (ts: number): RecordedEvent => ({ kind: 'context', ts, what: 'focus' });

describe('DeferredSink', () => {
  it('holds events until attached, forwards them in order, then passes through', () => {
    const sink = new DeferredSink();
    sink.append(ev(1));
    sink.append(ev(2));
    const got: number[] = [];
    sink.attach({ append: (e) => got.push(e.ts) });
    sink.append(ev(3));
    assert.deepEqual(got, [1, 2, 3]);
  });

  it('holds at most its limit and counts what it dropped', () => {
    const sink = new DeferredSink(2);
    for (let i = 0; i < 5; i++) sink.append(ev(i));
    const got: number[] = [];
    sink.attach({ append: (e) => got.push(e.ts) });
    assert.deepEqual(got, [0, 1]);
    assert.equal(sink.dropped, 3);
  });

  it('hands batches on as batches once attached, and what it held as one batch', () => {
    const sink = new DeferredSink();
    sink.appendMany([ev(1), ev(2)]);
    const batches: number[][] = [];
    sink.attach({ append: () => assert.fail('append'), appendMany: (es) => batches.push(es.map((e) => e.ts)) });
    sink.appendMany([ev(3), ev(4)]);
    assert.deepEqual(batches, [[1, 2], [3, 4]]);
  });
});
