import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { dashboardHtml } from '../../core/dashboard/html';
import type { DashboardRange } from '../../core/dashboard/range';
import type { UsageFilter } from '../../core/store/time-cost-queries';
import type { DashboardData } from '../../core/dashboard/dashboard-data';
import type { DashboardViewState, HostToWebview } from '../../../webview/protocol';
import { isViewState, isWebviewToHost } from '../../../webview/protocol';
import type { Log } from '../log';

export const DASHBOARD_VIEW_TYPE = 'aiLearning.dashboard';

/** Computes what the dashboard shows for a range and filter; the panel never holds data of its own. */
export type DashboardDataSource = (range: DashboardRange, filter: UsageFilter) => Promise<DashboardData>;

/**
 * The "Show AI Analytics" panel: one at a time, revealed if open, restored after a reload by the
 * serializer. Data goes to the page only after it posted `ready`, and again on `refresh()`.
 */
export class DashboardPanels implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  /** The `aiLearning.dashboard.defaultRangeDays` setting, shown until the user picks a range on the page. */
  private defaultRange: DashboardRange;
  private picked: DashboardRange | undefined;
  private filter: UsageFilter = {};
  private lastPosted: DashboardData | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly source: DashboardDataSource,
    private readonly log: Log,
    defaultRangeDays: number,
  ) {
    this.defaultRange = { kind: 'days', days: defaultRangeDays };
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(DASHBOARD_VIEW_TYPE, {
        deserializeWebviewPanel: (panel, state: unknown) => {
          this.attach(panel, isViewState(state) ? state : undefined);
          return Promise.resolve();
        },
      }),
    );
  }

  /** Opens the dashboard, or reveals it when it is already open. */
  show(): void {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(DASHBOARD_VIEW_TYPE, 'AI Analytics', vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [this.webviewRoot()],
    });
    this.attach(panel, undefined);
  }

  /** The setting changed: a page where the user has not picked a range follows it. */
  setDefaultRange(days: number): void {
    this.defaultRange = { kind: 'days', days };
    if (this.picked === undefined) this.refresh();
  }

  private get range(): DashboardRange {
    return this.picked ?? this.defaultRange;
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** The data last sent to the page (tests read it; nothing else should). */
  get lastData(): DashboardData | undefined {
    return this.lastPosted;
  }

  /** Something changed: send fresh data, at most every 300 ms. */
  refresh(): void {
    if (!this.panel || !this.ready || this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.post();
    }, 300);
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private attach(panel: vscode.WebviewPanel, state: DashboardViewState | undefined): void {
    this.panel = panel;
    this.ready = false;
    this.picked = state?.range;
    this.filter = state?.filter ?? {};
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.png');
    panel.webview.options = { enableScripts: true, localResourceRoots: [this.webviewRoot()] };
    panel.webview.html = this.html(panel.webview);
    const subscriptions = [
      panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message)),
      panel.onDidChangeViewState(() => {
        if (panel.visible) this.refresh();
      }),
    ];
    panel.onDidDispose(() => {
      for (const s of subscriptions) s.dispose();
      if (this.panel === panel) this.panel = undefined;
      this.ready = false;
    });
  }

  private onMessage(message: unknown): void {
    if (!isWebviewToHost(message)) {
      this.log.warn('dashboard: ignored a message of unknown shape');
      return;
    }
    switch (message.type) {
      case 'ready':
        this.ready = true;
        // Only a range the user picked overrides the setting; a fresh page has none and shows the default.
        this.picked = message.state?.range ?? this.picked;
        this.filter = message.state?.filter ?? this.filter;
        // A reopened page paints what it showed last at once, then the fresh numbers replace it.
        if (this.lastPosted && JSON.stringify(this.lastPosted.range) === JSON.stringify(this.range)
          && JSON.stringify(this.lastPosted.usage?.filter ?? {}) === JSON.stringify(this.filter)) void this.panel?.webview.postMessage({ type: 'data', data: this.lastPosted } satisfies HostToWebview);
        void this.post();
        return;
      case 'setRange':
        this.picked = message.range;
        void this.post();
        return;
      case 'setFilter':
        this.filter = message.filter;
        void this.post();
        return;
      case 'runCommand':
        void vscode.commands.executeCommand(message.command);
        return;
    }
  }

  private async post(): Promise<void> {
    const panel = this.panel;
    if (!panel || !this.ready) return;
    try {
      const data = await this.source(this.range, this.filter);
      const message: HostToWebview = { type: 'data', data };
      if (await panel.webview.postMessage(message)) this.lastPosted = data;
    } catch (error) {
      this.log.error('dashboard: could not compute its data', error);
    }
  }

  private webviewRoot(): vscode.Uri {
    return vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
  }

  private html(webview: vscode.Webview): string {
    const root = this.webviewRoot();
    return dashboardHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'main.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'dashboard.css')).toString(),
      nonce: randomBytes(16).toString('base64'),
    });
  }
}
