import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, utimesSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ImportSummary } from '../../src/core/importers/import-protocol';
import { EXTENSION_ID, activeApi, waitFor } from './helpers';

/**
 * Issue 14: Copilot CLI's OpenTelemetry file export laid at its real location (`~/.copilot/otel/*.jsonl`) under the
 * host tier's HOME, beside the events log of one of its two sessions, is imported by "Import AI Chat History": the
 * session without an events log reaches the store from the export, the other is not counted a second time.
 */
describe('importers: Copilot CLI OpenTelemetry export at its real location (real extension host)', () => {
  it('imports ~/.copilot/otel/*.jsonl, skipping the requests of the session its events.jsonl already gives', async () => {
    const api = await activeApi();
    const store = await api.store();
    assert.ok(store, 'the store did not open');
    const from = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'test', 'fixtures', 'ai-logs', 'copilot-otel', 'home', '.copilot');
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (const rel of ['session-state/301561f1-558a-43e9-a144-82d3ca12ab62/events.jsonl', 'otel/copilot-otel-20260512.jsonl']) {
      const to = path.join(homedir(), '.copilot', rel);
      mkdirSync(path.dirname(to), { recursive: true });
      copyFileSync(path.join(from, rel), to);
      utimesSync(to, hourAgo, hourAgo);
    }

    const summary = await vscode.commands.executeCommand<ImportSummary | undefined>('aiLearning.importChatHistory');
    assert.ok(summary, 'the import ran');
    assert.ok((summary.bySource.copilotCli?.files ?? 0) >= 2, 'the events log and the export');
    const rows = await waitFor('the exported requests in the store', async () => {
      const r = (await store.query('tokensByModel', { fromDay: 0, toDay: 1_000_000 })).filter((x) => x.sourceTool === 'copilot-cli' && x.model === 'gpt-5.4-mini');
      return r.reduce((n, x) => n + x.n, 0) === 2 ? r : undefined;
    }, 30_000);
    assert.equal(rows.reduce((n, r) => n + r.tokensIn, 0), 19452 - 123 - 50 + (20100 - 19300));
    assert.equal(rows.reduce((n, r) => n + r.tokensOut, 0), 281 + 95);
    const all = await store.query('tokensByModel', { fromDay: 0, toDay: 1_000_000 });
    assert.equal(all.filter((r) => r.sourceTool === 'copilot-cli' && r.model === 'claude-sonnet-4.5' && r.tokensOut === 420).length, 0, 'the session of the events log is not read from the export');
  });
});
