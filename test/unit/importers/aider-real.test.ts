import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collect, withTmp } from './helpers';
import { UNLICENSED } from './real-logs';

/** Issue 10, cause 6, on real histories (skipped when the fetched files are absent). */
describe('aider importer on real histories', () => {
  it('keeps a message that got no reply, and a blank ">" line is not a reply', async function () {
    const source = join(UNLICENSED, 'aider', 'metadata-aider.aider.chat.history.md');
    if (!existsSync(source)) this.skip();
    const lines = readFileSync(source, 'utf8').split('\n');
    // The real history's first exchange, with its reply replaced by a bare ">" note line.
    const first = lines.findIndex((l) => l.startsWith('#### '));
    const next = lines.findIndex((l, i) => i > first && l.startsWith('#### ') && !lines[i - 1].startsWith('#### '));
    const head = lines.slice(0, first + 1);
    await withTmp(async (dir) => {
      const path = join(dir, '.aider.chat.history.md');
      writeFileSync(path, [...head, '', '>', '', ...lines.slice(next)].join('\n'));
      const c = await collect(path, 'aider');
      assert.equal(c.interactions[0].responseChars, 0, 'the ">" line is not a reply');
      assert.equal(c.interactions[0].promptChars, lines[first].slice(5).trim().length);
    });
  });

  it('a session whose header names a model but has no message is not a session; one with only commands is', async function () {
    const path = join(UNLICENSED, 'aider', 'automataii.aider.chat.history.md');
    if (!existsSync(path)) this.skip();
    const empty = await collect(path, 'aider');
    assert.equal(empty.interactions.length, 0);
    await withTmp(async (dir) => {
      const commands = join(dir, '.aider.chat.history.md');
      writeFileSync(commands, `${readFileSync(path, 'utf8')}\n#### /add src/app.py  \n> Added src/app.py to the chat  \n\n#### /exit  \n`);
      const c = await collect(commands, 'aider');
      assert.equal(c.interactions.length, 2);
      assert.equal(new Set(c.interactions.map((e) => e.conversation)).size, 1);
      assert.ok(c.interactions.every((e) => e.responseChars === 0));
    });
  });
});
