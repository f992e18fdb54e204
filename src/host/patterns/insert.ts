import { randomUUID } from 'node:crypto';
import path from 'node:path';
import * as vscode from 'vscode';
import type { EventSink } from '../../core/model/sink';
import type { SearchHitDto } from '../../core/patterns/protocol';
import { successRate } from '../../core/patterns/ranking';
import type { PatternRecord } from '../../core/patterns/types';
import { bodyOf, scanAnchors, type LensAnchor } from '../../core/patterns/anchors';
import type { InsertArgs } from './lens-provider';

/** Tags our own edit for capture, so the insertion is tracked as a pattern insertion. */
export interface PatternCapture {
  expectPatternInsertion(uri: vscode.Uri, text: string, patternId: string): void;
}

export interface InsertDeps {
  sink: EventSink;
  capture?: PatternCapture;
  /** After a pattern was inserted (its use counted): the library's counts and views are refreshed. */
  onInserted?: (patternId: string) => void;
}

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
 * function or class, or at the cursor. Capture is told before the edit; a `pattern_usage` `inserted`
 * event is appended after it succeeded.
 */
export async function insertPattern(editor: vscode.TextEditor, target: InsertTarget, pattern: PatternRecord, deps: InsertDeps): Promise<boolean> {
  const { text, at } = placement(editor.document, target, pattern.code, indentUnit(editor.options));
  deps.capture?.expectPatternInsertion(editor.document.uri, text, pattern.id);
  const ok = await editor.insertSnippet(new vscode.SnippetString().appendText(text), at);
  if (ok) {
    deps.sink.append({ kind: 'pattern_usage', ts: Date.now(), id: randomUUID(), patternId: pattern.id, action: 'inserted' });
    deps.onInserted?.(pattern.id);
  }
  return ok;
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
