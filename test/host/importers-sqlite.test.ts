import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { localDay } from '../../src/core/model/day';
import { COMMITS, T0, writeCursorState, writeCursorTracking, writeWindsurfState } from '../support/sqlite-fixtures';
import { writerKind } from '../support/sqlite-writer';
import { activeApi, waitFor } from './helpers';

const at = (rel: string): string => {
  const p = join(homedir(), rel);
  mkdirSync(dirname(p), { recursive: true });
  return p;
};

/**
 * The SQLite sources at their real Linux locations under the host tier's temporary HOME (Cursor's global state.vscdb
 * and ai-code-tracking.db with uncheckpointed WALs, OpenCode's opencode.db, a Windsurf workspace database), imported
 * by the real import worker through "Import AI Chat History"; Cursor's own AI share of a commit reaches the dashboard
 * beside ours.
 */
describe('SQLite importers at their real locations (real extension host)', function () {
  it('imports Cursor, OpenCode and Windsurf and shows Cursor\u2019s AI share of a commit beside ours', async function () {
    if (writerKind === undefined) this.skip();
    const api = await activeApi();
    const store = await api.store();
    assert.ok(store, 'the store did not open');
    const writers = [
      writeCursorState(at('.config/Cursor/User/globalStorage/state.vscdb')),
      writeCursorTracking(at('.cursor/ai-tracking/ai-code-tracking.db')),
    ];
    writeWindsurfState(at('.config/Windsurf/User/workspaceStorage/ws1/state.vscdb')).close();
    copyFileSync(join(__dirname, '..', '..', 'test', 'fixtures', 'ai-logs', 'sqlite', 'opencode', 'opencode.db'), at('.local/share/opencode/opencode.db'));
    // Our own record of the first commit, as the git collector writes it.
    store.append({ kind: 'commit', ts: T0 + 90_000, hash: COMMITS[0], repoHash: 'r'.repeat(16), filesChanged: 2, linesAdded: 12, linesRemoved: 4, aiLines: 4 });
    try {
      // The startup scan may have read them already (then this run finds them unchanged): the store is checked below.
      const summary = await vscode.commands.executeCommand<{ bySource: Record<string, { files: number }> } | undefined>('aiLearning.importChatHistory');
      assert.ok(summary, 'the import ran');
      const files = Object.fromEntries(['cursor', 'opencode', 'windsurf'].map((s) => [s, summary.bySource[s]?.files ?? 0]));
      assert.deepEqual(files, { cursor: 2, opencode: 1, windsurf: 1 }, 'each database found at its real location');
    } finally {
      for (const w of writers) w.close();
    }
    const day = localDay(T0);
    const byTool = await waitFor('the imported requests in the store', async () => {
      const rows = await store.query('interactionsByIntent', { fromDay: day - 1, toDay: localDay(Date.now()) });
      const n = (tool: string) => rows.filter((r) => r.sourceTool === tool).reduce((s, r) => s + r.n, 0);
      const counts = { cursor: n('cursor'), windsurf: n('windsurf') };
      return counts.cursor >= 3 && counts.windsurf >= 2 ? counts : undefined;
    }, 20_000);
    assert.deepEqual(byTool, { cursor: 3, windsurf: 2 });
    await vscode.commands.executeCommand('aiLearning.showDashboard');
    const shares = await waitFor('the commit shares on the dashboard', () => {
      const rows = api.lastDashboardData()?.commitShares;
      return rows?.some((r) => r.hash === COMMITS[0] && r.ourLinesAdded !== null) ? rows : undefined;
    }, 20_000);
    const mine = shares.find((r) => r.hash === COMMITS[0])!;
    assert.deepEqual([mine.sourceTool, mine.toolAiLines, mine.toolLinesAdded, mine.ourAiLines, mine.ourLinesAdded], ['cursor', 9, 12, 4, 12]);
  });
});
