import assert from 'node:assert/strict';
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BUSY, DedupingSink, FIXTURES, QUIET, collect, copyFixture, withTmp } from './helpers';
import { importFile } from '../../../src/core/importers/run-import';

describe('Copilot Chat importers', () => {
  it('reads the real v3 session: 3 requests with model, timings, tool calls and edits', async () => {
    const c = await collect(join(FIXTURES, 'copilot-chat-session-v3.json'), 'copilot-session-json');
    assert.equal(c.interactions.length, 3);
    assert.deepEqual(
      c.interactions.map((e) => [e.model, e.interaction, e.firstTokenMs, e.latencyMs, e.toolCalls, e.filesEdited, e.linesEdited, e.success]),
      [
        ['copilot/claude-sonnet-4', 'agent', 4581, 12361, 0, 0, 0, true],
        ['copilot/claude-sonnet-4', 'agent', 3009, 9509, 1, 1, 6, true],
        ['copilot/claude-sonnet-4', 'agent', 4636, 8787, 1, 0, 0, true],
      ],
    );
    assert.deepEqual(c.tools.map((t) => [t.tool, t.success]), [['copilot_replaceString', true], ['copilot_findTextInFiles', true]]);
    assert.deepEqual(c.interactions.map((e) => e.promptChars), [26, 35, 40]);
    assert.equal(c.interactions[0].ts, 1759845073835);
    assert.ok(c.interactions.every((e) => e.costUsd === undefined && e.conversation === '331fed7f-cfd6-409c-8502-06a56322b636'));
    assert.equal(c.feedback.length, 0);
  });

  it('replays the real mutation log: snapshot plus a pushed request', async () => {
    const c = await collect(join(FIXTURES, 'copilot-chat-session-mutation-log.jsonl'), 'copilot-mutation-log');
    // Tool calls are the model's rounds (read_file, insert_edit_into_file); VS Code's own
    // vscode_editFile_internal invocation is a tool run but not a call the model made.
    assert.deepEqual(c.interactions.map((e) => [e.model, e.firstTokenMs, e.latencyMs, e.toolCalls, e.filesEdited]), [
      ['copilot/gpt-4o', 1254, 5098, 2, 1],
      ['copilot/gpt-4o', 1336, 1577, 0, 0],
    ]);
    assert.deepEqual(c.tools.map((t) => t.tool), ['copilot_readFile', 'copilot_insertEdit', 'vscode_editFile_internal']);
    assert.deepEqual(c.result.skipped, {});
  });

  it('applies set, splice and delete mutations; votes become feedback; bad mutations are counted', async () => {
    await withTmp(async (dir) => {
      const path = await copyFixture('copilot-chat-session-mutation-log.jsonl', dir, 'm.jsonl');
      const lines = [
        { kind: 1, k: ['requests', 1, 'vote'], v: 0 },
        { kind: 1, k: ['requests', 1, 'voteDownReason'], v: 'incorrectCode' },
        { kind: 2, k: ['requests'], v: [{ requestId: 'r-x', timestamp: 1770583500000, message: { text: 'write unit tests for jokes' }, result: {} }], i: 2 },
        { kind: 1, k: ['requests', 9, 'vote'], v: 1 },
        { kind: 3, k: ['inputState'] },
        { kind: 7, k: ['requests'] },
      ];
      await appendFile(path, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
      const c = await collect(path, 'copilot-mutation-log');
      assert.equal(c.interactions.length, 3);
      assert.equal(c.interactions[1].vote, -1);
      assert.equal(c.interactions[1].voteReason, 'incorrectCode');
      assert.equal(c.interactions[2].intent, 'test');
      assert.deepEqual(c.feedback.map((f) => [f.rating, f.tags]), [[1, ['vote', 'incorrectCode']]]);
      assert.deepEqual(c.result.skipped, { bad_mutation: 2 });
    });
  });

  it('emits again only requests touched after the cursor; holds back an unfinished request', async () => {
    await withTmp(async (dir) => {
      const path = await copyFixture('copilot-chat-session-mutation-log.jsonl', dir, 'm.jsonl');
      const sink = new DedupingSink();
      const file = { path, format: 'copilot-mutation-log' as const, source: 'copilotChat' as const };
      const first = await importFile(file, undefined, QUIET, (e) => sink.append(e));
      assert.equal(first.records, 5);
      const pending = { kind: 2, k: ['requests'], v: [{ requestId: 'r-new', timestamp: 1770583600000, message: { text: 'hi' } }] };
      await appendFile(path, JSON.stringify(pending) + '\n');
      const busy = await importFile(file, first.cursor, BUSY, (e) => sink.append(e));
      assert.equal(busy.records, 0, 'the pushed request has no result yet');
      assert.equal(busy.cursor.offset, first.cursor.size);
      await appendFile(path, JSON.stringify({ kind: 1, k: ['requests', 2, 'result'], v: { timings: { totalElapsed: 900 } } }) + '\n');
      const done = await importFile(file, busy.cursor, QUIET, (e) => sink.append(e));
      assert.equal(done.records, 1, 'only the new request, not the two earlier ones');
      assert.equal(sink.added, 6);
    });
  });

  it('skips unknown versions and unparseable documents, counting them', async () => {
    await withTmp(async (dir) => {
      const v9 = join(dir, 'v9.json');
      await writeFile(v9, JSON.stringify({ version: 9, sessionId: 's', requests: [{ requestId: 'a', timestamp: 1 }] }));
      assert.deepEqual((await collect(v9, 'copilot-session-json')).result.skipped, { unsupported_version: 1 });
      const cut = join(dir, 'cut.json');
      await writeFile(cut, '{"version":3,"sessionId":"s","requests":[{"requestId":"a"');
      assert.deepEqual((await collect(cut, 'copilot-session-json')).result.skipped, { truncated_line: 1 });
      const big = join(dir, 'big.json');
      await writeFile(big, JSON.stringify({ version: 3, sessionId: 's', requests: [], pad: 'x'.repeat(2000) }));
      assert.deepEqual((await collect(big, 'copilot-session-json', { ...QUIET, maxDocumentBytes: 1000 })).result.skipped, { too_large: 1 });
    });
  });

  it('reads the transcript event stream: one turn, two tool executions', async () => {
    const c = await collect(join(FIXTURES, 'copilot-chat-transcript-events.jsonl'), 'copilot-transcript');
    assert.equal(c.interactions.length, 1);
    const t = c.interactions[0];
    assert.equal(t.promptChars, 'Add a comment to the file'.length);
    assert.equal(t.toolCalls, 2);
    assert.equal(t.firstTokenMs, Date.parse('2026-05-11T23:13:15.477Z') - Date.parse('2026-05-11T23:13:12.819Z'));
    assert.equal(t.latencyMs, Date.parse('2026-05-11T23:28:07.005Z') - Date.parse('2026-05-11T23:13:12.819Z'));
    assert.equal(t.model, undefined, 'transcripts carry no model');
    assert.deepEqual(c.tools.map((r) => [r.tool, r.success, r.durationMs]), [['read_file', true, 24], ['apply_patch', true, 24]]);
  });
});
