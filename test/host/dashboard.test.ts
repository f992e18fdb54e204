import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { StoreCommandUi } from '../../src/host/store/commands';
import { activeApi, waitFor } from './helpers';

/** Answers "Delete All Data" as a person who confirms it would (the modal cannot be clicked from here). */
const yes: StoreCommandUi = {
  pickFolder: () => Promise.resolve(undefined),
  withProgress: (_title, task) => task(() => undefined),
  confirm: () => Promise.resolve(true),
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
});
