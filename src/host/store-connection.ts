import * as vscode from 'vscode';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { StoreClient } from '../core/store/client';
import type { Settings } from './config';
import type { Log } from './log';

/**
 * Opens this window's connection to the local store in global storage: its own journal (appends from
 * the main thread) and the worker that owns sql.js. Runs after activation returned, so activation
 * stays fast; events recorded meanwhile wait in a DeferredSink.
 */
export async function openStore(context: vscode.ExtensionContext, settings: Settings, windowId: string, log: Log): Promise<StoreClient> {
  const storageDir = context.globalStorageUri.fsPath;
  await mkdir(storageDir, { recursive: true });
  const dist = path.join(context.extensionUri.fsPath, 'dist');
  const started = performance.now();
  const store = await StoreClient.open({
    storageDir,
    windowId,
    workerPath: path.join(dist, 'store-worker.js'),
    wasmPath: path.join(dist, 'sql-wasm.wasm'),
    retentionDays: settings.retentionDays,
    maxDbMb: settings.maxDatabaseMb,
    log,
    onWriterStatus: (status) => {
      if (status.state === 'paused') {
        void vscode.window.showWarningMessage(
          `AI Learning Analytics paused recording: its journal cannot be written (${status.code}: ${status.message}). Nothing recorded so far is lost; recording resumes by itself once writing works again.`,
        );
      } else {
        void vscode.window.showInformationMessage(
          `AI Learning Analytics is recording again${status.dropped > 0 ? ` (${status.dropped} events could not be kept while paused)` : ''}.`,
        );
      }
    },
  });
  log.info(`store: open in ${(performance.now() - started).toFixed(0)} ms at ${storageDir}`);
  if (store.readOnly) {
    void vscode.window.showWarningMessage(
      `AI Learning Analytics opened its data read-only: ${store.readOnly} Nothing was changed or removed; update the extension to record again.`,
    );
  }
  return store;
}
