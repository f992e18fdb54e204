import * as vscode from 'vscode';
import { BLIND_SPOTS } from '../core/dashboard/blind-spots';
import { WindowStats } from '../core/dashboard/window-stats';
import type { DashboardData } from '../../webview/protocol';
import { affects, readSettings } from './config';
import { DashboardPanels } from './dashboard/panel';
import { collectEdits } from './edit-collector';
import type { Log } from './log';
import { StatusBar } from './status-bar';

export const COMMANDS = {
  showDashboard: 'aiLearning.showDashboard',
} as const;

/** What `activate` returns: read by the host tests, not a public API. */
export interface ExtensionApi {
  activationMs(): number;
  eventsSeen(): number;
  dashboardOpen(): boolean;
  lastDashboardData(): DashboardData | undefined;
  statusBar(): { text: string; tooltip: string; command: string };
}

/**
 * The one object that owns everything the extension creates. Two lifetimes: `disposables` live as
 * long as the extension; `captureDisposables` as long as capture is on (turning capture off disposes
 * them and nothing else).
 */
export class ExtensionOwner implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private captureDisposables: vscode.Disposable[] = [];
  private readonly stats = new WindowStats();
  private readonly statusBar = new StatusBar(COMMANDS.showDashboard);
  private readonly dashboard: DashboardPanels;
  activationMs = 0;

  constructor(context: vscode.ExtensionContext, private readonly log: Log) {
    this.disposables.push(this.statusBar);
    this.dashboard = new DashboardPanels(context.extensionUri, (days) => this.dashboardData(days), log, readSettings().dashboardRangeDays);
    this.disposables.push(this.dashboard);
    this.disposables.push(vscode.commands.registerCommand(COMMANDS.showDashboard, () => this.dashboard.show()));
    this.disposables.push(vscode.workspace.onDidChangeConfiguration((e) => {
      if (affects(e, 'capture')) this.applyCaptureSetting();
    }));
    const stopListening = this.stats.onDidAppend(() => this.onEvent());
    this.disposables.push({ dispose: stopListening });
    this.applyCaptureSetting();
  }

  get api(): ExtensionApi {
    return {
      activationMs: () => this.activationMs,
      eventsSeen: () => this.stats.eventsSeen,
      dashboardOpen: () => this.dashboard.isOpen,
      lastDashboardData: () => this.dashboard.lastData,
      statusBar: () => this.statusBar.snapshot(),
    };
  }

  dispose(): void {
    for (const d of [...this.captureDisposables, ...this.disposables].reverse()) d.dispose();
    this.captureDisposables = [];
  }

  private applyCaptureSetting(): void {
    const on = readSettings().captureEnabled;
    for (const d of this.captureDisposables) d.dispose();
    this.captureDisposables = on ? [collectEdits(this.stats)] : [];
    this.log.info(`capture ${on ? 'on' : 'off'}`);
    this.renderStatus();
  }

  private onEvent(): void {
    this.renderStatus();
    this.dashboard.refresh();
  }

  private renderStatus(): void {
    const capturing = this.captureDisposables.length > 0;
    this.statusBar.update({
      capturing,
      eventsSeen: this.stats.eventsSeen,
      tooltip: [
        `**AI Learning Analytics**: capture ${capturing ? 'on' : 'off'}, ${this.stats.eventsSeen} events in this window.`,
        'Everything stays on this machine. Click to open the dashboard.',
        '',
        '_Cannot be observed:_',
        ...BLIND_SPOTS.slice(0, 2).map((s) => `- ${s}`),
      ].join('\n'),
    });
  }

  private dashboardData(rangeDays: number): Promise<DashboardData> {
    return Promise.resolve({
      generatedTs: Date.now(),
      source: 'window',
      rangeDays,
      captureOn: this.captureDisposables.length > 0,
      textByLanguage: this.stats.textByLanguage(),
      blindSpots: [...BLIND_SPOTS],
    });
  }
}
