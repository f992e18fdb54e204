import assert from 'node:assert/strict';
import { appendFile, mkdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatOf } from '../../../src/core/importers/chat-file';
import { discoverFiles, watchPatterns } from '../../../src/core/importers/discovery';
import { BUSY, EDGE, FIXTURES, QUIET, collect, copyFixture, sum, withTmp } from './helpers';

const RESUMED = join(EDGE, 'copilot-cli-resumed.jsonl');

describe('Copilot CLI session events', () => {
  it('reads prompts, model, tool calls and their outcome (git-ai fixture)', async () => {
    const c = await collect(join(FIXTURES, 'copilot-cli-session-events.jsonl'), 'copilot-cli');
    assert.equal(c.interactions.length, 1);
    const [t] = c.interactions;
    assert.equal(t.sourceTool, 'copilot-cli');
    assert.equal(t.model, 'gpt-4.1');
    assert.equal(t.promptChars, 'create a hello world file'.length);
    assert.equal(t.toolCalls, 1);
    assert.equal(t.tokensIn, undefined, 'no shutdown: tokens unknown, not zero');
    assert.deepEqual(c.tools.map((r) => [r.tool, r.success, r.durationMs]), [['create', true, 400]]);
    assert.deepEqual(c.result.skipped, {});
  });

  it('puts each run\'s exact shutdown totals on its last turn: the increase over the previous shutdown', async () => {
    const c = await collect(RESUMED, 'copilot-cli');
    assert.equal(c.interactions.length, 2);
    const [a, b] = c.interactions;
    assert.deepEqual([a.model, a.tokensIn, a.tokensOut, a.cacheReadTokens, a.cacheWriteTokens, a.linesEdited, a.filesEdited], ['claude-sonnet-4.5', 3000, 900, 8000, 1000, 5, 1]);
    assert.deepEqual([b.model, b.tokensIn, b.tokensOut, b.cacheReadTokens, b.reasoningTokens, b.linesEdited, b.filesEdited], ['gpt-5', 3000, 700, 2000, 300, 12, 1]);
    assert.ok(a.costUsd !== undefined && a.costUsd > 0 && b.costUsd !== undefined && b.costUsd > 0, 'priced by the shared catalogue');
    assert.deepEqual([b.toolCalls, b.toolErrors], [2, 1]);
    assert.deepEqual(c.tools.map((r) => r.success), [true, true, false]);
    assert.deepEqual(c.result.skipped, { not_json: 1, missing_fields: 1 });
    // The sums equal the last shutdown's totals (each model's input less its cache reads and writes).
    assert.equal(sum(c.interactions, 'tokensIn'), 12000 - 8000 - 1000 + 5000 - 2000);
    assert.equal(sum(c.interactions, 'tokensOut'), 1600);
  });

  it('reads a resumed session incrementally without counting the first run twice', async () => {
    await withTmp(async (dir) => {
      const lines = (await readFile(RESUMED, 'utf8')).split('\n');
      const path = join(dir, 'events.jsonl');
      await writeFile(path, lines.slice(0, 10).join('\n') + '\n');
      const first = await collect(path, 'copilot-cli');
      assert.deepEqual(first.interactions.map((i) => i.tokensIn), [3000]);
      await appendFile(path, lines.slice(10).join('\n'));
      const second = await collect(path, 'copilot-cli', QUIET, first.result.cursor);
      assert.deepEqual(second.interactions.map((i) => [i.model, i.tokensIn, i.tokensOut, i.linesEdited]), [['gpt-5', 3000, 700, 12]]);
      assert.equal(second.tools.length, 2, 'tool runs before the cursor are not emitted again');
      const again = await collect(path, 'copilot-cli', QUIET, second.result.cursor);
      assert.equal(again.result.unchanged, true);
    });
  });

  it('a turn stored before its run ended gets the run\'s totals as a record of their own, without a prompt', async () => {
    await withTmp(async (dir) => {
      const lines = (await readFile(RESUMED, 'utf8')).split('\n');
      const path = join(dir, 'events.jsonl');
      await writeFile(path, lines.slice(0, 9).join('\n') + '\n');
      const first = await collect(path, 'copilot-cli');
      assert.equal(first.interactions[0].tokensIn, undefined);
      await appendFile(path, lines[9] + '\n');
      const second = await collect(path, 'copilot-cli', QUIET, first.result.cursor);
      assert.equal(second.interactions.length, 1);
      const [u] = second.interactions;
      assert.equal(u.promptChars, undefined, 'not counted as a request');
      assert.deepEqual([u.tokensIn, u.tokensOut, u.model, u.conversation], [3000, 900, 'claude-sonnet-4.5', first.interactions[0].conversation]);
      assert.notEqual(u.id, first.interactions[0].id);
    });
  });

  it('holds the open turn back while the file is being written', async () => {
    await withTmp(async (dir) => {
      const path = await copyFixture('copilot-cli-session-events.jsonl', dir, 'events.jsonl');
      const now = new Date();
      await utimes(path, now, now);
      const c = await collect(path, 'copilot-cli', BUSY);
      assert.equal(c.interactions.length, 0);
      assert.ok(c.result.cursor.offset < c.result.cursor.size);
    });
  });

  it('skips a session of an unknown version and counts its lines', async () => {
    await withTmp(async (dir) => {
      const text = (await readFile(RESUMED, 'utf8')).replace('"version":1', '"version":7');
      const path = join(dir, 'events.jsonl');
      await writeFile(path, text);
      const c = await collect(path, 'copilot-cli');
      assert.equal(c.interactions.length, 0);
      assert.ok((c.result.skipped.unsupported_version ?? 0) > 10);
    });
  });

  it('rejects and counts an absurd token total, keeping the turn', async () => {
    await withTmp(async (dir) => {
      const text = (await readFile(RESUMED, 'utf8')).replace('"outputTokens":900', '"outputTokens":1e300');
      const path = join(dir, 'events.jsonl');
      await writeFile(path, text);
      const c = await collect(path, 'copilot-cli');
      assert.equal(c.interactions.length, 2);
      assert.ok((c.result.rejected.tokensOut ?? 0) >= 1);
    });
  });

  it('is found under ~/.copilot and $COPILOT_HOME (both layouts), watched there, and told apart from Copilot Chat transcripts', async () => {
    await withTmp(async (home) => {
      const state = join(home, '.copilot', 'session-state');
      await mkdir(join(state, '7d0f'), { recursive: true });
      await copyFixture('edge/copilot-cli-resumed.jsonl', join(state, '7d0f'), 'events.jsonl');
      await copyFixture('copilot-cli-session-no-model.jsonl', state, 'abc12345.jsonl');
      const alt = join(home, 'alt');
      await mkdir(join(alt, 'session-state', 's1'), { recursive: true });
      await copyFixture('copilot-cli-session-events.jsonl', join(alt, 'session-state', 's1'), 'events.jsonl');
      const found = await discoverFiles({ homeDir: home, workspaceFolders: [] }, new Set(['copilotCli']));
      assert.deepEqual(found.map((f) => [f.path.slice(home.length), f.format, f.source]), [
        ['/.copilot/session-state/abc12345.jsonl', 'copilot-cli', 'copilotCli'],
        ['/.copilot/session-state/7d0f/events.jsonl', 'copilot-cli', 'copilotCli'],
      ]);
      const moved = await discoverFiles({ homeDir: home, workspaceFolders: [], copilotHome: alt }, new Set(['copilotCli']));
      assert.deepEqual(moved.map((f) => f.path.slice(home.length)), ['/alt/session-state/s1/events.jsonl']);
      assert.deepEqual(watchPatterns({ homeDir: home, workspaceFolders: [] }, new Set(['copilotCli'])).map(([d, g]) => [d.slice(home.length), g]),
        [['/.copilot/session-state', '*.jsonl'], ['/.copilot/session-state', '*/events.jsonl'], ['/.copilot/otel', '*.jsonl']]);
      assert.equal(await formatOf(join(state, '7d0f', 'events.jsonl')), 'copilot-cli');
      assert.equal(await formatOf(join(FIXTURES, 'copilot-chat-transcript-events.jsonl')), 'copilot-transcript');
    });
  });
});
