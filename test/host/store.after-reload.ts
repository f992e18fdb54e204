import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import * as vscode from 'vscode';
import { activeApi, reloadMarkerPath, waitFor } from './helpers';

describe('store after the window reloaded (a new extension host, same global storage)', () => {
  it('still has every event recorded before the reload, exactly once', async () => {
    const expected = JSON.parse(readFileSync(reloadMarkerPath(), 'utf8')) as { language: string; n: number; chars: number };
    const store = await (await activeApi()).store();
    assert.ok(store, 'the store did not open');
    const rows = await store.query('textChangesByLanguage', { sinceTs: Date.now() - 3_600_000 });
    const row = rows.find((r) => r.language === expected.language);
    assert.deepEqual({ n: row?.n, chars: row?.charsAdded }, { n: expected.n, chars: expected.chars });
    rmSync(reloadMarkerPath());
  });
});

describe('dashboard after the window reloaded', () => {
  it('is restored by its serializer and asks the host for data again', async () => {
    const api = await activeApi();
    const tab = await waitFor('the restored dashboard tab', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('aiLearning.dashboard')), 15_000);
    assert.equal(tab.label, 'AI Analytics');
    if (!tab.isActive) await vscode.commands.executeCommand('aiLearning.showDashboard');
    const data = await waitFor('data posted to the restored page', () => api.lastDashboardData(), 15_000);
    assert.equal(data.source, 'store');
  });
});
