import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, utimesSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ImportSummary } from '../../src/core/importers/import-protocol';
import { EXTENSION_ID, activeApi, waitFor } from './helpers';

/**
 * Issue 14: Kiro sessions laid at their real location under the host tier's HOME (an empty temporary folder), the
 * CLI's `~/.kiro/sessions/cli/<id>.jsonl` + `<id>.json` and the IDE's `~/.kiro/sessions/<id>/messages.jsonl` +
 * `session.json`, are imported by "Import AI Chat History" and reach the store under Kiro's name.
 */
describe('importers: Kiro at its real location (real extension host)', () => {
  it('imports ~/.kiro/sessions/cli/<id>.jsonl and ~/.kiro/sessions/<id>/messages.jsonl with their session files', async () => {
    const api = await activeApi();
    const store = await api.store();
    assert.ok(store, 'the store did not open');
    const sessions = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'test', 'fixtures', 'ai-logs', 'kiro', 'home', '.kiro', 'sessions');
    const target = path.join(homedir(), '.kiro', 'sessions');
    const hourAgo = new Date(Date.now() - 3_600_000);
    // Session files first: a watcher that fires on the log then finds its session file beside it.
    for (const rel of ['cli/3f5b8a3e-8c1d-4f5e-9a42-6b7e0c9d1a20.json', 'cli/3f5b8a3e-8c1d-4f5e-9a42-6b7e0c9d1a20.jsonl', '7d0c2f4e-ide-0001/session.json', '7d0c2f4e-ide-0001/messages.jsonl']) {
      const to = path.join(target, rel);
      mkdirSync(path.dirname(to), { recursive: true });
      copyFileSync(path.join(sessions, rel), to);
      utimesSync(to, hourAgo, hourAgo); // finished files: nothing held back as still being written
    }

    const summary = await vscode.commands.executeCommand<ImportSummary | undefined>('aiLearning.importChatHistory');
    assert.ok(summary, 'the import ran');
    assert.equal(summary.bySource.kiro?.files, 2);
    assert.deepEqual(summary.bySource.kiro?.skipped, {});

    const rows = await waitFor('the imported Kiro requests in the store', async () => {
      const r = (await store.query('tokensByModel', { fromDay: 0, toDay: 1_000_000 })).filter((x) => x.sourceTool === 'kiro');
      return r.reduce((n, x) => n + x.n, 0) === 5 ? r : undefined;
    }, 30_000);
    const by = new Map(rows.map((r) => [r.model, r]));
    assert.deepEqual([by.get('auto')?.n, by.get('claude-sonnet-4.5')?.n, by.get('claude-sonnet-4')?.n], [2, 1, 2]);
    assert.deepEqual([by.get('claude-sonnet-4.5')?.tokensIn, by.get('claude-sonnet-4.5')?.tokensOut], [5200, 310]);
  });
});
