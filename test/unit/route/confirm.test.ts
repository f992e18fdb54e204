import assert from 'node:assert/strict';
import { Confirmations, needsConfirmation } from '../../../src/core/route/confirm';

describe('a large @learn request asks first', () => {
  it('asks at or above the threshold when asking is on; never below it or when off', () => {
    assert.equal(needsConfirmation(8_000, 8_000, true), true);
    assert.equal(needsConfirmation(7_999, 8_000, true), false);
    assert.equal(needsConfirmation(50_000, 8_000, false), false);
    assert.equal(needsConfirmation(Number.NaN, 0, true), false);
  });

  it('"Send" sends, "Don\'t send" does not, and an answer counts once', async () => {
    const c = new Confirmations();
    const go = c.wait('a');
    const no = c.wait('b');
    assert.equal(c.size, 2);
    assert.equal(c.answer('a', true), true);
    assert.equal(c.answer('a', false), false, 'answered already');
    assert.equal(c.answer('b', false), true);
    assert.deepEqual([await go, await no], [true, false]);
    assert.equal(c.size, 0);
    assert.equal(c.answer('unknown', true), false);
  });

  it('the chat\'s cancellation and the timeout end the wait unsent', async () => {
    const c = new Confirmations();
    let end: (() => void) | undefined;
    const cancelled = c.wait('a', 60_000, (e) => { end = e; });
    end!();
    assert.equal(await cancelled, false);
    const started = Date.now();
    assert.equal(await c.wait('b', 30), false);
    assert.ok(Date.now() - started >= 25);
    assert.equal(c.answer('b', true), false);
  });
});
