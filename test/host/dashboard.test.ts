import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { DELETE_AND_STOP_ACTION } from '../../src/host/store/commands';
import type { StoreCommandUi } from '../../src/host/store/commands';
import { IMPORTERS_SECTION, SOURCE_LABELS } from '../../src/host/importers/import-settings';
import { activeApi, waitFor } from './helpers';

/** Answers "Delete All Data" as a person who confirms it would (the modal cannot be clicked from here). */
const yes: StoreCommandUi = {
  pickFolder: () => Promise.resolve(undefined),
  withProgress: (_title, task) => task(() => undefined),
  choose: (_m, _d, actions) => Promise.resolve(actions[0]),
  info: () => undefined,
  error: (m) => assert.fail(m),
};

const FN = `export function clamp(n: number, lo: number, hi: number): number {
  if (Number.isNaN(n)) return lo;
  if (n < lo) return lo;
  if (n > hi) return hi;
  return n;
}
`;

describe('Delete All Data (real extension host)', () => {
  it('the status bar, the page data and the Pattern Library drop the deleted figures without a reload', async () => {
    const api = await activeApi();
    const store = await api.store();
    assert.ok(store);
    const ts = Date.now();
    store.append({ kind: 'text_change', ts, fileHash: 'd'.repeat(16), language: 'typescript', label: 'typed', precision: 'strong', charsAdded: 100, charsRemoved: 0, linesAdded: 0, count: 10 });
    store.append({ kind: 'ai_insertion', ts, id: `del-${ts}`, origin: 'chat', fileHash: 'd'.repeat(16), language: 'typescript', chars: 300, lines: 9, precision: 'heuristic', confidence: 0.8, textHash: '' });
    // A pattern insertion is not AI code: the share stays that of the chat insertion (300 of 100 + 300 + 50).
    store.append({ kind: 'ai_insertion', ts, id: `delp-${ts}`, origin: 'pattern', patternId: 'p', fileHash: 'd'.repeat(16), language: 'typescript', chars: 50, lines: 2, precision: 'strong', confidence: 1, textHash: '' });
    await vscode.commands.executeCommand('aiLearning.showDashboard');
    await waitFor('the status bar with an AI share', () => /AI \d+%/.test(api.statusBar().text), 15_000);
    await waitFor('the page data with the edits', () => (api.lastDashboardData()?.textByLanguage.length ?? 0) > 0, 15_000);
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const file = path.join(folder, 'delete-check', 'clamp.ts');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, FN);
    const patterns = await waitFor('the pattern library', () => api.patterns());
    await patterns.ready;
    await patterns.call('updateFile', { path: file, text: FN });
    assert.ok((await patterns.call('list', {})).some((p) => p.name === 'clamp'));

    assert.equal(await api.deleteAllData(yes), true);

    await waitFor('the status bar without the deleted figures', () => /AI – · kept –/.test(api.statusBar().text), 10_000);
    const data = await waitFor('page data of an empty store', () => {
      const d = api.lastDashboardData();
      return d && d.generatedTs > ts && d.textByLanguage.length === 0 && (d.daily ?? []).length === 0 ? d : undefined;
    }, 10_000);
    assert.deepEqual(data.today && { ai: data.today.aiChars, own: data.today.patternChars }, { ai: 0, own: 0 });
    assert.deepEqual(await patterns.call('list', {}), []);
    assert.deepEqual(await patterns.tree.getChildren(), []);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /**
   * Every file the extension wrote goes (the store's, `capture-survival.json` in the workspace storage, any
   * other), the survival tracking held in memory goes too (it would be saved back), and the modal's second
   * action turns every importer off, so the logs on disk are not imported again at the next start.
   */
  it('removes every file the extension wrote, and can turn every importer off so nothing is re-imported', async () => {
    const api = await activeApi();
    const loc = api.dataLocations();
    const root = loc.workspaceStorageRoot;
    assert.ok(root, 'a workspace is open: its storage folder is known');
    mkdirSync(root, { recursive: true });
    const mine = readdirSync(root).map((d) => path.join(root, d, loc.extensionId));
    const survival = path.join(mine[0] ?? path.join(root, 'ws0', loc.extensionId), 'capture-survival.json');
    mkdirSync(path.dirname(survival), { recursive: true });
    writeFileSync(survival, '{"insertions":[{"uri":"file:///secret/path.ts"}]}');
    writeFileSync(path.join(loc.globalStorageDir, 'left-behind.json'), '{}');
    let asked: readonly string[] = [];
    const stop: StoreCommandUi = { ...yes, choose: (_m, _d, actions) => { asked = actions; return Promise.resolve(DELETE_AND_STOP_ACTION); } };
    try {
      assert.equal(await api.deleteAllData(stop), true);
      assert.deepEqual(asked, ['Delete All Data', DELETE_AND_STOP_ACTION], 'importers are on by default: the modal offers to turn them off');
      assert.ok(!existsSync(survival), 'capture-survival.json removed');
      const left = readdirSync(loc.globalStorageDir).filter((n) => !['journal', 'snapshots', 'models', 'store-epoch.json'].includes(n) && !n.startsWith('owner.lock'));
      assert.deepEqual(left, [], 'nothing else left in the global storage folder');
      for (const d of mine) assert.deepEqual(existsSync(d) ? readdirSync(d) : [], [], `workspace storage ${d} empty`);
      assert.equal(api.capture()?.engine.survival.size ?? 0, 0, 'survival tracking forgotten in memory');
      const c = vscode.workspace.getConfiguration(IMPORTERS_SECTION);
      for (const source of Object.keys(SOURCE_LABELS)) assert.equal(c.get<boolean>(source), false, `${source} importer off`);
    } finally {
      const c = vscode.workspace.getConfiguration(IMPORTERS_SECTION);
      for (const source of Object.keys(SOURCE_LABELS)) await c.update(source, undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
