import { randomUUID } from 'node:crypto';
import path from 'node:path';
import * as vscode from 'vscode';
import type { EventSink } from '../../core/model/sink';
import type { SearchHitDto } from '../../core/patterns/protocol';
import { successRate } from '../../core/patterns/ranking';
import type { PatternRecord } from '../../core/patterns/types';
import { bodyOf, scanAnchors, type LensAnchor } from '../../core/patterns/anchors';
import type { PlaceholderArgs, PlaceholderPlan } from '../../core/patterns/placeholders';
import type { Log } from '../log';
import type { InsertArgs } from './lens-provider';
import { indentLikeSnippet, previewWording, snippetOf, type InsertionPreview } from './preview';

/** Tags our own edit for capture, so the insertion is tracked as a pattern insertion. */
export interface PatternCapture {
  expectPatternInsertion(uri: vscode.Uri, text: string, patternId: string): void;
}

export interface InsertDeps {
  sink: EventSink;
  capture?: PatternCapture;
  /** After a pattern was inserted (its use counted): the library's counts and views are refreshed. */
  onInserted?: (patternId: string) => void;
  /** The names to rename (the patterns worker's checker); absent or failing: inserted as plain text. */
  placeholders?: (args: PlaceholderArgs) => Promise<PlaceholderPlan>;
  /** Shows the change first; absent: inserted at once. */
  preview?: InsertionPreview;
  log?: Log;
}

const NO_PLAN: PlaceholderPlan = { names: [], spans: [], diagnostics: 0 };

/** Where a pattern goes: an anchor of the document, or the cursor. */
export type InsertTarget = LensAnchor | { kind: 'cursor'; position: vscode.Position };

/** One QuickPick row per hit: name, how close a match, source, success rate and uses, and the first lines of code. */
export function hitItems(hits: readonly SearchHitDto[]): Array<vscode.QuickPickItem & { pattern: PatternRecord }> {
  return hits.map(({ pattern: p, relevance, strength }) => {
    const rate = successRate(p);
    const facts = [
      `${strength} match (${relevance.toFixed(2)})`,
      p.sourcePath ? path.basename(p.sourcePath) : 'unknown source',
      rate === undefined ? 'not used yet' : `kept ${Math.round(rate)}%`,
      `${p.usageCount} ${p.usageCount === 1 ? 'use' : 'uses'}`,
    ];
    return { label: `$(symbol-snippet) ${p.name}`, description: facts.join(' · '), detail: excerpt(p.code), pattern: p };
  });
}

/** The first non-blank lines of code on one line (QuickPick details are single-line). */
export function excerpt(code: string, lines = 4): string {
  const parts = code.split('\n').map((l) => l.trim()).filter(Boolean);
  const head = parts.slice(0, lines).join(' ⏎ ');
  return parts.length > lines ? `${head} …` : head;
}

/** The lens command: pick a pattern (unless `args.patternId` names one) and insert it at the lens. */
export async function insertFromLens(args: InsertArgs, deps: InsertDeps): Promise<boolean> {
  let pattern = args.hits.find((h) => h.pattern.id === args.patternId)?.pattern;
  if (!pattern) {
    void warmPlaceholders(args.uri, deps);
    const picked = await vscode.window.showQuickPick(hitItems(args.hits), {
      title: 'Insert a pattern from your own code', placeHolder: 'Similar patterns, best first', matchOnDescription: true, matchOnDetail: true,
    });
    pattern = picked?.pattern;
  }
  if (!pattern) return false;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri));
  const editor = await vscode.window.showTextDocument(doc);
  const target = doc.version === args.version ? args.anchor : relocate(doc, args.anchor);
  return insertPattern(editor, target ?? { kind: 'cursor', position: editor.selection.active }, pattern, deps);
}

/**
 * Inserts `pattern` as a snippet: its body inside an empty body, after a TODO comment, above a
 * function or class, or at the cursor. The names it uses that do not exist at the target are
 * placeholders (one Tab cycle renames them). With a preview, the change is shown first and nothing
 * happens unless the user inserts it. Capture is told just before the edit; a `pattern_usage`
 * `inserted` event is appended after it succeeded.
 */
export async function insertPattern(editor: vscode.TextEditor, target: InsertTarget, pattern: PatternRecord, deps: InsertDeps): Promise<boolean> {
  const doc = editor.document;
  const { text, at } = placement(doc, target, pattern.code, indentUnit(editor.options));
  const range = at instanceof vscode.Range ? at : new vscode.Range(at, at);
  const plan = await planFor(doc, range, text, deps);
  if (deps.preview) {
    const version = doc.version;
    const proposed = doc.getText(new vscode.Range(new vscode.Position(0, 0), range.start))
      + indentLikeSnippet(text, leadingWhitespace(doc.lineAt(range.start.line).text))
      + doc.getText(new vscode.Range(range.end, doc.lineAt(doc.lineCount - 1).range.end));
    const { title, message } = previewWording(pattern.name, plan);
    if (!(await deps.preview.confirm(doc, proposed, title, message))) return false;
    if (doc.version !== version) {
      void vscode.window.showWarningMessage(`"${doc.fileName}" changed while the preview was open: the pattern was not inserted. Insert it again.`);
      return false;
    }
  }
  const shown = deps.preview ? await vscode.window.showTextDocument(doc, editor.viewColumn) : editor;
  deps.capture?.expectPatternInsertion(doc.uri, text, pattern.id);
  const ok = await shown.insertSnippet(snippetOf(text, plan), at);
  if (ok) {
    deps.sink.append({ kind: 'pattern_usage', ts: Date.now(), id: randomUUID(), patternId: pattern.id, action: 'inserted' });
    deps.onInserted?.(pattern.id);
  }
  return ok;
}

/**
 * Has the worker check the target once while the user is still choosing: the first check of a session parses
 * TypeScript's lib and the `@types` packages (4 s CPU measured), later ones reuse them (0.2-0.3 s).
 */
export async function warmPlaceholders(uri: string, deps: InsertDeps): Promise<void> {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
  if (doc) await planFor(doc, new vscode.Range(0, 0, 0, 0), '', deps);
}

/** The checker's plan for this insertion; a failure leaves the names as they are (and says so in the log). */
async function planFor(doc: vscode.TextDocument, range: vscode.Range, text: string, deps: InsertDeps): Promise<PlaceholderPlan> {
  if (!deps.placeholders) return NO_PLAN;
  const targetPath = doc.uri.scheme === 'file' ? doc.uri.fsPath : path.join(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd(), `untitled${extensionFor(doc.languageId)}`);
  try {
    return await deps.placeholders({ targetPath, targetText: doc.getText(), start: doc.offsetAt(range.start), end: doc.offsetAt(range.end), text });
  } catch (error) {
    deps.log?.error('patterns: could not check which names exist at the target; inserting without placeholders', error);
    return NO_PLAN;
  }
}

function extensionFor(languageId: string): string {
  return { typescriptreact: '.tsx', javascript: '.js', javascriptreact: '.jsx' }[languageId] ?? '.ts';
}

function leadingWhitespace(line: string): string {
  return /^\s*/.exec(line)![0];
}

/** One level of indentation as the editor writes it. */
function indentUnit(o: vscode.TextEditorOptions): string {
  if (o.insertSpaces === false) return '\t';
  const size = typeof o.indentSize === 'number' ? o.indentSize : typeof o.tabSize === 'number' ? o.tabSize : 4;
  return ' '.repeat(size);
}

function placement(doc: vscode.TextDocument, target: InsertTarget, code: string, unit: string): { text: string; at: vscode.Position | vscode.Range } {
  switch (target.kind) {
    case 'cursor':
      return { text: code, at: target.position };
    case 'empty-body': {
      const b = target.body!;
      const inner = bodyOf(code).split('\n').map((l) => (l ? unit + l : l)).join('\n');
      return { text: `\n${inner}\n`, at: new vscode.Range(b.open.line, b.open.character, b.close.line, b.close.character) };
    }
    case 'todo':
      return { text: `\n${code}`, at: doc.lineAt(target.line).range.end };
    default: {
      const line = doc.lineAt(target.line);
      return { text: `${code}\n\n`, at: new vscode.Position(target.line, line.firstNonWhitespaceCharacterIndex) };
    }
  }
}

/** The same anchor in a document edited since the lens was made: same kind and name (or TODO text), nearest line. */
function relocate(doc: vscode.TextDocument, a: LensAnchor): LensAnchor | undefined {
  const same = scanAnchors(doc.getText(), a.kind === 'todo' || a.kind === 'empty-body').filter((b) => b.kind === a.kind && b.name === a.name && b.todo === a.todo);
  return same.sort((x, y) => Math.abs(x.line - a.line) - Math.abs(y.line - a.line))[0];
}
