import * as vscode from 'vscode';
import { historyRows } from '../../core/importers/history-rows';
import type { HistoryRow } from '../../core/importers/history-rows';
import { localDay } from '../../core/model/day';
import type { StoreClient } from '../../core/store/client';
import type { Log } from '../log';

export const HISTORY_VIEW_ID = 'aiLearning.history';
/** Context value of a tool row (package.json menus match it). */
export const HISTORY_ITEM_CONTEXT = 'aiLearning.historyTool';
const URI_LIST = 'text/uri-list';

/**
 * The "AI History" view: one row per AI tool with what the store holds from it (requests, files read, cost), and the
 * place to drop exported chats or log folders onto (the export of "Chat: Export Session JSON" lives in no known
 * folder). A drop hands the files to `importFiles`, the same path as "Import AI Chat File...".
 */
export class HistoryView implements vscode.TreeDataProvider<HistoryRow>, vscode.TreeDragAndDropController<HistoryRow>, vscode.Disposable {
  readonly dropMimeTypes = [URI_LIST, 'files'];
  readonly dragMimeTypes: readonly string[] = [];
  private readonly changed = new vscode.EventEmitter<HistoryRow | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<HistoryRow>;

  constructor(
    private readonly store: () => StoreClient | undefined,
    private readonly importFiles: (uris: vscode.Uri[]) => Promise<unknown>,
    private readonly log: Log,
  ) {
    this.view = vscode.window.createTreeView(HISTORY_VIEW_ID, { treeDataProvider: this, dragAndDropController: this, showCollapseAll: false });
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(node?: HistoryRow): Promise<HistoryRow[]> {
    if (node !== undefined) return [];
    const store = this.store();
    if (store === undefined) return [];
    try {
      const [cursors, tokens] = await Promise.all([
        store.query('importCursors', {}),
        store.query('tokensByModel', { fromDay: 0, toDay: localDay(Date.now()) + 1 }),
      ]);
      const rows = historyRows(cursors, tokens);
      this.view.message = rows.length > 0 ? 'Drop exported chats or log folders here to import them.' : undefined;
      return rows;
    } catch (error) {
      this.log.error('AI History view', error);
      return [];
    }
  }

  getTreeItem(row: HistoryRow): vscode.TreeItem {
    const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
    item.description = row.description;
    item.contextValue = row.source !== undefined ? `${HISTORY_ITEM_CONTEXT}.importable` : HISTORY_ITEM_CONTEXT;
    const lastRead = row.lastReadTs !== undefined ? `Last read ${new Date(row.lastReadTs).toLocaleString()}.` : 'Recorded in this editor, no log file.';
    item.tooltip = new vscode.MarkdownString(`**${row.label}**: ${row.description}, ${row.tokens.toLocaleString('en-US')} tokens in all.\n\n${lastRead}`);
    item.iconPath = new vscode.ThemeIcon('history');
    return item;
  }

  /** Files and folders dropped from the Explorer or the operating system are imported; anything else is ignored. */
  async handleDrop(_target: HistoryRow | undefined, data: vscode.DataTransfer, token: vscode.CancellationToken): Promise<void> {
    const uris = await droppedFileUris(data);
    if (token.isCancellationRequested) return;
    if (uris.length === 0) {
      void vscode.window.showInformationMessage('AI Learning Analytics: drop files or folders from disk to import them.');
      return;
    }
    await this.importFiles(uris);
    this.refresh();
  }

  dispose(): void {
    this.view.dispose();
    this.changed.dispose();
  }
}

/**
 * The `file:` URIs of a drop: the Explorer and desktop file managers give a `text/uri-list` (RFC 2483: one URI per
 * line, `#` lines are comments); a browser (code-server) gives files whose `uri` is set only when they are on disk.
 */
export async function droppedFileUris(data: vscode.DataTransfer): Promise<vscode.Uri[]> {
  const out = new Map<string, vscode.Uri>();
  const list = await data.get(URI_LIST)?.asString();
  for (const line of (list ?? '').split(/\r?\n/)) {
    const text = line.trim();
    if (text === '' || text.startsWith('#')) continue;
    try {
      const uri = vscode.Uri.parse(text, true);
      if (uri.scheme === 'file') out.set(uri.toString(), uri);
    } catch {
      // Not a URI: ignored, like any other non-file item.
    }
  }
  data.forEach((item) => {
    const uri = item.asFile()?.uri;
    if (uri?.scheme === 'file') out.set(uri.toString(), uri);
  });
  return [...out.values()];
}
