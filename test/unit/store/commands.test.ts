import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deleteAllData, exportLearningData } from '../../../src/host/store/commands';
import type { StoreCommandUi } from '../../../src/host/store/commands';
import { StoreEngine } from '../../../src/core/store/engine';
import { JournalWriter } from '../../../src/core/store/journal-writer';
import { loadSqlJs } from '../../../src/core/store/db';
import { MemoryLog } from '../../../src/core/store/log';
import { journalDir } from '../../../src/core/store/segments';
import { everyKind } from '../../support/store/gen';

function fakeUi(folder: string | undefined, confirm: boolean): StoreCommandUi & { said: string[]; progress: number } {
  const ui = {
    said: [] as string[],
    progress: 0,
    pickFolder: () => Promise.resolve(folder),
    withProgress: <T>(_t: string, task: (r: (m: string, inc: number) => void) => Promise<T>) => task((_m, inc) => (ui.progress += inc)),
    confirm: () => Promise.resolve(confirm),
    info: (m: string) => ui.said.push(`info ${m}`),
    error: (m: string) => ui.said.push(`error ${m}`),
  };
  return ui;
}

describe('store commands (Export Learning Data, Delete All Data)', () => {
  it('exports every table as JSON and CSV with progress, deletes only after confirmation', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-cmd-'));
    const w = JournalWriter.open({ dir: journalDir(dir), writerId: 'w' });
    for (const ev of everyKind('x', Date.now())) w.append(ev);
    await w.close();
    const e = StoreEngine.open({ storageDir: dir, ownerId: 'e', SQL: await loadSqlJs(), log: new MemoryLog() });
    e.snapshot();
    const client = { exportAll: (d: string, p?: (a: number, b: number, t: string) => void) => Promise.resolve(e.exportAll(d, p)), deleteAll: () => Promise.resolve(e.deleteAll()) };
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'store-out-'));
    const ui = fakeUi(out, false);
    const summary = await exportLearningData(client, ui);
    assert.ok(summary);
    assert.equal(ui.progress, 100);
    const files = fs.readdirSync(summary.dir);
    assert.ok(files.includes('ai_interactions.json') && files.includes('ai_interactions.csv'));
    const rows = JSON.parse(fs.readFileSync(path.join(summary.dir, 'ai_interactions.json'), 'utf8'));
    assert.equal(rows[0].id, 'ai-x');
    assert.match(fs.readFileSync(path.join(summary.dir, 'user_feedback.csv'), 'utf8'), /^id,ts,day,session,rating,text,tags/);
    assert.equal(await exportLearningData(client, fakeUi(undefined, false)), undefined, 'cancelled picker');
    assert.equal(await deleteAllData(client, ui), false, 'not confirmed');
    assert.ok(fs.existsSync(path.join(dir, 'snapshots')));
    const yes = fakeUi(undefined, true);
    assert.equal(await deleteAllData(client, yes), true);
    assert.ok(!fs.existsSync(path.join(dir, 'snapshots')) && !fs.existsSync(journalDir(dir)));
    assert.match(yes.said[0], /^info Deleted all .* database, its snapshots and journals/);
    e.close();
  });
});
