import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { activeApi, reloadMarkerPath, waitFor } from './helpers';

describe('store (real extension host)', () => {
  it('opens the local store in global storage and the dashboard reads from it', async () => {
    const api = await activeApi();
    const store = await api.store();
    assert.ok(store, 'the store did not open');
    assert.equal(store.readOnly, null);
    // Data the page got before (an earlier test's panel) must not count: this panel is the one the reloaded
    // window restores, so wait for its tab and for data posted after the command.
    const before = api.lastDashboardData()?.generatedTs ?? 0;
    await vscode.commands.executeCommand('aiLearning.showDashboard');
    await waitFor('the dashboard tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
      .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('aiLearning.dashboard')), 15_000);
    const data = await waitFor('store-backed dashboard data', () => {
      const d = api.lastDashboardData();
      return d?.source === 'store' && d.generatedTs > before ? d : undefined;
    }, 15_000);
    assert.equal(data.source, 'store');
  });

  it('records events that a reloaded window must find again', async () => {
    const api = await activeApi();
    const store = await api.store();
    assert.ok(store);
    const language = `reload-check-${Date.now().toString(36)}`;
    const count = 7;
    for (let i = 0; i < count; i++) {
      store.append({
        kind: 'text_change', ts: Date.now(), fileHash: 'f'.repeat(16), language, label: 'typed', precision: 'heuristic',
        charsAdded: i + 1, charsRemoved: 0, linesAdded: 0, count: 1,
      });
    }
    const rows = await store.query('textChangesByLanguage', { sinceTs: Date.now() - 60_000 });
    const row = rows.find((r) => r.language === language);
    assert.deepEqual({ n: row?.n, chars: row?.charsAdded }, { n: count, chars: 28 });
    writeFileSync(reloadMarkerPath(), JSON.stringify({ language, n: count, chars: 28 }));
  });
});
