import { Worker } from 'node:worker_threads';
import type { ImportSummary, StartMessage, ToWorker } from '../../core/importers/import-protocol';
import { isFromWorker } from '../../core/importers/import-protocol';

/** What a run needs from the host (the worker's start message, plus where it is and who listens); built by the controller. */
export interface RunRequest extends Omit<StartMessage, 'type'> {
  workerPath: string;
  onProgress?: (done: number, total: number, path: string) => void;
  /** Resolves when the user cancels; the worker then stops between files. */
  cancel?: { onCancellationRequested(listener: () => void): { dispose(): void } };
}

/**
 * Runs one import in a fresh worker_thread and resolves with its summary. The worker exits after `done`;
 * a crash resolves with an `error` summary instead of rejecting, so callers report it and carry on.
 */
export function runImportWorker(req: RunRequest): Promise<ImportSummary & { error?: string }> {
  return new Promise((resolve) => {
    const worker = new Worker(req.workerPath);
    let settled = false;
    const finish = (summary: ImportSummary, error?: string): void => {
      if (settled) return;
      settled = true;
      cancelSub?.dispose();
      void worker.terminate();
      resolve(error === undefined ? summary : { ...summary, error });
    };
    const empty: ImportSummary = { bySource: {}, files: 0, records: 0, skipped: 0, rejected: 0, cancelled: false, warnings: [] };
    const cancelSub = req.cancel?.onCancellationRequested(() => worker.postMessage({ type: 'cancel' } satisfies ToWorker));
    worker.on('message', (m: unknown) => {
      if (!isFromWorker(m)) return;
      if (m.type === 'progress') req.onProgress?.(m.done, m.total, m.path);
      else finish(m.summary, m.error);
    });
    worker.on('error', (err) => finish(empty, err.stack ?? err.message));
    worker.on('exit', (code) => finish(empty, `import worker exited with code ${code}`));
    const start: StartMessage = {
      type: 'start', roots: req.roots, settings: req.settings, cursors: req.cursors,
      journalDir: req.journalDir, writerId: req.writerId, dryRun: req.dryRun, paths: req.paths, chosen: req.chosen,
    };
    worker.postMessage(start);
  });
}
