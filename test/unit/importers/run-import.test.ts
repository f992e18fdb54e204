import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { discoverFiles } from '../../../src/core/importers/discovery';
import type { DiscoveryRoots } from '../../../src/core/importers/discovery';
import { runImport } from '../../../src/core/importers/run-import';
import type { FileCursor, ImportSource } from '../../../src/core/importers/types';
import type { RecordedEvent } from '../../../src/core/model/events';
import { BUSY, DedupingSink, EDGE, FIXTURES, QUIET, withTmp } from './helpers';

const ALL = new Set<ImportSource>(['copilotChat', 'claudeCode', 'codex', 'continue', 'aider']);

async function layout(root: string): Promise<DiscoveryRoots> {
  const home = join(root, 'home');
  const ws = join(root, 'User', 'workspaceStorage', 'abc');
  const folder = join(root, 'project');
  const put = async (from: string, ...to: string[]) => {
    await mkdir(join(...to.slice(0, -1)), { recursive: true });
    await copyFile(from, join(...to));
  };
  await put(join(FIXTURES, 'claude-code-transcript.jsonl'), home, '.claude', 'projects', '-Users-a-ghq', 'cb94.jsonl');
  await put(join(FIXTURES, 'codex-rollout.jsonl'), home, '.codex', 'sessions', '2026', '02', '11', 'rollout-2026-02-11T05-53-33-019c.jsonl');
  await put(join(EDGE, 'continue-0.2.0', 'autocomplete.jsonl'), home, '.continue', 'dev_data', '0.2.0', 'autocomplete.jsonl');
  await put(join(FIXTURES, 'copilot-chat-session-v3.json'), ws, 'chatSessions', '331f.json');
  await put(join(FIXTURES, 'copilot-chat-session-mutation-log.jsonl'), ws, 'chatSessions', '7de8.jsonl');
  await put(join(FIXTURES, 'copilot-chat-transcript-events.jsonl'), ws, 'GitHub.copilot-chat', 'transcripts', '5fcd.jsonl');
  await put(join(EDGE, 'aider-old-v0.47.md'), folder, '.aider.chat.history.md');
  await put(join(FIXTURES, 'codex-rollout.jsonl'), home, '.codex', 'sessions', 'not-a-rollout.jsonl');
  return { homeDir: home, workspaceStorageDir: ws, globalStorageDir: join(root, 'User', 'globalStorage'), workspaceFolders: [folder, join(root, 'missing')] };
}

describe('discovery and a full import run', () => {
  it('finds every known location and nothing else', async () => {
    await withTmp(async (root) => {
      const files = await discoverFiles(await layout(root), ALL);
      assert.deepEqual(files.map((f) => f.format).sort(), [
        'aider', 'claude-code', 'codex', 'continue', 'copilot-mutation-log', 'copilot-session-json', 'copilot-transcript',
      ]);
      assert.deepEqual(await discoverFiles(await layout(root), new Set(['aider'])).then((f) => f.length), 1);
      assert.deepEqual(await discoverFiles({ homeDir: join(root, 'nowhere'), workspaceFolders: [] }, ALL), []);
    });
  });

  it('imports everything once; a second run with the new cursors adds nothing', async () => {
    await withTmp(async (root) => {
      const roots = await layout(root);
      const sink = new DedupingSink();
      const cursors = new Map<string, FileCursor>();
      const all: RecordedEvent[] = [];
      const tracking = { append: (e: RecordedEvent) => { all.push(e); sink.append(e); if (e.kind === 'import_cursor') cursors.set(e.fileKey, e); } };
      const first = await runImport({ roots, sources: ALL, cursors: new Map(), options: QUIET, sink: tracking });
      assert.equal(first.files, 7);
      assert.equal(first.bySource.claudeCode?.records, 26);
      assert.equal(first.bySource.aider?.records, 3, 'the /add message, which got no model reply, is kept too');
      assert.equal(first.skipped, 0, 'the undated autocomplete record is dated from its file');
      assert.equal(first.warnings.length, 0);
      const added = sink.added;
      const second = await runImport({ roots, sources: ALL, cursors, options: QUIET, sink: tracking });
      assert.equal(second.records, 0);
      assert.equal(sink.added, added);
      assert.ok(Object.values(second.bySource).every((s) => s.changedFiles === 0));
    });
  });

  it('stops between files when cancelled and writes nothing on a dry run', async () => {
    await withTmp(async (root) => {
      const roots = await layout(root);
      const events: RecordedEvent[] = [];
      let n = 0;
      const cancelled = await runImport({ roots, sources: ALL, cursors: new Map(), options: QUIET, sink: { append: (e) => events.push(e) }, cancelled: () => n > 0, onProgress: () => n++ });
      assert.equal(cancelled.cancelled, true);
      assert.equal(n, 1);
      const dry: RecordedEvent[] = [];
      const listed = await runImport({ roots, sources: ALL, cursors: new Map(), options: QUIET, sink: { append: (e) => dry.push(e) }, dryRun: true });
      assert.equal(listed.files, 7);
      assert.equal(dry.length, 0);
    });
  });

  it('reads a file again when it changed while being read, and lists a file still being written as pending', async () => {
    await withTmp(async (root) => {
      const home = join(root, 'home');
      const dir = join(home, '.claude', 'projects', '-work-demo');
      await mkdir(dir, { recursive: true });
      const file = join(dir, 'cb94.jsonl');
      const lines = readFileSync(join(FIXTURES, 'claude-code-transcript.jsonl'), 'utf8').split('\n').filter(Boolean);
      const half = Math.floor(lines.length / 2);
      writeFileSync(file, `${lines.slice(0, half).join('\n')}\n`);
      const sink = new DedupingSink();
      let appended = false;
      const roots: DiscoveryRoots = { homeDir: home, workspaceFolders: [] };
      // The rest is written just after the first read finished (its cursor event is the last thing it emits).
      const append = (e: RecordedEvent) => {
        sink.append(e);
        if (e.kind === 'import_cursor' && !appended) {
          appended = true;
          appendFileSync(file, `${lines.slice(half).join('\n')}\n`);
        }
      };
      const run = await runImport({ roots, sources: new Set(['claudeCode']), cursors: new Map(), options: QUIET, sink: { append } });
      assert.deepEqual(run.pending, []);
      // The same file imported whole in one go gives the same distinct records (a turn cut at the boundary is read twice, deduped by id).
      const whole = new DedupingSink();
      await runImport({ roots, sources: new Set(['claudeCode']), cursors: new Map(), options: QUIET, sink: whole });
      assert.equal(whole.added, 26);
      assert.equal(sink.added, whole.added, 'the part appended during the read was imported too');
      const busy = await runImport({ roots, sources: new Set(['claudeCode']), cursors: new Map(), options: BUSY, sink: { append: () => undefined } });
      assert.deepEqual(busy.pending, [file], 'a file modified within quietMs has its last turn held back: read again later');
    });
  });
});
