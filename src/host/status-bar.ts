import * as vscode from 'vscode';

/** What the status bar item shows; computed elsewhere, rendered here. */
export interface StatusView {
  capturing: boolean;
  eventsSeen: number;
  /** The item's text (codicons allowed). */
  text: string;
  /** Markdown tooltip lines (what is recorded, what cannot be seen). */
  tooltip: string;
}

/** The "AI Learning" status bar item: capture state at a glance; a click opens the dashboard. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('aiLearning.status', vscode.StatusBarAlignment.Right, 100);
  private pending: StatusView | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(openCommand: string) {
    this.item.name = 'AI Learning Analytics';
    this.item.command = openCommand;
    this.item.show();
  }

  /** Renders now the first time, then at most twice a second (never per keystroke). */
  update(view: StatusView): void {
    this.pending = view;
    if (this.timer) return;
    this.render();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.render();
    }, 500);
  }

  /** What the item shows now (for tests; the status bar has no read API). */
  snapshot(): { text: string; tooltip: string; command: string } {
    const tooltip = this.item.tooltip;
    return {
      text: this.item.text,
      tooltip: typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? ''),
      command: typeof this.item.command === 'string' ? this.item.command : (this.item.command?.command ?? ''),
    };
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.item.dispose();
  }

  private render(): void {
    const v = this.pending;
    if (!v) return;
    this.item.text = v.text;
    this.item.tooltip = new vscode.MarkdownString(v.tooltip);
    this.item.accessibilityInformation = {
      label: `AI Learning Analytics: capture ${v.capturing ? 'on' : 'off'}, ${v.eventsSeen} events in this window`,
    };
  }
}
