import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FromWorker, ImportSummary, StartMessage } from '../../../src/core/importers/import-protocol';
import { StoreEngine } from '../../../src/core/store/engine';
import { loadSqlJs } from '../../../src/core/store/db';
import { MemoryLog } from '../../../src/core/store/log';
import { journalDir } from '../../../src/core/store/segments';
import { countLog } from '../../oracle/count-logs';
import type { LogTool } from '../../oracle/count-logs';
import { realFiles } from './real-logs';
import { withTmp } from './helpers';

function runWorker(start: StartMessage): Promise<{ summary: ImportSummary; error?: string }> {
  return new Promise((resolve, reject) => {
    const entry = join(__dirname, '..', '..', '..', 'src', 'worker', 'import-worker.ts');
    const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(entry)});`, { eval: true });
    worker.on('message', (m: FromWorker) => {
      if (m.type !== 'done') return;
      void worker.terminate();
      resolve({ summary: m.summary, error: m.error });
    });
    worker.on('error', reject);
    worker.postMessage(start);
  });
}

/**
 * The whole product path for the real Claude Code and Codex files: chosen files -> the import worker -> its
 * journal -> the store engine (snapshot-less open, ingest, rollups) -> the dashboard's tokensByModel query;
 * the totals equal the independent counter's over the same files.
 */
describe('real logs through the import worker, journal and store engine', function () {
  this.timeout(120_000);
  for (const tool of ['claude-code', 'codex'] as LogTool[]) {
    it(`${tool}: the token totals of the dashboard query equal the counter`, async function () {
      const files = realFiles().filter((f) => f.tool === tool && f.present);
      if (files.length === 0) this.skip();
      await withTmp(async (root) => {
        const start: StartMessage = {
          type: 'start', roots: { homeDir: join(root, 'home'), workspaceFolders: [] },
          settings: { sources: [], includeText: false, pricingOverrides: {}, quietMs: 0 },
          cursors: [], journalDir: journalDir(root), writerId: 'import-real', chosen: files.map((f) => f.path),
        };
        const r = await runWorker(start);
        assert.equal(r.error, undefined);
        assert.equal(r.summary.files, files.length);
        const SQL = await loadSqlJs();
        const engine = StoreEngine.open({ storageDir: root, ownerId: 'test', SQL, log: new MemoryLog(), retentionDays: 100_000 });
        try {
          const rows = engine.query('tokensByModel', { fromDay: 0, toDay: 1_000_000 }).filter((x) => x.sourceTool === tool);
          const got = ['tokensIn', 'tokensOut', 'cacheRead', 'cacheWrite'].map((k) => rows.reduce((n, x) => n + (x[k as 'tokensIn'] ?? 0), 0));
          const want = files.map((f) => countLog(f.path, tool)).reduce((a, o) => [a[0] + o.tokensIn, a[1] + o.tokensOut, a[2] + o.cacheRead, a[3] + o.cacheWrite], [0, 0, 0, 0]);
          assert.deepEqual(got, want);
        } finally {
          engine.close();
        }
      });
    });
  }
});
