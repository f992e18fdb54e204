import * as vscode from 'vscode';
import type { PlaceholderPlan } from '../../core/patterns/placeholders';

/** Scheme of the proposed documents the diff preview shows (read-only, served from memory). */
export const PREVIEW_SCHEME = 'ai-learning-preview';
/** Set while a preview waits for Insert or Cancel (the editor title buttons and the palette entries use it). */
export const PREVIEW_CONTEXT = 'aiLearning.patternPreviewOpen';

/** One insertion waiting for the user's answer. */
interface Pending {
  uri: vscode.Uri;
  settle: (insert: boolean) => void;
}

/**
 * The insertion preview: `confirm()` opens a diff of the document against the document with the pattern
 * inserted, and resolves true on Insert (the ✓ in the editor title, or the accept command), false on
 * Cancel, on closing the diff, or when another preview replaces it. One preview at a time.
 */
export class InsertionPreview implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly subs: vscode.Disposable[];
  private pending: Pending | undefined;
  private seq = 0;
  readonly onDidChange = this.changed.event;

  /** `scheme`: tests use their own, beside the extension's registration. */
  constructor(private readonly scheme = PREVIEW_SCHEME) {
    this.subs = [
      vscode.workspace.registerTextDocumentContentProvider(scheme, this),
      // Closing the diff is a "no".
      vscode.window.tabGroups.onDidChangeTabs((e) => {
        const p = this.pending;
        if (p && e.closed.some((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === p.uri.toString())) this.settle(false);
      }),
    ];
  }

  provideTextDocumentContent(uri: vscode.Uri): string | undefined {
    return this.texts.get(uri.toString());
  }

  /** Whether a preview waits for an answer. */
  get open(): boolean {
    return this.pending !== undefined;
  }

  /** Shows `proposed` (the whole document after the insertion) beside `doc` and waits for the answer. */
  async confirm(doc: vscode.TextDocument, proposed: string, title: string, message: string): Promise<boolean> {
    this.settle(false);
    const base = doc.uri.path.split('/').pop() ?? 'untitled';
    const uri = vscode.Uri.from({ scheme: this.scheme, path: `/${base}`, query: `n=${++this.seq}` });
    this.texts.set(uri.toString(), proposed);
    const answer = new Promise<boolean>((resolve) => {
      this.pending = { uri, settle: resolve };
    });
    await vscode.commands.executeCommand('setContext', PREVIEW_CONTEXT, true);
    await vscode.commands.executeCommand('vscode.diff', doc.uri, uri, title, { preview: true });
    // A notification that says what to do, and goes away by itself once the preview is answered.
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: message, cancellable: true }, (_p, token) => {
      token.onCancellationRequested(() => this.settle(false));
      return answer;
    });
    const insert = await answer;
    this.texts.delete(uri.toString());
    await this.closeDiff(uri);
    return insert;
  }

  /** Answers the open preview; false when there is none. */
  settle(insert: boolean): boolean {
    const p = this.pending;
    if (!p) return false;
    this.pending = undefined;
    void vscode.commands.executeCommand('setContext', PREVIEW_CONTEXT, false);
    p.settle(insert);
    return true;
  }

  dispose(): void {
    this.settle(false);
    for (const s of this.subs) s.dispose();
    this.changed.dispose();
  }

  private async closeDiff(uri: vscode.Uri): Promise<void> {
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === uri.toString());
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
  }
}

/** The snippet of `text` whose planned names are placeholders: one index per name, so its occurrences mirror. */
export function snippetOf(text: string, plan: PlaceholderPlan): vscode.SnippetString {
  const snippet = new vscode.SnippetString();
  let at = 0;
  for (const s of plan.spans) {
    if (s.start < at) continue;
    snippet.appendText(text.slice(at, s.start));
    snippet.appendPlaceholder(s.name, plan.names.indexOf(s.name) + 1);
    at = s.end;
  }
  return snippet.appendText(text.slice(at));
}

/** What the preview's title and notification say: the pattern, and the names one Tab cycle renames. */
export function previewWording(name: string, plan: PlaceholderPlan): { title: string; message: string } {
  const rename = plan.names.length ? ` · rename ${plan.names.join(', ')}` : '';
  const names = plan.names.length === 1 ? '1 name' : `${plan.names.length} names`;
  const message = plan.names.length
    ? `Insert "${name}"? ${names} that do not exist here (${plan.names.join(', ')}) will be selected for renaming: type, then Tab.`
    : `Insert "${name}"? Every name it uses exists here.`;
  return { title: `Insert pattern "${name}"${rename}`, message: `${message} Use ✓ in the editor title to insert.` };
}

/** The indentation VS Code's snippet insertion adds to every line after the first (its `adjustWhitespace`). */
export function indentLikeSnippet(text: string, lineIndent: string): string {
  return text.split('\n').map((l, i) => (i === 0 ? l : lineIndent + l)).join('\n');
}
