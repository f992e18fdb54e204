import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DELETE_ACTION, DELETE_AND_STOP_ACTION, deleteAllData, exportLearningData } from '../../../src/host/store/commands';
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
    choose: (_m: string, _d: string, actions: readonly string[]) => Promise.resolve(confirm ? actions[0] : undefined),
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

  describe('the logs on disk after a delete', () => {
    /** A UI that answers `pick` and records the question; a store and importers that record the order of calls. */
    function rig(pick: (actions: readonly string[]) => string | undefined, on: string[]) {
      const calls: string[] = [];
      const asked: { detail?: string; actions?: readonly string[] } = {};
      const said: string[] = [];
      const ui: StoreCommandUi = {
        pickFolder: () => Promise.resolve(undefined),
        withProgress: (_t, task) => task(() => undefined),
        choose: (_m, detail, actions) => {
          Object.assign(asked, { detail, actions });
          return Promise.resolve(pick(actions));
        },
        info: (m) => said.push(m),
        error: (m) => said.push(`error ${m}`),
      };
      const importers = { enabled: () => on, turnAllOff: () => { calls.push('importers off'); return Promise.resolve(); } };
      const client = { deleteAll: () => { calls.push('store deleted'); return Promise.resolve({ removedFiles: 2 }); } };
      return { calls, asked, said, ui, importers, client, forget: () => calls.push('survival forgotten') };
    }

    it('says the importers that are on will import the logs again, and offers to turn them all off first', async () => {
      const r = rig((a) => a[1], ['Claude Code', 'Codex CLI']);
      assert.equal(await deleteAllData(r.client, r.ui, { importers: r.importers, forget: r.forget }), true);
      assert.deepEqual(r.asked.actions, [DELETE_ACTION, DELETE_AND_STOP_ACTION]);
      assert.match(r.asked.detail ?? '', /2 importer\(s\) are on \(Claude Code, Codex CLI\) and will import those logs again at the next start/);
      assert.deepEqual(r.calls, ['importers off', 'survival forgotten', 'store deleted'], 'importers off before the store goes');
      assert.match(r.said[0], /Every importer is now off/);
    });

    it('keeps the importers when asked to, and says the logs come back at the next start', async () => {
      const r = rig((a) => a[0], ['Aider']);
      assert.equal(await deleteAllData(r.client, r.ui, { importers: r.importers, forget: r.forget }), true);
      assert.deepEqual(r.calls, ['survival forgotten', 'store deleted']);
      assert.match(r.said[0], /logs still on disk will be imported again at the next start \(Aider\)\.$/);
    });

    it('offers only the delete when every importer is off, and does nothing when cancelled', async () => {
      const off = rig((a) => a[0], []);
      assert.equal(await deleteAllData(off.client, off.ui, { importers: off.importers }), true);
      assert.deepEqual(off.asked.actions, [DELETE_ACTION]);
      assert.match(off.asked.detail ?? '', /The importers are off: nothing is imported again\./);
      assert.doesNotMatch(off.said[0], /imported again/);
      const cancel = rig(() => undefined, ['Aider']);
      assert.equal(await deleteAllData(cancel.client, cancel.ui, { importers: cancel.importers, forget: cancel.forget }), false);
      assert.deepEqual(cancel.calls, []);
    });
  });
});
