import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadSqlJs } from '../../../src/core/store/db';
import { countLog } from '../../oracle/count-logs';
import type { LogTool } from '../../oracle/count-logs';
import { writeCursorState, writeWindsurfState } from '../../support/sqlite-fixtures';
import { writerKind } from '../../support/sqlite-writer';
import { FIXTURES, withTmp } from './helpers';
import { differences, productFigures } from './real-logs';

/**
 * Every figure of each SQLite source, as stored by the product (import -> journal round trip -> sql.js store), equals
 * the independent counter's (its own SQL, through better-sqlite3 or node:sqlite reading the live file and its WAL).
 */
describe('SQLite sources against the independent counter', function () {
  before(function () {
    if (writerKind === undefined) this.skip();
  });

  const check = async (path: string, tool: LogTool) => {
    const SQL = await loadSqlJs();
    const { figures, failed } = await productFigures(SQL, { tool, path, split: 'dev', present: true });
    const oracle = countLog(path, tool);
    assert.equal(failed, 0);
    assert.deepEqual(differences(figures, oracle), [], `${tool}: ${JSON.stringify({ figures, oracle })}`);
    assert.ok(oracle.requests > 0);
    return oracle;
  };

  it('Cursor state.vscdb with an uncheckpointed WAL', async () => withTmp(async (dir) => {
    const path = join(dir, 'state.vscdb');
    const w = writeCursorState(path);
    try {
      const o = await check(path, 'cursor');
      assert.deepEqual([o.requests, o.tokensIn, o.tokensOut, o.toolCalls], [3, 2000, 450, 3]);
    } finally {
      w.close();
    }
  }));

  it('OpenCode opencode.db (git-ai fixture)', async () => {
    await check(join(FIXTURES, 'sqlite', 'opencode', 'opencode.db'), 'opencode');
  });

  it('Windsurf chat tabs', async () => withTmp(async (dir) => {
    const path = join(dir, 'state.vscdb');
    writeWindsurfState(path).close();
    await check(path, 'windsurf');
  }));
});
