import path from 'node:path';
import * as vscode from 'vscode';
import { successRate } from '../../core/patterns/ranking';
import type { PatternRecord } from '../../core/patterns/types';
import { count } from '../../core/util/words';
import type { Log } from '../log';

/** Context value of pattern items (the package.json menus for rate/open match it). */
export const PATTERN_ITEM_CONTEXT = 'aiLearning.pattern';
const NO_FRAMEWORK = 'no framework';

export type LibraryNode =
  | { kind: 'language'; language: string; patterns: PatternRecord[] }
  | { kind: 'framework'; language: string; framework: string; patterns: PatternRecord[] }
  | { kind: 'pattern'; pattern: PatternRecord };

/** Groups patterns by language, then framework, both sorted by count (largest first), then name. */
export function groupPatterns(patterns: readonly PatternRecord[]): LibraryNode[] {
  const byLanguage = groupBy(patterns, (p) => p.language);
  return byLanguage.map(([language, list]) => ({ kind: 'language', language, patterns: list }));
}

function groupBy(patterns: readonly PatternRecord[], key: (p: PatternRecord) => string): Array<[string, PatternRecord[]]> {
  const m = new Map<string, PatternRecord[]>();
  for (const p of patterns) {
    const k = key(p);
    const list = m.get(k) ?? [];
    list.push(p);
    m.set(k, list);
  }
  return [...m.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
}

/**
 * The "Pattern Library" tree: language -> framework -> pattern, with counts. Patterns come from the
 * worker's `list`; `refresh()` re-fetches (after the library changed or on the refresh command).
 */
export class PatternTreeProvider implements vscode.TreeDataProvider<LibraryNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<LibraryNode | undefined>();
  private patterns: Promise<PatternRecord[]> | undefined;
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly list: () => Promise<PatternRecord[]>,
    private readonly log: Log,
    /** Run when a pattern row is clicked (opens its source at the unit). */
    private readonly openCommand?: string,
  ) {}

  refresh(): void {
    this.patterns = undefined;
    this.changed.fire(undefined);
  }

  async getChildren(node?: LibraryNode): Promise<LibraryNode[]> {
    if (!node) return groupPatterns(await this.load());
    if (node.kind === 'language') {
      return groupBy(node.patterns, (p) => p.framework ?? NO_FRAMEWORK).map(([framework, list]) => ({
        kind: 'framework', language: node.language, framework, patterns: list,
      }));
    }
    if (node.kind === 'framework') {
      return [...node.patterns].sort((a, b) => a.name.localeCompare(b.name)).map((pattern) => ({ kind: 'pattern', pattern }));
    }
    return [];
  }

  getTreeItem(node: LibraryNode): vscode.TreeItem {
    if (node.kind !== 'pattern') {
      const label = node.kind === 'language' ? node.language : node.framework;
      const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = String(node.patterns.length);
      item.id = node.kind === 'language' ? `lang:${node.language}` : `fw:${node.language}:${node.framework}`;
      return item;
    }
    const p = node.pattern;
    const item = new vscode.TreeItem(p.name, vscode.TreeItemCollapsibleState.None);
    const rate = successRate(p);
    item.id = `pattern:${p.id}`;
    item.description = [rate === undefined ? 'not used yet' : `kept ${Math.round(rate)}%`, p.avgRating ? `rating ${p.avgRating.toFixed(1)}` : ''].filter(Boolean).join(' · ');
    item.tooltip = new vscode.MarkdownString().appendText(`${p.description}\n${p.sourcePath ? path.basename(p.sourcePath) : ''} · ${count(p.usageCount, 'use')}\n`).appendCodeblock(p.code.split('\n').slice(0, 15).join('\n'), p.language);
    item.contextValue = PATTERN_ITEM_CONTEXT;
    if (this.openCommand) item.command = { command: this.openCommand, title: 'Open Source', arguments: [node] };
    item.iconPath = new vscode.ThemeIcon(p.tags.includes('class') ? 'symbol-class' : 'symbol-function');
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }

  private load(): Promise<PatternRecord[]> {
    this.patterns ??= this.list().catch((error: unknown) => {
      this.log.error('patterns: could not list the library', error);
      this.patterns = undefined;
      return [];
    });
    return this.patterns;
  }
}
