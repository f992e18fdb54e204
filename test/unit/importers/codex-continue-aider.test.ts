import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EDGE, FIXTURES, collect, sum } from './helpers';
import { aiderCount } from '../../../src/core/importers/aider-history';

describe('Codex importer', () => {
  it('reads the real rollout: one refactor turn on gpt-5-codex with one tool call of unknown outcome', async () => {
    const c = await collect(join(FIXTURES, 'codex-rollout.jsonl'), 'codex');
    assert.equal(c.interactions.length, 1);
    const t = c.interactions[0];
    assert.deepEqual([t.model, t.intent, t.toolCalls, t.promptChars, t.firstTokenMs, t.latencyMs], ['gpt-5-codex', 'refactor', 1, 48, 60, 160]);
    assert.equal(t.conversation, '019c4b43-1451-7af3-be4c-5576369bf1ba');
    assert.deepEqual(c.tools.map((r) => [r.tool, r.success]), [['apply_patch', undefined]]);
  });

  it('sums token_count usage with cached input apart, prices it, reads exit codes, ignores injected context', async () => {
    const c = await collect(join(EDGE, 'codex-edge.jsonl'), 'codex');
    assert.equal(c.interactions.length, 1);
    const t = c.interactions[0];
    assert.deepEqual([t.tokensIn, t.cacheReadTokens, t.tokensOut], [4000 + 1000, 8000 + 12000, 500]);
    assert.ok(Math.abs(t.costUsd! - (5000 * 1.25 + 20000 * 0.125 + 500 * 10) / 1e6) < 1e-12);
    assert.equal(t.intent, 'debugging');
    assert.equal(t.toolErrors, 1);
    assert.deepEqual(c.tools.map((r) => [r.success, r.durationMs]), [[false, 2000], [true, 1000]]);
  });

  it('reads the pre-envelope layout and skips a future major version', async () => {
    const legacy = await collect(join(EDGE, 'codex-legacy.jsonl'), 'codex');
    assert.equal(legacy.interactions.length, 1);
    assert.equal(legacy.interactions[0].intent, 'code_generation');
    assert.equal(legacy.interactions[0].ts, Date.parse('2025-05-01T12:00:00.000Z'));
    const future = await collect(join(EDGE, 'codex-future.jsonl'), 'codex');
    assert.equal(future.interactions.length, 0);
    assert.deepEqual(future.result.skipped, { unsupported_version: 2 });
  });
});

describe('Continue importer', () => {
  const dir = join(EDGE, 'continue-0.2.0');
  it('maps autocomplete outcomes with ISO and epoch-ms timestamps; a record without time is dated from the file, estimated', async () => {
    const c = await collect(join(dir, 'autocomplete.jsonl'), 'continue');
    const mtime = Math.floor(statSync(join(dir, 'autocomplete.jsonl')).mtimeMs);
    assert.deepEqual(c.interactions.map((e) => [e.interaction, e.success, e.latencyMs, e.ts, e.tsEstimated]), [
      ['inline', true, 412, Date.parse('2025-08-01T09:00:00.000Z'), undefined],
      ['inline', false, 380, 1754038860000, undefined],
      ['inline', true, undefined, mtime, true],
    ]);
    assert.deepEqual(c.result.skipped, {});
  });

  it('maps chat, tokens (priced when known), tool usage and feedback', async () => {
    const chat = await collect(join(dir, 'chatInteraction.jsonl'), 'continue');
    assert.deepEqual(chat.interactions.map((e) => [e.interaction, e.intent, e.model]), [['chat', 'explanation', 'claude-3-5-sonnet-latest']]);
    const tokens = await collect(join(dir, 'tokensGenerated.jsonl'), 'continue');
    assert.equal(sum(tokens.interactions, 'tokensIn'), 1050);
    const costs = tokens.interactions.map((e) => e.costUsd);
    assert.ok(Math.abs(costs[0]! - (1000 * 2.5 + 200 * 10) / 1e6) < 1e-12, `${costs[0]}`);
    assert.equal(costs[1], undefined);
    const tools = await collect(join(dir, 'toolUsage.jsonl'), 'continue');
    assert.deepEqual(tools.tools.map((t) => [t.tool, t.success]), [['read_file', true], ['run_terminal_command', false]]);
    const fb = await collect(join(dir, 'chatFeedback.jsonl'), 'continue');
    assert.deepEqual(fb.feedback.map((f) => f.rating), [1]);
  });
});

describe('Aider importer', () => {
  it('keeps the messages of the real v0.86 history that got no reply (slash commands and ^C only): sessions of commands are sessions', async () => {
    const path = join(FIXTURES, 'aider-chat-history-v0.86.md');
    const lines = readFileSync(path, 'utf8').split('\n');
    const blocks = lines.filter((l, i) => l.startsWith('#### ') && !(lines[i - 1] ?? '').startsWith('#### ')).length;
    const c = await collect(path, 'aider');
    assert.equal(c.interactions.length, blocks);
    assert.ok(c.interactions.every((e) => e.responseChars === 0 && e.tokensIn === undefined), 'no model reply anywhere');
    assert.ok(new Set(c.interactions.map((e) => e.conversation)).size >= 1);
    assert.deepEqual(c.result.skipped, {});
  });

  it('reads the old format: Models header, token and cost lines, applied edits, multi-line messages', async () => {
    const c = await collect(join(EDGE, 'aider-old-v0.47.md'), 'aider');
    assert.deepEqual(c.interactions.map((e) => [e.model, e.tokensIn, e.tokensOut, e.costUsd, e.filesEdited, e.intent]), [
      ['gpt-4o', 5244, 604, 0.02, 1, 'code_generation'],
      ['gpt-4o', undefined, undefined, undefined, 0, 'code_generation'],
      ['gpt-4o', 6100, 120, 0.02, 0, 'debugging'],
    ]);
    assert.equal(c.interactions[1].responseChars, 0, '/add got no reply: a message all the same');
    assert.equal(c.interactions[2].promptChars, 'why does utils.parse fail on empty input?\n  it raises IndexError'.length);
    assert.equal(c.interactions[0].ts, new Date(2024, 7, 1, 10, 0, 0).getTime());
  });

  it('reads the new format: Main model header, k-suffixed counts with cache, /ask commands', async () => {
    const c = await collect(join(EDGE, 'aider-new.md'), 'aider');
    assert.deepEqual(c.interactions.map((e) => [e.model, e.tokensIn, e.cacheWriteTokens, e.cacheReadTokens, e.tokensOut, e.costUsd, e.filesEdited]), [
      ['anthropic/claude-sonnet-4-20250514', 3200, 1100, 2000, 604, 0.0123, 2],
      ['anthropic/claude-sonnet-4-20250514', undefined, undefined, undefined, undefined, undefined, 0],
    ]);
    assert.equal(c.interactions[0].intent, 'refactor');
    assert.equal(c.interactions[1].intent, 'explanation');
  });

  it('parses counts', () => {
    assert.deepEqual(['5,244', '3.2k', '1.1M', '12', 'x'].map(aiderCount), [5244, 3200, 1100000, 12, undefined]);
  });
});
