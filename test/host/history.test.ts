import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { localDay } from '../../src/core/model/day';
import { EXTENSION_ID, activeApi, waitFor } from './helpers';

/** The committed real logs (test/fixtures/ai-logs/SOURCE.md): a Claude Code transcript and a Codex rollout. */
function fixture(name: string): string {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext);
  return path.join(ext.extensionPath, 'test', 'fixtures', 'ai-logs', name);
}

describe('AI History view (real extension host)', () => {
  it('imports a folder dropped on the view (a text/uri-list, as the Explorer and file managers give) and lists the tool', async () => {
    const api = await activeApi();
    const store = await api.store();
    assert.ok(store, 'the store did not open');
    const dropped = mkdtempSync(path.join(tmpdir(), 'ala-drop-'));
    mkdirSync(path.join(dropped, 'nested'));
    const copy = path.join(dropped, 'nested', 'session.jsonl');
    copyFileSync(fixture('claude-code-transcript.jsonl'), copy);
    // An export written an hour ago: a file modified in the last two minutes counts as still being written.
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(copy, hourAgo, hourAgo);
    const data = new vscode.DataTransfer();
    data.set('text/uri-list', new vscode.DataTransferItem(`# a comment line\r\n${vscode.Uri.file(dropped).toString()}\r\nhttps://example.invalid/not-a-file\r\n`));
    const view = api.historyView();
    await view.handleDrop(undefined, data, new vscode.CancellationTokenSource().token);

    const claude = await waitFor('the dropped transcript in the store', async () => {
      const rows = await store.query('tokensByModel', { fromDay: 0, toDay: localDay(Date.now()) + 1 });
      const mine = rows.filter((r) => r.sourceTool === 'claude-code');
      const out = mine.reduce((s, r) => s + r.tokensOut, 0);
      return out > 0 ? { n: mine.reduce((s, r) => s + r.n, 0), out } : undefined;
    }, 30_000);
    // The transcript's own figures (see test/unit/importers: 13 API calls, 3,306 output tokens).
    assert.deepEqual(claude, { n: 13, out: 3306 });
    const rows = await view.getChildren();
    const row = rows.find((r) => r.tool === 'claude-code');
    assert.ok(row, `no Claude Code row in ${JSON.stringify(rows.map((r) => r.label))}`);
    assert.equal(row.source, 'claudeCode');
    assert.equal(row.files, 1);
    assert.match(row.description, /^13 requests · 1 file/);
    assert.equal(view.getTreeItem(row).contextValue, 'aiLearning.historyTool.importable');
  });

  it('says so and imports nothing when the drop holds no file from disk', async () => {
    const api = await activeApi();
    const data = new vscode.DataTransfer();
    data.set('text/plain', new vscode.DataTransferItem('just text'));
    const before = (await api.historyView().getChildren()).map((r) => r.description);
    await api.historyView().handleDrop(undefined, data, new vscode.CancellationTokenSource().token);
    assert.deepEqual((await api.historyView().getChildren()).map((r) => r.description), before);
  });
});
