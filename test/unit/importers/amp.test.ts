import assert from 'node:assert/strict';
import { mkdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatOf } from '../../../src/core/importers/chat-file';
import { discoverFiles, watchPatterns } from '../../../src/core/importers/discovery';
import { BUSY, FIXTURES, collect, copyFixture, withTmp } from './helpers';

const PLAN = 'amp-threads/T-019ca1ce-3ae2-7686-a41e-ccc078837f8a.json';
const EDIT = 'amp-threads/T-019ca1f6-7f21-77b5-a308-65416ebbdf48.json';

describe('Amp threads', () => {
  it('one turn per prompt with its assistant messages\' usage summed, tool calls and their results (git-ai fixture)', async () => {
    const c = await collect(join(FIXTURES, PLAN), 'amp');
    assert.equal(c.interactions.length, 1);
    const [t] = c.interactions;
    // Three assistant messages: input 3+1+1, output 239+71+245, cache writes 1619+2648+2959, cache reads 3 x 13248.
    assert.deepEqual([t.model, t.tokensIn, t.tokensOut, t.cacheWriteTokens, t.cacheReadTokens], ['claude-opus-4-6', 5, 555, 7226, 39744]);
    assert.equal(t.conversation, 'T-019ca1ce-3ae2-7686-a41e-ccc078837f8a');
    assert.equal(t.ts, 1772241201792);
    assert.ok(t.costUsd !== undefined && t.costUsd > 0);
    assert.equal(t.toolCalls, 4);
    assert.deepEqual(c.tools.map((r) => [r.tool, r.success]), [['Read', true], ['Read', true], ['Read', true], ['Read', true]]);
    const e = await collect(join(FIXTURES, EDIT), 'amp');
    assert.deepEqual(e.tools.map((r) => r.tool), ['Read', 'edit_file']);
  });

  it('a failed or rejected tool result is a tool error; a thread still being written waits for its turn to end', async () => {
    await withTmp(async (dir) => {
      const doc = JSON.parse(await readFile(join(FIXTURES, EDIT), 'utf8')) as { messages: { role: string; state?: { type: string }; content: { type: string; run?: { status: string } }[] }[] };
      const result = doc.messages.flatMap((m) => m.content).find((p) => p.type === 'tool_result')!;
      result.run!.status = 'rejected-by-user';
      doc.messages[doc.messages.length - 1].state = { type: 'streaming' };
      const path = join(dir, 'T-1.json');
      await writeFile(path, JSON.stringify(doc));
      const now = new Date();
      await utimes(path, now, now);
      assert.equal((await collect(path, 'amp', BUSY)).interactions.length, 0, 'the streaming turn is held back');
      const c = await collect(path, 'amp');
      assert.equal(c.interactions[0].toolErrors, 1);
      assert.equal(c.tools[0].success, false);
    });
  });

  it('a document that is not a thread is skipped and counted; a torn one too', async () => {
    await withTmp(async (dir) => {
      await writeFile(join(dir, 'T-a.json'), '{"v":3,"threads":[]}');
      await writeFile(join(dir, 'T-b.json'), (await readFile(join(FIXTURES, PLAN), 'utf8')).slice(0, 500));
      assert.deepEqual((await collect(join(dir, 'T-a.json'), 'amp')).result.skipped, { unsupported_version: 1 });
      assert.deepEqual((await collect(join(dir, 'T-b.json'), 'amp')).result.skipped, { truncated_line: 1 });
    });
  });

  it('is found under ~/.local/share (also when $XDG_DATA_HOME points elsewhere), $XDG_DATA_HOME and %LOCALAPPDATA%, and watched there', async () => {
    await withTmp(async (home) => {
      const linux = join(home, '.local', 'share', 'amp', 'threads');
      const win = join(home, 'AppData', 'Local', 'amp', 'threads');
      await mkdir(linux, { recursive: true });
      await mkdir(win, { recursive: true });
      await copyFixture(PLAN, linux, 'T-019ca1ce-3ae2-7686-a41e-ccc078837f8a.json');
      await copyFixture(EDIT, win, 'T-019ca1f6-7f21-77b5-a308-65416ebbdf48.json');
      await writeFile(join(linux, 'settings.json'), '{}');
      const found = await discoverFiles({ homeDir: home, workspaceFolders: [], localAppData: join(home, 'AppData', 'Local') }, new Set(['amp']));
      assert.deepEqual(found.map((f) => [f.path.slice(home.length), f.format]), [
        ['/.local/share/amp/threads/T-019ca1ce-3ae2-7686-a41e-ccc078837f8a.json', 'amp'],
        ['/AppData/Local/amp/threads/T-019ca1f6-7f21-77b5-a308-65416ebbdf48.json', 'amp'],
      ]);
      // $XDG_DATA_HOME set elsewhere (as the host tier's code-server does): ~/.local/share is still read.
      const xdg = await discoverFiles({ homeDir: home, workspaceFolders: [], dataHome: join(home, 'AppData', 'Local') }, new Set(['amp']));
      assert.deepEqual(xdg.map((f) => f.path.slice(home.length)).sort(), found.map((f) => f.path.slice(home.length)).sort());
      assert.deepEqual(watchPatterns({ homeDir: home, workspaceFolders: [] }, new Set(['amp'])).map(([d, g]) => [d.slice(home.length), g]),
        [['/.local/share/amp/threads', 'T-*.json']]);
      assert.equal(await formatOf(found[0].path), 'amp');
    });
  });
});
