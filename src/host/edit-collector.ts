import * as vscode from 'vscode';
import type { EventSink } from '../core/model/sink';
import { shortHash } from '../core/util/hash';

/** Document schemes whose edits are the developer's own work (never output channels, logs, git views). */
const CAPTURED_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-notebook-cell']);

/**
 * Turns every text change of a captured document into a `text_change` event. Labels here are only
 * what the event itself says (undo, redo, delete, typed/bulk by size); the change classifier refines them.
 */
export function collectEdits(sink: EventSink): vscode.Disposable {
  return vscode.workspace.onDidChangeTextDocument((e) => {
    if (!CAPTURED_SCHEMES.has(e.document.uri.scheme) || e.contentChanges.length === 0) return;
    let added = 0;
    let removed = 0;
    let lines = 0;
    for (const c of e.contentChanges) {
      added += c.text.length;
      removed += c.rangeLength;
      for (let i = c.text.indexOf('\n'); i !== -1; i = c.text.indexOf('\n', i + 1)) lines++;
    }
    const label =
      e.reason === vscode.TextDocumentChangeReason.Undo ? 'undo'
      : e.reason === vscode.TextDocumentChangeReason.Redo ? 'redo'
      : added === 0 ? 'delete'
      : added <= 2 ? 'typed'
      : 'bulk';
    sink.append({
      kind: 'text_change',
      ts: Date.now(),
      fileHash: shortHash(e.document.uri.toString()),
      language: e.document.languageId,
      label,
      precision: label === 'undo' || label === 'redo' ? 'exact' : 'heuristic',
      charsAdded: added,
      charsRemoved: removed,
      linesAdded: lines,
      count: e.contentChanges.length,
    });
  });
}
