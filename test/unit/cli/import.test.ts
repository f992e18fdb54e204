import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StoreEngine } from '../../../src/core/store/engine';
import { loadSqlJs } from '../../../src/core/store/db';
import { silentLog } from '../../../src/core/store/log';
import { journalDir } from '../../../src/core/store/segments';
import { localDay } from '../../../src/core/model/day';
import { runCliImport } from '../../../src/cli/import';
import { ReadStore } from '../../../src/cli/read-store';
import { buildStore, listing } from './store-fixture';

const FIXTURES = path.resolve(__dirname, '../../fixtures/ai-logs');

describe('ai-learning import (headless importers into a journal of its own)', function () {
  this.timeout(120_000);

  it('writes only new cli-import segments, which the extension folds in; a second run imports nothing again', async () => {
    const f = await buildStore(5, 20);
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-home-'));
    const put = (from: string, ...to: string[]): void => {
      fs.mkdirSync(path.join(home, ...to.slice(0, -1)), { recursive: true });
      fs.copyFileSync(path.join(FIXTURES, from), path.join(home, ...to));
    };
    put('claude-code-transcript.jsonl', '.claude', 'projects', '-home-u-proj', 'cb94.jsonl');
    put('codex-rollout.jsonl', '.codex', 'sessions', '2026', '02', '11', 'rollout-2026-02-11T05-53-33-019c.jsonl');
    const before = listing(f.dir);
    const args = { storeDir: f.dir, sources: ['claudeCode', 'codex'] as const, workspaceFolders: [], allWorkspaces: false, dryRun: false, homeDir: home, env: {}, quietMs: 0 };

    const dry = await ReadStore.open(f.dir, silentLog);
    const d = await runCliImport(dry, { ...args, sources: [...args.sources], dryRun: true });
    dry.close();
    assert.equal(d.files, 2);
    assert.equal(d.writer, undefined);
    assert.deepEqual(listing(f.dir), before, 'a dry run writes nothing');

    const rs = await ReadStore.open(f.dir, silentLog);
    const s = await runCliImport(rs, { ...args, sources: [...args.sources] });
    rs.close();
    assert.ok(s.records > 0 && s.writer?.startsWith('cli_import_'), JSON.stringify(s));
    const after = listing(f.dir);
    for (const [name, stat] of before) assert.equal(after.get(name), stat, `${name} changed`);
    const added = [...after.keys()].filter((n) => !before.has(n));
    assert.ok(added.length > 0 && added.every((n) => path.dirname(n) === 'journal' && path.basename(n).startsWith(`${s.writer}-`)), added.join());

    // The extension (its engine, as another window) folds the CLI's journal in.
    const engine = StoreEngine.open({ storageDir: f.dir, ownerId: 'ext', SQL: await loadSqlJs(), log: silentLog });
    const cursors = engine.query('importCursors', {}).filter((c) => !c.fileKey.startsWith('file-')); // the fixture's own cursors are 'file-<tag>'
    // From the rollups (kept forever): the fixture's own claude-code requests are all 'debugging' of this week.
    const intents = engine.query('interactionsByIntent', { fromDay: 0, toDay: localDay(Date.now()) - 6 });
    const tools = new Set(intents.map((r) => r.sourceTool));
    engine.close();
    assert.equal(cursors.length, 2);
    assert.deepEqual([...tools].sort(), ['claude-code', 'codex']);

    // Run again: the cursors now in the store say nothing is new.
    const segs = fs.readdirSync(journalDir(f.dir)).length;
    const rs2 = await ReadStore.open(f.dir, silentLog);
    const again = await runCliImport(rs2, { ...args, sources: [...args.sources] });
    rs2.close();
    assert.equal(again.records, 0);
    assert.ok(fs.readdirSync(journalDir(f.dir)).length <= segs + 1);
  });
});
