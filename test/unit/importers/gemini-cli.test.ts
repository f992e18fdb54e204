import assert from 'node:assert/strict';
import { appendFile, copyFile, cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importFile } from '../../../src/core/importers/run-import';
import { discoverFiles, watchPatterns } from '../../../src/core/importers/discovery';
import { formatOf } from '../../../src/core/importers/chat-file';
import type { RecordedEvent } from '../../../src/core/model/events';
import { shortHash } from '../../../src/core/util/hash';
import { BUSY, DedupingSink, FIXTURES, QUIET, collect, sum, withTmp } from './helpers';

const HOME = join(FIXTURES, 'gemini', 'home');
const CHATS = join(HOME, '.gemini', 'tmp', 'shop-api', 'chats');
const LOG = join(CHATS, 'session-2026-11-20T09-14-5b1f0c2e.jsonl');
const DOC = join(CHATS, 'session-2026-11-20T09-14-5b1f0c2e.json');

describe('Gemini CLI sessions', () => {
  it('reads a .jsonl log: one interaction per response, the prompt on the first, cached input counted apart once', async () => {
    const c = await collect(LOG, 'gemini-cli');
    const withPrompt = c.interactions.filter((e) => e.promptChars !== undefined);
    assert.equal(withPrompt.length, 4, 'four prompts: three answered, one ("hm") cancelled');
    assert.equal(c.interactions.length, 6, 'five responses (the rewound one included) and the unanswered prompt');
    const first = c.interactions.find((e) => e.tokensIn === 18422)!;
    assert.equal(first.promptChars, 'Add input validation to the POST /orders handler and a test for it'.length);
    assert.equal(first.tokensOut, 96 + 211, 'thoughts are output');
    assert.equal(first.reasoningTokens, 211);
    const second = c.interactions.find((e) => e.cacheReadTokens === 17904)!;
    assert.equal(second.tokensIn, 21950 - 17904);
    assert.equal(second.promptChars, undefined, 'a later response of the same turn carries no prompt');
    assert.equal(second.linesEdited, 14 + 2 + 31);
    assert.equal(second.filesEdited, 2);
    assert.equal(second.toolErrors, 1);
    assert.equal(second.workspaceHash, shortHash('/home/dev/shop-api'), 'the slug maps back to the folder of .project_root');
    assert.equal(second.conversation, '5b1f0c2e-7d4a-4c1b-9a3e-2f6d8e1a9c40');
    assert.ok(second.costUsd !== undefined && second.costUsd > 0, 'gemini-2.5-pro is priced');
    assert.equal(sum(c.interactions, 'toolCalls'), 5);
  });

  it('keeps the final version of a message written several times (tokens and tool status filled in later)', async () => {
    const c = await collect(LOG, 'gemini-cli');
    const read = c.tools.find((t) => t.tool === 'read_file')!;
    assert.equal(read.success, true, 'the status of the last version, not "executing"');
    assert.deepEqual(c.tools.map((t) => t.success), [true, true, true, false, true]);
    assert.equal(c.interactions.filter((e) => e.tokensIn === 18422).length, 1);
  });

  it('holds the open turn back while the file is written, then reads it whole once quiet', async () => {
    await withTmp(async (dir) => {
      const lines = (await readFile(LOG, 'utf8')).split('\n');
      const path = join(dir, 'session-2026-11-20T09-14-5b1f0c2e.jsonl');
      // Up to the second response of the first turn: the turn is still open.
      await writeFile(path, lines.slice(0, 7).join('\n') + '\n');
      const sink = new DedupingSink();
      const busy = await importFile({ path, format: 'gemini-cli', source: 'geminiCli' }, undefined, BUSY, (e) => sink.append(e));
      assert.equal(busy.records, 2, 'the first response is final once the second follows it (with its tool run); the second is held back');
      assert.ok(busy.cursor.offset > 0 && busy.cursor.offset < busy.cursor.size, 'the cursor stops at the open turn');
      await appendFile(path, lines.slice(7).join('\n'));
      const events: RecordedEvent[] = [];
      const quiet = await importFile({ path, format: 'gemini-cli', source: 'geminiCli' }, busy.cursor, QUIET, (e) => {
        events.push(e);
        sink.append(e);
      });
      assert.equal(quiet.cursor.offset, quiet.cursor.size);
      const whole = await collect(LOG, 'gemini-cli');
      const ids = (es: RecordedEvent[]) => es.filter((e) => e.kind === 'ai_interaction').map((e) => (e as { id: string }).id).sort();
      assert.deepEqual(ids(events), ids(whole.events), 'the resumed read gives what one whole read gives');
      const prompts = events.filter((e) => e.kind === 'ai_interaction' && e.promptChars !== undefined);
      assert.equal(prompts.length, 4, 'the first prompt, read before the cursor, is still on its response');
    });
  });

  it('stores a session once when it exists as .json and as the .jsonl a resume migrated it to', async () => {
    const sink = new DedupingSink();
    for (const path of [DOC, LOG]) await importFile({ path, format: 'gemini-cli', source: 'geminiCli' }, undefined, QUIET, (e) => sink.append(e));
    const alone = new DedupingSink();
    await importFile({ path: LOG, format: 'gemini-cli', source: 'geminiCli' }, undefined, QUIET, (e) => alone.append(e));
    assert.equal(sink.added, alone.added, 'the document adds nothing the log does not have');
  });

  it('finds sessions and sub-agent logs at ~/.gemini/tmp/<project>/chats, and watches the same places', async () => {
    await withTmp(async (home) => {
      await cp(join(HOME, '.gemini'), join(home, '.gemini'), { recursive: true });
      await copyFile(LOG, join(home, '.gemini', 'tmp', 'shop-api', 'chats', 'not-a-session.jsonl'));
      const found = await discoverFiles({ homeDir: home, workspaceFolders: [] }, new Set(['geminiCli']));
      const names = found.map((f) => f.path.slice(home.length)).sort();
      assert.deepEqual(names, [
        '/.gemini/tmp/shop-api/chats/5b1f0c2e-7d4a-4c1b-9a3e-2f6d8e1a9c40/7c2d4e6f-8a0b-4c1d-9e2f-3a4b5c6d7e8f.jsonl',
        '/.gemini/tmp/shop-api/chats/session-2026-11-20T09-14-5b1f0c2e.json',
        '/.gemini/tmp/shop-api/chats/session-2026-11-20T09-14-5b1f0c2e.jsonl',
      ]);
      assert.ok(found.every((f) => f.format === 'gemini-cli' && f.source === 'geminiCli'));
      const globs = watchPatterns({ homeDir: home, workspaceFolders: [] }, new Set(['geminiCli'])).map(([, g]) => g);
      assert.deepEqual(globs, ['*/chats/session-*.json*', '*/chats/*/*.jsonl']);
      // $GEMINI_CLI_HOME moves `.gemini` out of the home folder, as Gemini CLI's own homedir() does.
      const moved = await discoverFiles({ homeDir: join(home, 'elsewhere'), geminiCliHome: home, workspaceFolders: [] }, new Set(['geminiCli']));
      assert.equal(moved.length, 3);
    });
  });

  it('tells chosen Gemini files by their content (documents, logs, logs without a metadata line)', async () => {
    for (const path of [LOG, DOC, join(FIXTURES, 'gemini', 'git-ai-gemini-session-simple.jsonl'), join(FIXTURES, 'gemini', 'agentsview-tool_calls.json')]) {
      assert.equal(await formatOf(path), 'gemini-cli', path);
    }
    assert.equal(await formatOf(join(FIXTURES, 'copilot-chat-session-v3.json')), 'copilot-session-json');
    assert.equal(await formatOf(join(FIXTURES, 'claude-code-transcript.jsonl')), 'claude-code');
  });

  it('reads a sub-agent log as its own conversation', async () => {
    const c = await collect(join(CHATS, '5b1f0c2e-7d4a-4c1b-9a3e-2f6d8e1a9c40', '7c2d4e6f-8a0b-4c1d-9e2f-3a4b5c6d7e8f.jsonl'), 'gemini-cli');
    assert.equal(c.interactions.length, 2);
    assert.ok(c.interactions.every((e) => e.conversation === '7c2d4e6f-8a0b-4c1d-9e2f-3a4b5c6d7e8f'));
    assert.equal(sum(c.interactions, 'cacheReadTokens'), 9088);
  });

  it('counts unknown message types and lines without an id as skipped', async () => {
    await withTmp(async (dir) => {
      const path = join(dir, 'session-x-aaaaaaaa.jsonl');
      await writeFile(path, [
        '{"sessionId":"s","projectHash":"h"}',
        '{"id":"m1","timestamp":"2026-11-20T09:00:00Z","type":"hologram","content":"?"}',
        '{"foo":1}',
        '{"id":"m2","timestamp":"2026-11-20T09:00:01Z","type":"user","content":"hi"}',
      ].join('\n') + '\n');
      const c = await collect(path, 'gemini-cli');
      assert.deepEqual(c.result.skipped, { unsupported_version: 1, missing_fields: 1 });
      assert.equal(c.interactions.length, 1);
    });
  });
});
