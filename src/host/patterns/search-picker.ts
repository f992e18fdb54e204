import * as vscode from 'vscode';
import { compatibleLanguages, SUPPORTED_LANGUAGES } from '../../core/patterns/files';
import type { SearchArgs, SearchHitDto } from '../../core/patterns/protocol';
import { noResultsText, typedSearchArgs } from '../../core/patterns/search-args';
import type { PatternRecord } from '../../core/patterns/types';
import type { Log } from '../log';
import { hitItems, insertPattern, warmPlaceholders, type InsertDeps } from './insert';
import type { PatternSettings } from './settings';

const DEBOUNCE_MS = 150;
const OPEN_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('go-to-file'), tooltip: 'Open Source' };

/** A result row, or the row a search without results offers instead: build the library. */
type PickItem = vscode.QuickPickItem & ({ pattern: PatternRecord } | { build: true });

export interface SearchPickerDeps extends InsertDeps {
  /** The "Build Pattern Library" command a search without results offers. */
  buildCommand: string;
  search(args: SearchArgs): Promise<SearchHitDto[]>;
  settings(): PatternSettings;
  openSource(p: PatternRecord): Promise<void>;
  log: Log;
}

/**
 * "Search Patterns": searches as the user types (debounced; a newer query wins over a slower older one),
 * lists every candidate ranked, each labelled close or weak (the relevance threshold is CodeLens's only),
 * inserts the chosen pattern at the active editor's cursor, or opens its source when there is no
 * editor or the item's "Open Source" button is pressed. A search without results says so and offers to
 * build the library (Enter runs the build).
 */
export function showSearchPicker(deps: SearchPickerDeps, initial = ''): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor) void warmPlaceholders(editor.document.uri.toString(), deps);
  const qp = vscode.window.createQuickPick<PickItem>();
  qp.title = 'Search Patterns';
  qp.placeholder = 'Describe what the code should do';
  // Results are ranked by meaning, not by the text typed: no QuickPick filtering (items are `alwaysShow`).
  qp.matchOnDescription = false;
  qp.matchOnDetail = false;
  let timer: NodeJS.Timeout | undefined;
  let seq = 0;
  const run = async (query: string): Promise<void> => {
    const mine = ++seq;
    qp.busy = true;
    try {
      const s = deps.settings();
      const language = editor && SUPPORTED_LANGUAGES.includes(editor.document.languageId) ? editor.document.languageId : undefined;
      const languages = language ? compatibleLanguages(language) : undefined;
      const hits = await deps.search(typedSearchArgs(query, s.minSuccessRate, languages));
      if (mine !== seq) return;
      qp.items = hits.length || !query.trim()
        ? hitItems(hits).map((i) => ({ ...i, buttons: [OPEN_BUTTON], alwaysShow: true }))
        : [{ ...noResultsText(query, languages), iconPath: new vscode.ThemeIcon('library'), alwaysShow: true, build: true }];
    } catch (error) {
      deps.log.error('patterns: search failed', error);
    } finally {
      if (mine === seq) qp.busy = false;
    }
  };
  return new Promise<void>((resolve) => {
    const subs = [
      qp.onDidChangeValue((v) => {
        clearTimeout(timer);
        timer = setTimeout(() => void run(v), DEBOUNCE_MS);
      }),
      qp.onDidTriggerItemButton((e) => {
        qp.hide();
        if ('pattern' in e.item) void deps.openSource(e.item.pattern);
      }),
      qp.onDidAccept(() => {
        const item = qp.selectedItems[0];
        qp.hide();
        if (item && 'build' in item) void vscode.commands.executeCommand(deps.buildCommand);
        const chosen = item && 'pattern' in item ? item.pattern : undefined;
        if (!chosen) return;
        if (editor) void insertPattern(editor, { kind: 'cursor', position: editor.selection.active }, chosen, deps);
        else void deps.openSource(chosen);
      }),
      qp.onDidHide(() => {
        clearTimeout(timer);
        for (const s of subs) s.dispose();
        qp.dispose();
        resolve();
      }),
    ];
    qp.value = initial;
    qp.show();
    if (initial) void run(initial);
  });
}
