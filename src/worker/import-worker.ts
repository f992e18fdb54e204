/**
 * Import worker entry (bundled to `dist/import-worker.js`): parses other tools' logs off the extension
 * host's main thread, streaming line by line, and appends the events to its own journal writer
 * (`import-<windowId>`). Protocol: `src/core/importers/import-protocol.ts` (one `start`, optional `cancel`;
 * `progress` per file, exactly one `done`).
 */
import { parentPort } from 'node:worker_threads';
import { JournalWriter } from '../core/store/journal-writer';
import type { FromWorker, ImportSummary, StartMessage } from '../core/importers/import-protocol';
import { isToWorker } from '../core/importers/import-protocol';
import { runImport } from '../core/importers/run-import';
import type { FileCursor } from '../core/importers/types';
import { importOptionsFor } from '../core/importers/options';

const port = parentPort!;
const post = (m: FromWorker): void => port.postMessage(m);
let cancelled = false;
let started = false;

port.on('message', (msg: unknown) => {
  if (!isToWorker(msg)) return;
  if (msg.type === 'cancel') {
    cancelled = true;
    return;
  }
  if (started) return;
  started = true;
  void run(msg);
});

async function run(msg: StartMessage): Promise<void> {
  const empty: ImportSummary = { bySource: {}, files: 0, records: 0, skipped: 0, rejected: 0, cancelled: false, warnings: [] };
  const writer = msg.dryRun === true ? undefined : JournalWriter.open({ dir: msg.journalDir, writerId: msg.writerId });
  try {
    const summary = await runImport({
      roots: msg.roots,
      sources: new Set(msg.settings.sources),
      cursors: new Map<string, FileCursor>(msg.cursors.map((c) => [c.fileKey, c])),
      options: importOptionsFor(msg.settings),
      sink: writer ?? { append: () => undefined },
      paths: msg.paths,
      chosen: msg.chosen,
      dryRun: msg.dryRun,
      cancelled: () => cancelled,
      onProgress: (done, total, r) => post({ type: 'progress', done, total, path: r.path, records: r.records }),
    });
    await writer?.close();
    post({ type: 'done', summary });
  } catch (err) {
    await writer?.close().catch(() => undefined);
    post({ type: 'done', summary: { ...empty, cancelled }, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
}
