import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { CaptureConfig } from '../core/capture/types';
import { captureStatus } from '../core/capture/status';
import { WindowStats } from '../core/dashboard/window-stats';
import { dayStartTs, localDay } from '../core/model/day';
import type { StoreClient } from '../core/store/client';
import type { DataLocations } from '../core/store/data-files';
import { DeferredSink } from '../core/util/deferred-sink';
import type { DashboardData } from '../core/dashboard/dashboard-data';
import { affects, readSettings } from './config';
import { dashboardData } from '../core/dashboard/data';
import { DashboardPanels } from './dashboard/panel';
import { CAPTURE_STATE_CONTEXT, registerCaptureCommands } from './capture/inline-keys';
import { readCaptureConfig } from './capture/settings';
import { startCapture } from './capture/start';
import type { CaptureHandle } from './capture/start';
import type { Log } from './log';
import { generateSessionReport } from './report-command';
import { rateAiAssistance } from './feedback';
import type { HistoryView } from './importers/history-view';
import { mcpServerDefinition, registerMcpServer } from './mcp/mcp-provider';
import type { StdioServerDefinition } from './mcp/mcp-provider';
import { ImportController } from './importers/import-controller';
import { startPatterns } from './patterns/start';
import type { PatternsHandle } from './patterns/start';
import { deleteAllData, exportLearningData } from './store/commands';
import { disableAllSources, enabledSourceLabels } from './importers/import-settings';
import type { StoreCommandUi } from './store/commands';
import { vscodeStoreUi } from './store/ui';
import { StatusBar } from './status-bar';
import { openStore } from './store-connection';
import { TeamSync } from './team/team-sync';
import type { TeamView } from '../core/team/team-view';
import { openProjectNames } from './dashboard/project-names';
import { startChat, type ChatHandle } from './chat/start';

export const COMMANDS = {
  showDashboard: 'aiLearning.showDashboard',
  rateAssistance: 'aiLearning.rateAssistance',
  sessionReport: 'aiLearning.generateSessionReport',
  exportData: 'aiLearning.exportData',
  deleteAllData: 'aiLearning.deleteAllData',
} as const;

/** What `activate` returns: read by the host tests, not a public API. */
export interface ExtensionApi {
  activationMs(): number;
  eventsSeen(): number;
  dashboardOpen(): boolean;
  lastDashboardData(): DashboardData | undefined;
  statusBar(): { text: string; tooltip: string; command: string };
  /** Resolves once the store is open (undefined if it could not be opened). */
  store(): Promise<StoreClient | undefined>;
  /** The pattern library, once started (after the store opened). */
  patterns(): PatternsHandle | undefined;
  /** The running capture, undefined while capture is turned off. */
  capture(): CaptureHandle | undefined;
  /** "Delete All Data" with the given confirmation UI (tests answer the modal themselves); true when deleted. */
  deleteAllData(ui: StoreCommandUi): Promise<boolean>;
  /** The MCP server as offered to VS Code's agents, and whether this VS Code took it (1.101 or newer). */
  mcpServer(): { registered: boolean; definition: StdioServerDefinition };
  /** The "AI History" view (tests drop files on it through its controller). */
  historyView(): HistoryView;
  /** Where the extension writes (tests check that Delete All Data leaves nothing there). */
  dataLocations(): DataLocations;
  /** The Team tab's data (undefined while team figures are off), and the URL set as the command would. */
  teamView(): TeamView | undefined;
  setTeamUrl(url: string): Promise<void>;
  /** The chat participant and the language model tool. */
  chat(): ChatHandle;
}

/**
 * The one object that owns everything the extension creates. Two lifetimes: `disposables` live as
 * long as the extension; `capture` as long as capture is turned on (turning it off disposes every
 * listener of capture and nothing else).
 */
export class ExtensionOwner implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private capture: CaptureHandle | undefined;
  private readonly pending = new DeferredSink();
  private readonly stats = new WindowStats(this.pending);
  private readonly statusBar = new StatusBar(COMMANDS.showDashboard);
  private readonly dashboard: DashboardPanels;
  private readonly storeOpening: Promise<StoreClient | undefined>;
  private store: StoreClient | undefined;
  private readonly importer: ImportController;
  private readonly mcp: { registered: boolean; definition: StdioServerDefinition };
  private patterns: PatternsHandle | undefined;
  private readonly team: TeamSync;
  private readonly chat: ChatHandle;
  /** Names this window's journals (its own and its importer's). */
  readonly windowId = `w${process.pid}-${randomBytes(3).toString('hex')}`;
  private statusTimer: NodeJS.Timeout | undefined;
  private disposed = false;
  /** Where Delete All Data looks for the files we wrote besides the store's (`dataFiles`). */
  private readonly dataLocations: DataLocations;
  activationMs = 0;

  constructor(context: vscode.ExtensionContext, private readonly log: Log) {
    const settings = readSettings();
    this.dataLocations = {
      globalStorageDir: context.globalStorageUri.fsPath, extensionId: context.extension.id,
      workspaceStorageRoot: context.storageUri ? path.resolve(context.storageUri.fsPath, '..', '..') : undefined,
    };
    this.disposables.push(this.statusBar);
    this.dashboard = new DashboardPanels(
      context.extensionUri,
      async (range, filter) => ({ ...(await dashboardData(range, this.capturing, this.store, this.stats, { filter, projectNames: openProjectNames() })), team: this.team.view() }),
      log,
      settings.dashboardRangeDays,
    );
    this.disposables.push(this.dashboard);
    this.team = new TeamSync(context, () => this.store, log, () => this.dashboard.refresh());
    this.disposables.push(this.team);
    this.disposables.push(
      vscode.commands.registerCommand(COMMANDS.showDashboard, () => this.dashboard.show()),
      vscode.commands.registerCommand(COMMANDS.rateAssistance, () => rateAiAssistance(this.stats)),
      vscode.commands.registerCommand(COMMANDS.sessionReport, () => generateSessionReport(this.store, this.stats, this.capturing)),
      vscode.commands.registerCommand(COMMANDS.exportData, () => this.withStore((s) => exportLearningData(s, vscodeStoreUi()))),
      vscode.commands.registerCommand(COMMANDS.deleteAllData, () => this.deleteAll(vscodeStoreUi())),
    );
    this.importer = new ImportController(context, () => this.store, log, this.windowId);
    this.mcp = {
      registered: registerMcpServer(context, log),
      definition: mcpServerDefinition(context.extensionUri.fsPath, context.globalStorageUri.fsPath),
    };
    this.disposables.push(this.importer);
    this.chat = startChat({
      searchPatterns: (a) => (this.patterns ? this.patterns.call('search', a) : Promise.reject(new Error('the pattern library has not started'))),
      store: () => this.store, sink: this.stats, onEvents: (l) => this.stats.onDidAppend(l), memento: context.globalState, log,
      answeredWithCode: (hashes) => this.capture?.engine.expectChatAnswer(hashes),
    });
    this.disposables.push(this.chat);
    this.disposables.push(registerCaptureCommands(() => this.capture));
    this.disposables.push(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('aiLearning.capture.enabled')) this.applyCaptureSetting(context);
      else if (affects(e, 'capture')) this.capture?.reloadConfig();
      if (affects(e, 'dashboard')) this.dashboard.setDefaultRange(readSettings().dashboardRangeDays);
      if (affects(e, 'storage')) void vscode.window.showInformationMessage('AI Learning Analytics: storage settings apply after a window reload.');
    }));
    const stopListening = this.stats.onDidAppend(() => this.onEvent());
    this.disposables.push({ dispose: stopListening });
    this.applyCaptureSetting(context);
    this.storeOpening = this.connectStore(context);
  }

  get api(): ExtensionApi {
    return {
      activationMs: () => this.activationMs,
      eventsSeen: () => this.stats.eventsSeen,
      dashboardOpen: () => this.dashboard.isOpen,
      lastDashboardData: () => this.dashboard.lastData,
      statusBar: () => this.statusBar.snapshot(),
      store: () => this.storeOpening,
      patterns: () => this.patterns,
      capture: () => this.capture,
      deleteAllData: (ui) => this.deleteAll(ui),
      historyView: () => this.importer.history,
      mcpServer: () => this.mcp,
      dataLocations: () => this.dataLocations,
      teamView: () => this.team.view(),
      setTeamUrl: (url) => this.team.setUrl(url),
      chat: () => this.chat,
    };
  }

  /** What `deactivate()` returns: the journal flushed and, for the snapshot owner, a final snapshot. */
  async close(): Promise<void> {
    this.dispose();
    const store = await this.storeOpening;
    await store?.close();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.statusTimer);
    this.capture?.dispose();
    this.capture = undefined;
    for (const d of [...this.disposables].reverse()) d.dispose();
  }

  /** Runs a store command, or says plainly that the store is not open. */
  private async withStore(run: (store: StoreClient) => Promise<unknown>): Promise<void> {
    const store = this.store ?? (await this.storeOpening);
    if (!store) {
      void vscode.window.showErrorMessage('AI Learning Analytics: the local store is not open (see the "AI Learning Analytics" output).');
      return;
    }
    await run(store);
    this.dashboard.refresh();
  }

  /**
   * "Delete All Data", then every view drops the deleted figures at once: the status bar is recomputed
   * (not after its 2 s throttle), the pattern library reloads from the now empty store, the page refreshes.
   */
  private async deleteAll(ui: StoreCommandUi): Promise<boolean> {
    let deleted = false;
    await this.withStore(async (s) => {
      deleted = await deleteAllData(s, ui, {
        locations: this.dataLocations,
        importers: { enabled: enabledSourceLabels, turnAllOff: disableAllSources },
        forget: () => this.capture?.forgetSurvival(),
      });
    });
    if (!deleted) return false;
    await this.afterDelete();
    return true;
  }

  /**
   * After Delete All Data, here or in another window (the store worker followed it): survival tracking held
   * in memory goes (it would be saved back), the status bar is recomputed at once, the pattern library reloads.
   */
  private async afterDelete(): Promise<void> {
    this.capture?.forgetSurvival();
    clearTimeout(this.statusTimer);
    this.statusTimer = undefined;
    this.scheduleStatus();
    await this.patterns?.reload().catch((error: unknown) => this.log.error('patterns: reload after Delete All Data failed', error));
  }

  private get capturing(): boolean {
    return this.capture !== undefined && !this.capture.paused;
  }

  private async connectStore(context: vscode.ExtensionContext): Promise<StoreClient | undefined> {
    try {
      const store = await openStore(context, readSettings(), this.windowId, this.log);
      if (this.disposed) {
        await store.close();
        return undefined;
      }
      this.store = store;
      this.pending.attach(store);
      this.disposables.push(store.onDidChange(() => this.onStoreChanged()));
      this.disposables.push(store.onDidDeleteElsewhere(() => void this.afterDelete()));
      this.onStoreChanged();
      void this.importer.start().catch((error: unknown) => this.log.error('import: startup scan failed', error));
      this.startPatternLibrary(context, store);
      return store;
    } catch (error) {
      this.log.error('store: could not be opened; this window records in memory only', error);
      void vscode.window.showErrorMessage(
        'AI Learning Analytics could not open its local store; this window records in memory only. See the "AI Learning Analytics" output for details.',
      );
      return undefined;
    }
  }

  /** The pattern worker starts once the store can give it the library (never during activation). */
  private startPatternLibrary(context: vscode.ExtensionContext, store: StoreClient): void {
    this.patterns = startPatterns({
      extensionPath: context.extensionPath,
      storageDir: context.globalStorageUri.fsPath,
      sink: this.stats,
      queryPatterns: () => store.query('patterns', {}),
      log: this.log,
      memento: context.globalState,
      capture: { expectPatternInsertion: (uri, text, id) => this.capture?.expectPatternInsertion(uri, text, id) },
    });
    this.disposables.push(this.patterns);
  }

  /** Starts or stops capture to match `aiLearning.capture.enabled`. */
  private applyCaptureSetting(context: vscode.ExtensionContext): void {
    const on = readSettings().captureEnabled;
    if (on === (this.capture !== undefined)) return;
    if (on) {
      // Survival tracking is saved per workspace: one shared file would be overwritten by each window.
      const storageDir = (context.storageUri ?? context.globalStorageUri).fsPath;
      // VS Code's own files (settings.json, keybindings, snippets, chat session logs) are not the developer's code.
      const userDirGlob = `${path.resolve(context.globalStorageUri.fsPath, '..', '..').replace(/\\/g, '/')}/**`;
      const config = (): CaptureConfig => {
        const c = readCaptureConfig();
        return { ...c, excludeGlobs: [...c.excludeGlobs, userDirGlob] };
      };
      this.capture = startCapture({ sink: this.stats, log: this.log, storageDir, config });
      this.capture.onDidChangeState(() => {
        this.scheduleStatus();
        this.publishCaptureState();
      });
    } else {
      this.capture?.dispose();
      this.capture = undefined;
    }
    this.log.info(`capture ${on ? 'on' : 'off'}`);
    this.scheduleStatus();
    this.publishCaptureState();
  }

  private publishCaptureState(): void {
    const state = !this.capture ? 'off' : this.capture.paused ? 'paused' : 'recording';
    void vscode.commands.executeCommand('setContext', CAPTURE_STATE_CONTEXT, state);
  }

  private onEvent(): void {
    this.scheduleStatus();
    if (!this.store) this.dashboard.refresh();
  }

  private onStoreChanged(): void {
    this.scheduleStatus();
    this.dashboard.refresh();
    this.importer.history.refresh();
  }

  /** Status bar figures come from the store's today summary: at most one query every 2 s. */
  private scheduleStatus(): void {
    if (this.statusTimer) return;
    void this.renderStatus();
    this.statusTimer = setTimeout(() => {
      this.statusTimer = undefined;
      void this.renderStatus();
    }, 2000);
  }

  private async renderStatus(): Promise<void> {
    let today;
    try {
      today = await this.store?.query('todaySummary', { dayStartTs: dayStartTs(localDay(Date.now())) });
    } catch (error) {
      this.log.error('status: today summary failed', error);
    }
    if (this.disposed) return;
    // The running session's active time is only in capture until the session ends and reaches the store.
    const figures = today && { ...today, activeMs: today.activeMs + (this.capture?.engine.sessionActiveMs() ?? 0) };
    const status = captureStatus(!this.capture ? 'off' : this.capture.paused ? 'paused' : 'recording', figures);
    this.statusBar.update({
      capturing: this.capturing,
      eventsSeen: this.stats.eventsSeen,
      text: status.text,
      tooltip: `${status.tooltip}\n\n${this.stats.eventsSeen} events recorded in this window. Everything stays on this machine; click to open the dashboard.`,
    });
  }
}
