import * as vscode from 'vscode';
import { homedir } from 'node:os';
import path from 'node:path';
import { watchPatterns } from '../../core/importers/discovery';
import type { DiscoveryRoots } from '../../core/importers/discovery';
import type { ImportSummary } from '../../core/importers/import-protocol';
import type { FileCursor, ImportSource } from '../../core/importers/types';
import type { StoreClient } from '../../core/store/client';
import { DEFAULT_IMPORT_OPTIONS } from '../../core/importers/types';
import { journalDir } from '../../core/store/segments';
import { count } from '../../core/util/words';
import type { Log } from '../log';
import { IMPORTERS_SECTION, SOURCE_LABELS, disableSource, readImporterSettings } from './import-settings';
import { describeSummary } from '../../core/importers/summary-text';
import { runImportWorker } from './import-runner';
import { HistoryView } from './history-view';
import { PendingReads } from '../../core/importers/pending-reads';
import type { HistoryRow } from '../../core/importers/history-rows';
import type { RunRequest } from './import-runner';

export const IMPORT_COMMAND = 'aiLearning.importChatHistory';
export const IMPORT_FILE_COMMAND = 'aiLearning.importChatFile';
export const TURN_OFF_IMPORTER_COMMAND = 'aiLearning.turnOffImporter';
const FIRST_RUN_KEY = 'aiLearning.importers.firstRunNoticeShown';
const WATCH_DEBOUNCE_MS = 5_000;
/** A file still being written is read again this long after it turned quiet, at most this many times. */
const PENDING_SLACK_MS = 5_000;
const PENDING_RETRIES = 5;

/**
 * Owns the importers on the host side: the "Import AI Chat History" command (cancellable progress,
 * summary at the end), the startup scan, debounced file watchers on the known locations, a second read
 * of files still being written, and the one-time first-run notice. All parsing happens in the import worker; this class only wires.
 */
export class ImportController implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private watchers: vscode.Disposable[] = [];
  private running: Promise<unknown> = Promise.resolve();
  private readonly pending = new PendingReads(PENDING_RETRIES);
  private debounce: NodeJS.Timeout | undefined;
  private pendingTimer: NodeJS.Timeout | undefined;
  /** The "AI History" view: per-tool totals, and where exported chats are dropped to be imported. */
  readonly history: HistoryView;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly store: () => StoreClient | undefined,
    private readonly log: Log,
    private readonly windowId: string,
  ) {
    this.disposables.push(vscode.commands.registerCommand(IMPORT_COMMAND, () => this.importNow()));
    this.disposables.push(vscode.commands.registerCommand(IMPORT_FILE_COMMAND, (uri?: vscode.Uri, uris?: vscode.Uri[]) => this.importChosen(uris ?? (uri !== undefined ? [uri] : undefined))));
    this.disposables.push(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(IMPORTERS_SECTION)) this.resetWatchers();
    }));
    this.history = new HistoryView(store, (uris) => this.importChosen(uris), log);
    this.disposables.push(this.history);
    this.disposables.push(vscode.commands.registerCommand(TURN_OFF_IMPORTER_COMMAND, (row?: HistoryRow) => this.turnOff(row)));
  }

  /** "Stop Importing This Tool" on a row of the AI History view: its importer setting off; what was imported stays. */
  private async turnOff(row: HistoryRow | undefined): Promise<void> {
    if (row?.source === undefined) return;
    await disableSource(row.source);
    void vscode.window.showInformationMessage(`AI Learning Analytics: ${SOURCE_LABELS[row.source]} logs will not be imported any more (aiLearning.importers.${row.source}). What was imported stays in your store.`);
  }

  /**
   * Startup: watchers first (nothing waits for a notice), then the quiet scan; on the first run a notice
   * says what was found and offers to turn a source off, without holding anything up.
   */
  async start(): Promise<void> {
    this.resetWatchers();
    const firstRun = this.context.globalState.get<boolean>(FIRST_RUN_KEY) !== true;
    const scan = readImporterSettings().scanOnStartup;
    if (!firstRun && !scan) return;
    // With the startup scan turned off, the first run only looks (a dry run) so the notice can say what is there.
    const summary = await this.queue(() => this.run({ quiet: true, dryRun: !scan }));
    if (firstRun) {
      await this.context.globalState.update(FIRST_RUN_KEY, true);
      void this.firstRunNotice(summary, !scan).catch((error: unknown) => this.log.error('import: first-run notice failed', error));
    }
  }

  /**
   * "Import AI Chat File...": files or folders from a picker (or the Explorer's context menu), e.g. a Copilot
   * "Export Session JSON" file; the worker tells their formats apart.
   */
  async importChosen(given?: vscode.Uri[]): Promise<ImportSummary | undefined> {
    const picked = given ?? await vscode.window.showOpenDialog({ canSelectFiles: true, canSelectFolders: true, canSelectMany: true, openLabel: 'Import', title: 'Import AI chat files or folders' });
    const chosen = (picked ?? []).filter((u) => u.scheme === 'file').map((u) => u.fsPath);
    if (chosen.length === 0) return undefined;
    return this.importNow(chosen);
  }

  /** The command: run every enabled importer now (or the chosen files) with a cancellable progress notification. */
  async importNow(chosen?: string[]): Promise<ImportSummary | undefined> {
    return this.queue(() =>
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Importing AI chat history', cancellable: true },
        async (progress, token) => {
          const summary = await this.run({
            quiet: false,
            chosen,
            cancel: token,
            onProgress: (done, total, file) => progress.report({ message: `${done}/${total} ${path.basename(file)}`, increment: 100 / Math.max(total, 1) }),
          });
          if (summary !== undefined) void vscode.window.showInformationMessage(describeSummary(summary, SOURCE_LABELS));
          return summary;
        },
      ),
    );
  }

  /** Informs (what was imported, from where, that it stays local) and offers "Turn off" per source. */
  private async firstRunNotice(summary: ImportSummary | undefined, onlyLooked: boolean): Promise<void> {
    const found = Object.entries(summary?.bySource ?? {}).filter(([, s]) => s.files > 0) as [ImportSource, { files: number; records: number }][];
    if (found.length === 0) return;
    const list = found.map(([src, s]) => `${SOURCE_LABELS[src]} (${onlyLooked ? '' : `${count(s.records, 'record')} from `}${count(s.files, 'file')})`).join(', ');
    const choices = [...(onlyLooked ? ['Import now'] : []), ...found.map(([src]) => `Turn off ${SOURCE_LABELS[src]}`)];
    const pick = await vscode.window.showInformationMessage(
      onlyLooked
        ? `AI Learning Analytics found local AI chat logs: ${list}. "Import AI Chat History" reads them, on this machine only.`
        : `AI Learning Analytics imported your local AI chat logs: ${list}. They are read on this machine only, kept in your local store, and followed as they grow.`,
      ...choices,
    );
    if (pick === 'Import now') await this.importNow();
    const off = found.find(([src]) => pick === `Turn off ${SOURCE_LABELS[src]}`);
    if (off !== undefined) await disableSource(off[0]);
  }

  /**
   * Files read only in part because they were still being written are read again once quiet: the
   * watcher already fired for the last write (and a chosen file has no watcher), so nothing else would bring them back.
   */
  private retryPending(pending: readonly string[], wasChosen: boolean): void {
    if (!this.pending.unfinished(pending, wasChosen)) return;
    clearTimeout(this.pendingTimer);
    const quietMs = readImporterSettings().import.quietMs ?? DEFAULT_IMPORT_OPTIONS.quietMs;
    this.pendingTimer = setTimeout(() => this.flushChanged(), quietMs + PENDING_SLACK_MS);
  }

  private async run(opts: { quiet: boolean; dryRun?: boolean; paths?: string[]; chosen?: string[]; cancel?: vscode.CancellationToken; onProgress?: RunRequest['onProgress'] }): Promise<ImportSummary | undefined> {
    const store = this.store();
    if (store === undefined) {
      if (!opts.quiet) void vscode.window.showWarningMessage('AI Learning Analytics: the local store is not open, nothing was imported.');
      return undefined;
    }
    const settings = readImporterSettings();
    const rows = await store.query('importCursors', {});
    const cursors: FileCursor[] = rows.map((r) => ({ fileKey: r.fileKey, size: r.size, mtimeMs: r.mtimeMs, offset: r.offset, ...(r.lastRecordId !== null ? { lastRecordId: r.lastRecordId } : {}) }));
    const summary = await runImportWorker({
      workerPath: path.join(this.context.extensionUri.fsPath, 'dist', 'import-worker.js'),
      roots: this.roots(settings.allWorkspaces),
      settings: settings.import,
      cursors,
      journalDir: journalDir(this.context.globalStorageUri.fsPath),
      writerId: `import-${this.windowId}`,
      dryRun: opts.dryRun,
      paths: opts.paths,
      chosen: opts.chosen,
      cancel: opts.cancel,
      onProgress: opts.onProgress,
    });
    if (summary.error !== undefined) this.log.error('import failed', summary.error);
    for (const w of summary.warnings) this.log.warn(`import: ${w}`);
    if (!opts.dryRun) this.log.info(`import: ${describeSummary(summary, SOURCE_LABELS)}`);
    if (!opts.dryRun && !summary.cancelled) this.retryPending(summary.pending ?? [], opts.chosen !== undefined);
    if (!opts.dryRun) this.history.refresh();
    return summary;
  }

  /** Known locations for this window: see research 2.5 for why the parent of storageUri. */
  private roots(allWorkspaces: boolean): DiscoveryRoots {
    const storage = this.context.storageUri?.fsPath;
    const userDir = path.resolve(this.context.globalStorageUri.fsPath, '..', '..');
    return {
      homeDir: homedir(),
      workspaceStorageDir: storage !== undefined ? path.dirname(storage) : undefined,
      globalStorageDir: path.join(userDir, 'globalStorage'),
      allWorkspacesDir: allWorkspaces ? path.join(userDir, 'workspaceStorage') : undefined,
      workspaceFolders: (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath),
      codexHome: process.env.CODEX_HOME,
      claudeConfigDir: process.env.CLAUDE_CONFIG_DIR,
      copilotHome: process.env.COPILOT_HOME,
      dataHome: process.env.XDG_DATA_HOME,
      localAppData: process.env.LOCALAPPDATA,
      appDataDir: process.env.APPDATA,
      geminiCliHome: process.env.GEMINI_CLI_HOME,
      opencodeDataDir: process.env.OPENCODE_DATA_DIR,
      kiroHome: process.env.KIRO_HOME,
      copilotOtelFile: process.env.COPILOT_OTEL_FILE_EXPORTER_PATH,
    };
  }

  /** One watcher per known directory (non-recursive patterns, allowed outside the workspace). */
  private resetWatchers(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    const settings = readImporterSettings();
    if (!settings.watch) return;
    const globs = watchPatterns(this.roots(settings.allWorkspaces), new Set(settings.import.sources));
    for (const [dir, glob] of globs) {
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dir), glob), false, false, true);
      w.onDidCreate((u) => this.changed(u), undefined, this.watchers);
      w.onDidChange((u) => this.changed(u), undefined, this.watchers);
      this.watchers.push(w);
    }
  }

  private changed(uri: vscode.Uri): void {
    this.pending.changed(uri.fsPath);
    if (this.debounce !== undefined) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => this.flushChanged(), WATCH_DEBOUNCE_MS);
  }

  private flushChanged(): void {
    clearTimeout(this.debounce);
    this.debounce = undefined;
    const { watched, chosen } = this.pending.take();
    if (watched.length > 0) void this.queue(() => this.run({ quiet: true, paths: watched }));
    if (chosen.length > 0) void this.queue(() => this.run({ quiet: true, chosen }));
  }

  /** Runs never overlap: two workers on one file would both read it from the same cursor. */
  private queue<T>(job: () => Thenable<T> | Promise<T>): Promise<T> {
    const next = this.running.then(() => job());
    this.running = next.then(() => undefined, (err: unknown) => this.log.error('import', err));
    return next;
  }

  dispose(): void {
    if (this.debounce !== undefined) clearTimeout(this.debounce);
    clearTimeout(this.pendingTimer);
    for (const d of [...this.watchers, ...this.disposables]) d.dispose();
  }
}
