import assert from 'node:assert/strict';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BUSY, DedupingSink, EDGE, FIXTURES, QUIET, collect, copyFixture, sum, withTmp } from './helpers';
import { importFile } from '../../../src/core/importers/run-import';

const FIXTURE = join(FIXTURES, 'claude-code-transcript.jsonl');

describe('Claude Code importer', () => {
  it('deduplicates the real transcript on (message.id, requestId): 13 calls, exact token totals', async () => {
    const c = await collect(FIXTURE, 'claude-code');
    assert.equal(c.interactions.length, 13);
    assert.equal(sum(c.interactions, 'tokensOut'), 3306);
    assert.equal(sum(c.interactions, 'cacheReadTokens'), 293_447);
    assert.equal(sum(c.interactions, 'cacheWriteTokens'), 28_933);
    assert.equal(sum(c.interactions, 'tokensIn'), 57);
    assert.equal(new Set(c.interactions.map((e) => e.id)).size, 13);
    assert.ok(c.interactions.every((e) => e.model === 'claude-sonnet-4-20250514' && e.interaction === 'agent'));
    // Priced at the table's claude-sonnet-4 rates: (57*3 + 3306*15 + 28933*3.75 + 293447*0.3) / 1e6.
    assert.ok(Math.abs(sum(c.interactions, 'costUsd') - 0.24629385) < 1e-9);
    assert.deepEqual(c.result.skipped, {});
  });

  it('turns the 13 tool_use blocks into tool runs with their results, and carries the turn prompt once', async () => {
    const c = await collect(FIXTURE, 'claude-code');
    assert.equal(c.tools.length, 13);
    assert.ok(c.tools.every((t) => t.success === true && t.source === 'import' && t.sourceTool === 'claude-code'));
    assert.equal(sum(c.interactions, 'toolCalls'), 13);
    const withPrompt = c.interactions.filter((e) => e.promptChars !== undefined);
    assert.equal(withPrompt.length, 1);
    assert.equal(withPrompt[0].promptChars, 'Make the colors green and yellow'.length);
    assert.equal(withPrompt[0].prompt, undefined, 'no text unless allowed');
    assert.equal(c.interactions[0].ts, Date.parse('2025-09-11T13:28:09.380Z'));
  });

  it('stores prompt text only when allowed, through the redactor', async () => {
    const c = await collect(FIXTURE, 'claude-code', { ...QUIET, includeText: true, redact: (t) => t.replace('green', '[x]') });
    assert.equal(c.interactions.find((e) => e.prompt !== undefined)?.prompt, 'Make the colors [x] and yellow');
  });

  it('handles edge cases: tool errors, side chains, unknown models and versions, bad lines, a truncated tail', async () => {
    const c = await collect(join(EDGE, 'claude-edge.jsonl'), 'claude-code');
    assert.deepEqual(c.result.skipped, { unsupported_version: 1, missing_fields: 1, not_json: 1, not_object: 1, truncated_line: 1 });
    assert.equal(c.interactions.length, 3);
    const [first, side, third] = c.interactions;
    assert.equal(first.intent, 'debugging');
    assert.equal(first.toolErrors, 1);
    assert.ok(Math.abs(first.costUsd! - (10 * 15 + 5 * 75 + 100 * 18.75 + 1000 * 1.5) / 1e6) < 1e-12);
    assert.equal(side.model, 'some-new-model');
    assert.equal(side.costUsd, undefined, 'unknown model: cost unknown, not guessed');
    assert.equal(third.intent, 'explanation');
    assert.equal(third.model, 'claude-sonnet-4-5-20250929');
    assert.deepEqual(c.tools.map((t) => [t.tool, t.success, t.durationMs]), [['Bash', false, 3000]]);
  });

  it('holds back the turn still being written and reads it whole next time', async () => {
    await withTmp(async (dir) => {
      const path = await copyFixture('claude-code-transcript.jsonl', dir, 'live.jsonl');
      const busy = await collect(path, 'claude-code', BUSY);
      assert.equal(busy.interactions.length, 0);
      assert.equal(busy.result.cursor.offset, 0, 'resumes at the start of the open turn');
      const done = await collect(path, 'claude-code', QUIET, busy.result.cursor);
      assert.equal(done.interactions.length, 13);
    });
  });

  it('re-import adds nothing; an appended turn adds only its own records', async () => {
    await withTmp(async (dir) => {
      const path = await copyFixture('claude-code-transcript.jsonl', dir, 's.jsonl');
      const sink = new DedupingSink();
      const first = await importFile({ path, format: 'claude-code', source: 'claudeCode' }, undefined, QUIET, (e) => sink.append(e));
      assert.equal(sink.added, 26);
      const again = await importFile({ path, format: 'claude-code', source: 'claudeCode' }, first.cursor, QUIET, (e) => sink.append(e));
      assert.equal(again.unchanged, true);
      assert.equal(again.records, 0);
      const edge = (await readFile(join(EDGE, 'claude-edge.jsonl'), 'utf8')).split('\n').slice(1, 5).join('\n');
      await appendFile(path, edge + '\n');
      const grown = await importFile({ path, format: 'claude-code', source: 'claudeCode' }, first.cursor, QUIET, (e) => sink.append(e));
      assert.equal(grown.unchanged, false);
      assert.equal(sink.added, 26 + 2 + 1, 'two new calls and one tool run');
      await writeFile(path, edge + '\n');
      const rewritten = await importFile({ path, format: 'claude-code', source: 'claudeCode' }, grown.cursor, QUIET, (e) => sink.append(e));
      assert.equal(rewritten.records, 3, 'a rewritten (shorter) file is read again from the start');
    });
  });
});

describe('Claude Code importer: one-hour cache writes', () => {
  // A real transcript (fetched, see real-logs.ts) whose cache writes are all one-hour ones, as Claude Code writes them
  // for many users. Expected cost from the published per-million prices of claude-opus-4-6 (input 5, output 25,
  // 5-minute write 6.25, 1-hour write 10, cache read 0.5), computed here from the file's own lines.
  const REAL = join(FIXTURES, 'real-unlicensed', 'claude-code', 'volcano', '7ef4b236-d946-48a6-a856-e45b02af7be7.jsonl');

  it('prices one-hour cache writes at the one-hour rate (2x input, not 1.25x)', async function () {
    if (!existsSync(REAL)) this.skip();
    const last = new Map<string, Record<string, number | Record<string, number>>>();
    for (const line of (await readFile(REAL, 'utf8')).split('\n')) {
      if (!line.trim()) continue;
      const o = JSON.parse(line) as { requestId?: string; message?: { id?: string; model?: string; usage?: Record<string, number | Record<string, number>> } };
      if (o.message?.model === 'claude-opus-4-6' && o.message.id && o.message.usage) last.set(`${o.message.id}|${o.requestId ?? ''}`, o.message.usage);
    }
    let expected = 0;
    let oneHour = 0;
    for (const u of last.values()) {
      const h = Number((u.cache_creation as Record<string, number> | undefined)?.ephemeral_1h_input_tokens ?? 0);
      const w = Number(u.cache_creation_input_tokens ?? 0);
      oneHour += h;
      expected += (Number(u.input_tokens) * 5 + Number(u.output_tokens) * 25 + (w - h) * 6.25 + h * 10 + Number(u.cache_read_input_tokens ?? 0) * 0.5) / 1e6;
    }
    assert.ok(oneHour > 0, 'the file has one-hour cache writes');
    const c = await collect(REAL, 'claude-code');
    const opus = c.interactions.filter((e) => e.model === 'claude-opus-4-6');
    assert.equal(opus.length, last.size);
    assert.ok(Math.abs(sum(opus, 'costUsd') - expected) < 1e-9, `${sum(opus, 'costUsd')} != ${expected}`);
  });
});
