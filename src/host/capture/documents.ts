import * as vscode from 'vscode';
import type { CaptureEngine } from '../../core/capture/engine';
import { CAPTURED_SCHEMES, CHAT_BLOCK_SCHEMES, type DocChange } from '../../core/capture/types';
import type { Log } from '../log';

/** The proposed `detailedReason` (textDocumentChangeReason), present only when the host enables it. */
interface DetailedReason {
  detailedReason?: { source?: unknown };
}

/** Translates one vscode change event into the core's plain `DocChange` (no copies of the changes). */
export function toDocChange(e: vscode.TextDocumentChangeEvent): DocChange {
  const doc = e.document;
  const source = (e as DetailedReason).detailedReason?.source;
  const change: DocChange = {
    uri: doc.uri.toString(),
    scheme: doc.uri.scheme,
    path: doc.uri.path,
    languageId: doc.languageId,
    changes: e.contentChanges,
    isActiveEditor: vscode.window.activeTextEditor?.document === doc,
  };
  if (e.reason === vscode.TextDocumentChangeReason.Undo) change.reason = 'undo';
  else if (e.reason === vscode.TextDocumentChangeReason.Redo) change.reason = 'redo';
  if (typeof source === 'string') change.detailedSource = source;
  return change;
}

/**
 * Text changes, opens, closes and saves of captured documents into the engine. A change that needs the
 * clipboard (a multi-character insertion nothing else explains) reads it once, asynchronously.
 */
export function collectDocuments(engine: CaptureEngine, log: Log): vscode.Disposable {
  const onChange = vscode.workspace.onDidChangeTextDocument((e) => {
    const scheme = e.document.uri.scheme;
    if (e.contentChanges.length === 0 || (!CAPTURED_SCHEMES.has(scheme) && !CHAT_BLOCK_SCHEMES.has(scheme))) return;
    const token = engine.onChange(toDocChange(e));
    if (token === undefined) return;
    vscode.env.clipboard.readText().then(
      (text) => engine.resolveClipboard(token, text),
      (error: unknown) => {
        log.warn(`capture: clipboard unreadable (${String(error)})`);
        engine.resolveClipboard(token, undefined);
      },
    );
  });
  const onOpen = vscode.workspace.onDidOpenTextDocument((doc) => {
    const uri = doc.uri.toString();
    if (engine.survival.hasParked(uri)) engine.onOpen(uri, doc.getText());
  });
  const onClose = vscode.workspace.onDidCloseTextDocument((doc) => {
    const uri = doc.uri.toString();
    if (engine.survival.tracks(uri)) engine.onClose(uri, doc.getText());
  });
  const onSave = vscode.workspace.onDidSaveTextDocument((doc) => engine.onSave(doc.uri.toString()));
  return vscode.Disposable.from(onChange, onOpen, onClose, onSave);
}

/** Unparks tracking of documents already open (after a restore or a resume). */
export function reopenOpenDocuments(engine: CaptureEngine): void {
  for (const doc of vscode.workspace.textDocuments) {
    const uri = doc.uri.toString();
    if (engine.survival.hasParked(uri)) engine.onOpen(uri, doc.getText());
  }
}

/** Parks tracking of all open documents (before a pause: their edits will not be seen). */
export function parkOpenDocuments(engine: CaptureEngine): void {
  for (const doc of vscode.workspace.textDocuments) {
    const uri = doc.uri.toString();
    if (engine.survival.tracks(uri)) engine.onClose(uri, doc.getText());
  }
}

/** Current text of an open document, for snapshots. */
export function openText(uri: string): string | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri)?.getText();
}
