import * as vscode from 'vscode';
import type { InlineKind } from '../../core/capture/classifier';

/** Our commands: the keybindings on Tab, Ctrl/Cmd+Right and Escape run these; pause/resume for the palette. */
export const CAPTURE_COMMANDS = {
  acceptInline: 'aiLearning.capture.acceptInline',
  acceptInlineWord: 'aiLearning.capture.acceptInlineWord',
  acceptInlineLine: 'aiLearning.capture.acceptInlineLine',
  hideInline: 'aiLearning.capture.hideInline',
  pause: 'aiLearning.pauseCapture',
  resume: 'aiLearning.resumeCapture',
} as const;

/** Context key `recording` | `paused` | `off`: the palette and the walkthrough show Pause or Resume only when it applies. */
export const CAPTURE_STATE_CONTEXT = 'aiLearning.captureState';

const BUILTIN: Record<InlineKind, string> = {
  full: 'editor.action.inlineSuggest.commit',
  word: 'editor.action.inlineSuggest.acceptNextWord',
  line: 'editor.action.inlineSuggest.acceptNextLine',
};

/** What the commands need from the running capture (absent when capture is off: keys still work). */
export interface InlineKeyTarget {
  onInlineKey(uri: vscode.Uri, kind: InlineKind): void;
  onInlineHide(): void;
  pause(): void;
  resume(): void;
}

/**
 * Registers the key wrapper and pause/resume commands once for the extension's lifetime. The wrappers note
 * the key (one assignment), run the built-in command at once, and never swallow the key: with capture off
 * they only forward. `ids` lets tests register the same handlers under other ids.
 */
export function registerCaptureCommands(
  getCapture: () => InlineKeyTarget | undefined, ids: typeof CAPTURE_COMMANDS = CAPTURE_COMMANDS,
): vscode.Disposable {
  const accept = (kind: InlineKind) => (): Thenable<unknown> => {
    const editor = vscode.window.activeTextEditor;
    if (editor) getCapture()?.onInlineKey(editor.document.uri, kind);
    return vscode.commands.executeCommand(BUILTIN[kind]);
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand(ids.acceptInline, accept('full')),
    vscode.commands.registerCommand(ids.acceptInlineWord, accept('word')),
    vscode.commands.registerCommand(ids.acceptInlineLine, accept('line')),
    vscode.commands.registerCommand(ids.hideInline, async () => {
      await vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
      getCapture()?.onInlineHide();
    }),
    vscode.commands.registerCommand(ids.pause, () => getCapture()?.pause()),
    vscode.commands.registerCommand(ids.resume, () => getCapture()?.resume()),
  );
}
