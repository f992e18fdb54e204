import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runImport } from '../../../src/core/importers/run-import';
import type { RecordedEvent } from '../../../src/core/model/events';
import { collect, QUIET, withTmp } from './helpers';
import { UNLICENSED } from './real-logs';

type Line = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Issue 10, cause 7: absurd figures are rejected per field and counted per file; the rest of the record stays. */
describe('absurd values', () => {
  it('in a real Claude Code transcript: each bad field is dropped and counted, the records are kept', async function () {
    const source = join(UNLICENSED, 'claude-code', 'dotfile', '54336d9d-6648-4341-ae73-28eea876ef8f.jsonl');
    if (!existsSync(source)) this.skip();
    const lines = readFileSync(source, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Line);
    const assistants = lines.filter((l) => l.type === 'assistant' && l.message?.usage !== undefined);
    const ids = [...new Set(assistants.map((l) => String(l.message.id)))];
    assert.ok(ids.length >= 3);
    // Poison three API messages of the real file (every line of each, as Claude Code repeats the usage).
    for (const l of assistants) {
      if (l.message.id === ids[0]) l.message.usage.output_tokens = -5;
      if (l.message.id === ids[1]) l.message.usage.cache_read_input_tokens = 5e12;
      if (l.message.id === ids[2]) l.timestamp = '2150-01-01T00:00:00Z';
    }
    await withTmp(async (dir) => {
      const path = join(dir, 'poisoned.jsonl');
      writeFileSync(path, lines.map((l) => JSON.stringify(l)).join('\n').replace('"output_tokens":-5', '"output_tokens":1e400') + '\n');
      const c = await collect(path, 'claude-code');
      assert.equal(c.interactions.length, ids.length, 'no record lost');
      assert.equal(c.result.rejected.tokensOut, 1, 'Infinity output tokens');
      assert.equal(c.result.rejected.cacheReadTokens, 1, '5e12 cache reads');
      const late = assistants.filter((l) => l.message.id === ids[2]);
      const lateTools = new Set(late.flatMap((l) => ((l.message.content ?? []) as Line[]).filter((p) => p.type === 'tool_use').map((p) => String(p.id))));
      assert.equal(c.result.rejected.ts, 1 + lateTools.size, 'a timestamp in 2150: its interaction and its tool runs');
      const byTs = c.interactions.find((e) => e.tsEstimated === true)!;
      assert.equal(byTs.ts, Math.floor(statSync(path).mtimeMs));
      const first = c.interactions.find((e) => e.tokensOut === undefined)!;
      assert.ok(first.tokensIn !== undefined, 'the other fields of the record stay');
      assert.ok(c.interactions.every((e) => (e.costUsd ?? 0) <= 10_000 && (e.cacheReadTokens ?? 0) <= 1e12));
    });
  });

  it('a 1e300 USD cost is rejected; the import summary counts it per file and source', async () => {
    await withTmp(async (root) => {
      const folder = join(root, 'ws');
      const { mkdirSync } = await import('node:fs');
      mkdirSync(folder);
      writeFileSync(join(folder, '.aider.chat.history.md'), `# aider chat started at 2025-06-10 14:30:00\n\n> Main model: gpt-4o\n\n#### hi\n\nhello\n\n> Tokens: 10 sent, 5 received. Cost: $${'1' + '0'.repeat(300)}.00 message, $1.00 session.\n`);
      const events: RecordedEvent[] = [];
      const summary = await runImport({ roots: { homeDir: join(root, 'home'), workspaceFolders: [folder] }, sources: new Set(['aider']), cursors: new Map(), options: QUIET, sink: { append: (e) => events.push(e) } });
      assert.equal(summary.rejected, 1);
      assert.deepEqual(summary.bySource.aider?.rejected, { costUsd: 1 });
      assert.match(summary.warnings[0], /rejected absurd values: 1 costUsd/);
      const i = events.find((e) => e.kind === 'ai_interaction');
      assert.ok(i !== undefined && i.kind === 'ai_interaction' && i.costUsd === undefined && i.tokensIn === 10);
    });
  });

  it('a negative duration (a reply stamped before its prompt) is rejected and counted', async () => {
    await withTmp(async (dir) => {
      const path = join(dir, 'rollout-clock.jsonl');
      const ls = [
        { timestamp: '2026-01-01T00:00:00Z', type: 'session_meta', payload: { id: 's', cli_version: '0.90.0' } },
        { timestamp: '2026-01-01T00:00:10Z', type: 'response_item', payload: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] } },
        { timestamp: '2026-01-01T00:00:05Z', type: 'response_item', payload: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'hello' }] } },
      ];
      writeFileSync(path, ls.map((l) => JSON.stringify(l)).join('\n') + '\n');
      const c = await collect(path, 'codex');
      assert.deepEqual(c.result.rejected, { firstTokenMs: 1 });
      assert.deepEqual([c.interactions[0].firstTokenMs, c.interactions[0].responseChars], [undefined, 5]);
    });
  });
});
