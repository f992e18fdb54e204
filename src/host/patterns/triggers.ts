import { existsSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { pathSkipReason } from '../../core/patterns/files';
import type { BuildResult } from '../../core/patterns/protocol';
import type { Log } from '../log';
import { watchNewCommits } from '../git-commits';
import { disposedWhileRunning, type PatternsClient } from './client';
import type { PatternSettings } from './settings';

const SAVE_DEBOUNCE_MS = 1_000;
/** Files of one commit re-extracted at most (a huge merge is left to "Build Pattern Library"). */
const MAX_COMMIT_FILES = 500;
/** The extensions extraction supports, as a `findFiles` glob. */
export const SOURCE_GLOB = '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}';

/** May this file be extracted (supported language, not a test/declaration/node_modules, not excluded)? */
export function extractable(fsPath: string, s: PatternSettings): boolean {
  return pathSkipReason(fsPath, s.extraction.excludeGlobs) === undefined;
}

/** Re-extracts a saved file after `SAVE_DEBOUNCE_MS` without another save of it; the saved text is sent. */
export function watchSaves(client: PatternsClient, settings: () => PatternSettings, log: Log): vscode.Disposable {
  const timers = new Map<string, NodeJS.Timeout>();
  const sub = vscode.workspace.onDidSaveTextDocument((doc) => {
    if (doc.uri.scheme !== 'file' || !extractable(doc.uri.fsPath, settings())) return;
    const key = doc.uri.fsPath;
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => {
      timers.delete(key);
      client.call('updateFile', { path: key, text: doc.getText() }).catch((e: unknown) => {
        if (!disposedWhileRunning(e)) log.error(`patterns: update of ${key} failed`, e);
      });
    }, SAVE_DEBOUNCE_MS));
  });
  return new vscode.Disposable(() => {
    sub.dispose();
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
  });
}

/**
 * New commits (see `watchNewCommits`): the committed supported files are re-extracted with the commit
 * hash; files the commit deleted are marked stale.
 */
export function watchCommits(client: PatternsClient, settings: () => PatternSettings, log: Log): vscode.Disposable {
  return watchNewCommits({
    onNewCommit: async (repo, prev, head) => {
      const s = settings();
      const changes = (await repo.diffBetween(prev, head)).slice(0, MAX_COMMIT_FILES);
      for (const change of changes) {
        const file = change.uri.fsPath;
        if (!extractable(file, s)) continue;
        if (existsSync(file)) await client.call('updateFile', { path: file, commit: head });
        else await client.call('removeFile', { path: file });
      }
    },
  }, log, 'patterns');
}

let nextJob = 1;

/**
 * "Build Pattern Library from Workspace": every supported, non-excluded file outside node_modules,
 * extracted in the worker with a cancellable progress notification; resolves with the worker's summary.
 */
export async function buildFromWorkspace(client: PatternsClient, settings: () => PatternSettings): Promise<BuildResult> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Building the pattern library', cancellable: true },
    async (progress, token) => {
      const uris = await vscode.workspace.findFiles(SOURCE_GLOB, '**/node_modules/**', undefined, token);
      const s = settings();
      const paths = uris.filter((u) => u.scheme === 'file' && extractable(u.fsPath, s)).map((u) => u.fsPath);
      const job = nextJob++;
      let reported = 0;
      const notes = client.onNote((n) => {
        if (n.note !== 'progress' || n.job !== job) return;
        const pct = (n.done / Math.max(1, n.total)) * 100;
        progress.report({ message: `${n.done}/${n.total} ${n.file ? path.basename(n.file) : ''}`, increment: pct - reported });
        reported = pct;
      });
      const cancel = token.onCancellationRequested(() => void client.call('cancel', { job }));
      try {
        if (token.isCancellationRequested) return { files: 0, added: 0, updated: 0, staled: 0, skipped: 0, failed: 0, cancelled: true };
        return await client.call('build', { job, paths });
      } finally {
        notes.dispose();
        cancel.dispose();
      }
    },
  );
}

/** The closing notification's text. */
export function describeBuild(r: BuildResult): string {
  const head = r.cancelled ? 'Pattern library build cancelled' : 'Pattern library built';
  const failed = r.failed ? `, ${r.failed} failed (see the log)` : '';
  return `${head}: ${r.files} files read, ${r.added} patterns added, ${r.updated} updated, ${r.staled} retired, ${r.skipped} files skipped${failed}.`;
}
