import assert from 'node:assert/strict';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ImportSummary } from '../../src/core/importers/import-protocol';
import { activeApi } from './helpers';

/**
 * Issue 14, part 1: Gemini CLI, Cline, Roo Code and Kilo Code files laid at their real locations under the host
 * tier's (temporary, empty) HOME, imported by the real command, and their figures read back from the store.
 */
const NOW = Date.now() - 3_600_000;
const iso = (dt: number): string => new Date(NOW + dt).toISOString();

/** Writes a finished session: dated an hour ago, so the importers read it whole (not as a file still being written). */
function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  utimesSync(file, new Date(NOW + 5000), new Date(NOW + 5000));
}

function layGemini(home: string): void {
  const project = path.join(home, '.gemini', 'tmp', 'host-proj');
  write(path.join(project, '.project_root'), path.join(home, 'host-proj'));
  const lines = [
    { sessionId: 'c0ffee00-1111-4222-8333-444455556666', projectHash: 'ab'.repeat(32), startTime: iso(0), lastUpdated: iso(0), kind: 'main' },
    { id: 'u-1', timestamp: iso(1000), type: 'user', content: [{ text: 'Write a function that parses ISO dates' }] },
    { id: 'g-1', timestamp: iso(4000), type: 'gemini', content: 'Here it is.', model: 'gemini-2.5-pro', tokens: { input: 5000, output: 300, cached: 4000, thoughts: 120, tool: 0, total: 5420 },
      toolCalls: [{ id: 'write_file_1', name: 'write_file', args: { file_path: 'dates.ts' }, status: 'success', timestamp: iso(3500),
        resultDisplay: { filePath: path.join(home, 'host-proj', 'dates.ts'), diffStat: { model_added_lines: 12, model_removed_lines: 0 } } }] },
    { $set: { lastUpdated: iso(4100) } },
  ];
  write(path.join(project, 'chats', 'session-host-c0ffee00.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
}

function layTask(dir: string, model: string, tokensIn: number): void {
  const messages = [
    { ts: NOW + 1000, type: 'say', say: 'text', text: 'Rename the helper' },
    { ts: NOW + 2000, type: 'say', say: 'api_req_started', modelInfo: { providerId: 'anthropic', modelId: model, mode: 'act' },
      text: JSON.stringify({ request: '<task>Rename the helper</task>', tokensIn, tokensOut: 200, cacheWrites: 1000, cacheReads: 3000, cost: 0.02 }) },
    { ts: NOW + 3000, type: 'say', say: 'tool', text: JSON.stringify({ tool: 'editedExistingFile', path: 'src/a.ts', content: '...' }) },
    { ts: NOW + 4000, type: 'say', say: 'completion_result', text: 'Done.' },
  ];
  write(path.join(dir, 'ui_messages.json'), JSON.stringify(messages));
}

describe('importers of Gemini CLI and the Cline family at their real locations (real extension host)', () => {
  it('finds, imports and stores each source under its own tool name', async () => {
    const home = homedir();
    layGemini(home);
    layTask(path.join(home, '.config', 'Code', 'User', 'globalStorage', 'saoudrizwan.claude-dev', 'tasks', '1700000000001'), 'claude-sonnet-4-5', 11);
    layTask(path.join(home, '.config', 'VSCodium', 'User', 'globalStorage', 'rooveterinaryinc.roo-cline', 'tasks', '1700000000002'), 'claude-sonnet-4-5', 22);
    layTask(path.join(home, '.vscode-server', 'data', 'User', 'globalStorage', 'kilocode.kilo-code', 'tasks', '1700000000003'), 'claude-sonnet-4-5', 33);
    const api = await activeApi();
    const store = await api.store();
    assert.ok(store, 'the store opened');
    const summary = await vscode.commands.executeCommand<ImportSummary | undefined>('aiLearning.importChatHistory');
    assert.ok(summary, 'the command returned its summary');
    // Activation's startup scan may have read the files first (the command then finds them unchanged): the
    // store's figures below are what must hold either way.
    for (const source of ['geminiCli', 'cline', 'rooCode', 'kiloCode'] as const) {
      assert.equal(summary.bySource[source]?.files, 1, `${source}: one file found (${JSON.stringify(summary.bySource)})`);
    }
    const rows = await store.query('tokensByModel', { fromDay: 0, toDay: 99_999_999 });
    const row = (tool: string) => rows.find((r) => r.sourceTool === tool);
    const gemini = row('gemini-cli');
    assert.ok(gemini, `gemini-cli figures stored: ${JSON.stringify(rows)}`);
    assert.equal(gemini.tokensIn, 1000, 'input less the cached part');
    assert.equal(gemini.cacheRead, 4000);
    assert.equal(gemini.tokensOut, 420, 'output with the thoughts');
    for (const [tool, tokensIn] of [['cline', 11], ['roo-code', 22], ['kilo-code', 33]] as const) {
      const r = row(tool);
      assert.ok(r, `${tool} figures stored`);
      assert.deepEqual([r.tokensIn, r.tokensOut, r.cacheWrite, r.cacheRead, r.n], [tokensIn, 200, 1000, 3000, 1], `${tool}: one request, the prompt on it`);
      assert.ok(r.costUsd !== null && Math.abs(r.costUsd - 0.02) < 1e-9, `${tool}: the tool's own cost`);
    }
  });
});
