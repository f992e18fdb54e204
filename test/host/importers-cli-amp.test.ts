import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, utimesSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ImportSummary } from '../../src/core/importers/import-protocol';
import { EXTENSION_ID, activeApi, waitFor } from './helpers';

/**
 * Issue 14: Copilot CLI sessions and Amp threads laid at their real locations under the host tier's HOME (an empty
 * temporary folder) are imported by "Import AI Chat History" and reach the store under their own tool names.
 */
describe('importers: Copilot CLI and Amp at their real locations (real extension host)', () => {
  it('imports ~/.copilot/session-state/<id>/events.jsonl and ~/.local/share/amp/threads/T-*.json', async () => {
    const api = await activeApi();
    const store = await api.store();
    assert.ok(store, 'the store did not open');
    const fixtures = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'test', 'fixtures', 'ai-logs');
    const home = homedir();
    const lay = (from: string, ...to: string[]): void => {
      const target = path.join(home, ...to);
      mkdirSync(path.dirname(target), { recursive: true });
      copyFileSync(path.join(fixtures, from), target);
      const hourAgo = new Date(Date.now() - 3_600_000);
      utimesSync(target, hourAgo, hourAgo); // finished files: nothing held back as still being written
    };
    lay('edge/copilot-cli-resumed.jsonl', '.copilot', 'session-state', '7d0f4c2e-5b1a-4e8f-9c3d-2a6b8e1f0c47', 'events.jsonl');
    lay('copilot-cli-session-events.jsonl', '.copilot', 'session-state', '301561f1-558a-43e9-a144-82d3ca12ab62', 'events.jsonl');
    lay('amp-threads/T-019ca1ce-3ae2-7686-a41e-ccc078837f8a.json', '.local', 'share', 'amp', 'threads', 'T-019ca1ce-3ae2-7686-a41e-ccc078837f8a.json');

    const summary = await vscode.commands.executeCommand<ImportSummary | undefined>('aiLearning.importChatHistory');
    assert.ok(summary, 'the import ran');
    // Found at their real locations; the records may already have come in through the watchers (laying the files
    // fires them), so what was imported is checked in the store, not in this run's record count.
    assert.deepEqual([summary.bySource.copilotCli?.files, summary.bySource.amp?.files], [2, 1]);

    const rows = await waitFor('the imported tokens in the store', async () => {
      const r = await store.query('tokensByModel', { fromDay: 0, toDay: 1_000_000 });
      return r.some((x) => x.sourceTool === 'amp') && r.some((x) => x.sourceTool === 'copilot-cli' && x.tokensIn > 0) ? r : undefined;
    }, 30_000);
    const cli = rows.filter((r) => r.sourceTool === 'copilot-cli');
    assert.equal(cli.reduce((n, r) => n + r.tokensIn, 0), 6000);
    assert.equal(cli.reduce((n, r) => n + r.tokensOut, 0), 1600);
    assert.equal(cli.reduce((n, r) => n + r.n, 0), 3, 'three prompts over two sessions');
    const amp = rows.filter((r) => r.sourceTool === 'amp');
    assert.deepEqual(amp.map((r) => [r.model, r.n, r.tokensOut, r.cacheRead]), [['claude-opus-4-6', 1, 555, 39744]]);
  });
});
