import assert from 'node:assert/strict';
import { appendFile } from 'node:fs/promises';
import { collect, copyFixture, QUIET, withTmp } from './helpers';
import { importFile } from '../../../src/core/importers/run-import';
import type { RecordedEvent } from '../../../src/core/model/events';

/** Issue 11, defect 6: hostile mutation lines cost little, fail alone, and the file's valid requests stay. */
describe('Copilot mutation log bounds', () => {
  it('a set at array index 4294967294 is a counted bad mutation, not a 4-billion-slot array', async () => {
    await withTmp(async (dir) => {
      const path = await copyFixture('copilot-chat-session-mutation-log.jsonl', dir, 'm.jsonl');
      await appendFile(path, JSON.stringify({ kind: 1, k: ['requests', 4294967294], v: { requestId: 'x', timestamp: 1 } }) + '\n'
        + JSON.stringify({ kind: 1, k: ['requests', 4294967294, 'vote'], v: 1 }) + '\n'
        + JSON.stringify({ kind: 2, k: ['requests', 0, 'response'], v: [{ kind: 'markdownContent', value: 'x' }], i: 4294967294 }) + '\n');
      const started = Date.now();
      const c = await collect(path, 'copilot-mutation-log');
      assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
      assert.equal(c.result.skipped.bad_mutation, 2);
      assert.equal(c.interactions.length, 2, 'the two valid requests are imported');
    });
  });

  it('a value nested 10,000 levels deep loses only its own line', async () => {
    await withTmp(async (dir) => {
      const path = await copyFixture('copilot-chat-session-mutation-log.jsonl', dir, 'm.jsonl');
      const deep = '['.repeat(10_000) + ']'.repeat(10_000);
      await appendFile(path, `{"kind":1,"k":["requests",1,"response",0,"value"],"v":${deep}}\n`
        + `{"kind":2,"k":["requests",1,"response"],"v":[{"kind":"markdownContent","value":${deep}}]}\n`);
      const c = await collect(path, 'copilot-mutation-log');
      assert.equal(c.result.skipped.unreadable, undefined, 'the file is not unreadable');
      assert.equal(c.interactions.length, 2);
      assert.deepEqual(c.interactions.map((e) => e.model), ['copilot/gpt-4o', 'copilot/gpt-4o']);
    });
  });

  it('honours cancellation: a cancelled replay emits no request and leaves the cursor where it was', async () => {
    await withTmp(async (dir) => {
      const path = await copyFixture('copilot-chat-session-mutation-log.jsonl', dir, 'm.jsonl');
      const events: RecordedEvent[] = [];
      const r = await importFile({ path, format: 'copilot-mutation-log', source: 'copilotChat' }, undefined, QUIET, (e) => events.push(e), () => true);
      assert.equal(events.filter((e) => e.kind === 'ai_interaction').length, 0);
      assert.equal(r.cursor.offset, 0);
    });
  });
});
