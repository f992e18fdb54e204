import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { EventSink } from '../../core/model/sink';
import { findUnitLine } from '../../core/patterns/anchors';
import type { PatternRecord } from '../../core/patterns/types';
import type { LibraryNode } from './tree';

/** Ids of the patterns commands and view (package.json declares the same ids). */
export const PATTERN_COMMANDS = {
  searchPatterns: 'aiLearning.searchPatterns',
  buildPatternLibrary: 'aiLearning.buildPatternLibrary',
  insertPattern: 'aiLearning.insertPattern',
  ratePatternUp: 'aiLearning.ratePatternUp',
  ratePatternDown: 'aiLearning.ratePatternDown',
  openPatternSource: 'aiLearning.openPatternSource',
  refreshPatternLibrary: 'aiLearning.refreshPatternLibrary',
  acceptPatternInsertion: 'aiLearning.acceptPatternInsertion',
  cancelPatternInsertion: 'aiLearning.cancelPatternInsertion',
} as const;

export type PatternCommandIds = { [K in keyof typeof PATTERN_COMMANDS]: string };

export const PATTERN_VIEW = 'aiLearning.patternLibrary';

/** What a rate/open command receives: a tree item, a pattern, or a pattern id. */
export type PatternRef = LibraryNode | PatternRecord | string;

/** The pattern id a command argument refers to, if any. */
export function refId(ref: PatternRef | undefined): string | undefined {
  if (!ref) return undefined;
  if (typeof ref === 'string') return ref;
  if ('kind' in ref && ref.kind === 'pattern') return ref.pattern.id;
  if ('code' in ref) return ref.id;
  return undefined;
}

/** Records an explicit rating (1 up, -1 down) as a `pattern_usage` `rated` event. */
export function appendRating(sink: EventSink, patternId: string, rating: 1 | -1): void {
  sink.append({ kind: 'pattern_usage', ts: Date.now(), id: randomUUID(), patternId, action: 'rated', rating });
}

/** Opens a pattern's source file at the unit's line (found by its code, else its name), or says why not. */
export async function openPatternSource(p: PatternRecord): Promise<boolean> {
  if (!p.sourcePath) {
    void vscode.window.showInformationMessage(`Pattern "${p.name}" has no source file recorded.`);
    return false;
  }
  let doc: vscode.TextDocument;
  try {
    doc = await vscode.workspace.openTextDocument(vscode.Uri.file(p.sourcePath));
  } catch {
    void vscode.window.showWarningMessage(`The source of pattern "${p.name}" (${p.sourcePath}) no longer exists.`);
    return false;
  }
  const line = findUnitLine(doc.getText().split(/\r?\n/), p.name, p.code);
  const at = new vscode.Range(line, 0, line, 0);
  await vscode.window.showTextDocument(doc, { selection: at, preview: true });
  return true;
}
