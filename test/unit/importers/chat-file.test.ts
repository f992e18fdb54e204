import assert from 'node:assert/strict';
import { copyFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findChatFiles } from '../../../src/core/importers/chat-file';
import { runImport } from '../../../src/core/importers/run-import';
import type { RecordedEvent } from '../../../src/core/model/events';
import { EDGE, FIXTURES, QUIET, withTmp } from './helpers';
import { UNLICENSED } from './real-logs';

describe('"Import AI Chat File...": chosen files and folders', () => {
  it('tells every format apart by name and first line, walking folders', async () => {
    await withTmp(async (dir) => {
      const put = async (from: string, as: string) => { await mkdir(join(dir, 'sub'), { recursive: true }); await copyFile(from, join(dir, as)); };
      await put(join(FIXTURES, 'claude-code-transcript.jsonl'), 'a.jsonl');
      await put(join(FIXTURES, 'codex-rollout.jsonl'), 'sub/b.jsonl');
      await put(join(FIXTURES, 'copilot-chat-session-mutation-log.jsonl'), 'c.jsonl');
      await put(join(FIXTURES, 'copilot-chat-session-v3.json'), 'd.json');
      await put(join(FIXTURES, 'copilot-chat-transcript-events.jsonl'), 'e.jsonl');
      await put(join(EDGE, 'continue-0.2.0', 'tokensGenerated.jsonl'), 'f.jsonl');
      await put(join(EDGE, 'aider-new.md'), 'notes.md');
      await put(join(FIXTURES, 'SOURCE.md'), 'readme.md');
      const found = await findChatFiles([dir]);
      assert.deepEqual(found.map((f) => [f.path.slice(dir.length + 1), f.format]), [
        ['a.jsonl', 'claude-code'], ['c.jsonl', 'copilot-mutation-log'], ['d.json', 'copilot-session-json'],
        ['e.jsonl', 'copilot-transcript'], ['f.jsonl', 'continue'], ['notes.md', 'aider'], ['sub/b.jsonl', 'codex'],
      ]);
    });
  });

  it('imports a real Copilot export chosen by the user, whatever the source settings', async function () {
    const exported = join(UNLICENSED, 'copilot', 'mac-build.chat.json');
    if (!existsSync(exported)) this.skip();
    const events: RecordedEvent[] = [];
    const summary = await runImport({ roots: { homeDir: '/nonexistent', workspaceFolders: [] }, sources: new Set(), cursors: new Map(), options: QUIET, sink: { append: (e) => events.push(e) }, chosen: [exported] });
    assert.equal(summary.files, 1);
    assert.equal(summary.bySource.copilotChat?.records, events.filter((e) => e.kind !== 'import_cursor').length);
    assert.equal(events.filter((e) => e.kind === 'ai_interaction').length, 7);
  });
});
