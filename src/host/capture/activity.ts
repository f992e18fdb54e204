import * as vscode from 'vscode';
import type { CaptureEngine } from '../../core/capture/engine';

/** Selection changes count as activity at most this often (they fire on every keystroke and click). */
const SELECTION_ACTIVITY_MS = 10_000;

/**
 * Terminal commands (shell integration), task processes, window focus, active editor and selection activity
 * into the engine. Durations are measured from the matching start events.
 */
export function collectActivity(engine: CaptureEngine): vscode.Disposable {
  const started = new WeakMap<object, number>();
  let lastSelection = 0;
  const openEditors = (): number => vscode.window.tabGroups.all.reduce((n, g) => n + g.tabs.length, 0);
  const subs: vscode.Disposable[] = [
    vscode.window.onDidStartTerminalShellExecution((e) => started.set(e.execution, Date.now())),
    vscode.window.onDidEndTerminalShellExecution((e) => {
      const t0 = started.get(e.execution);
      engine.onTerminalEnd({
        commandLine: e.execution.commandLine.value, exitCode: e.exitCode, durationMs: t0 === undefined ? undefined : Date.now() - t0,
      });
    }),
    vscode.tasks.onDidStartTaskProcess((e) => started.set(e.execution, Date.now())),
    vscode.tasks.onDidEndTaskProcess((e) => {
      const t0 = started.get(e.execution);
      engine.onTaskEnd({ name: e.execution.task.name, exitCode: e.exitCode, durationMs: t0 === undefined ? undefined : Date.now() - t0 });
    }),
    vscode.window.onDidChangeWindowState((s) => engine.onContext({ what: s.focused ? 'focus' : 'blur', openEditors: openEditors() })),
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (editor) engine.onContext({ what: 'editor', language: editor.document.languageId, openEditors: openEditors() });
    }),
    vscode.window.onDidChangeTextEditorSelection(() => {
      const now = Date.now();
      if (now - lastSelection < SELECTION_ACTIVITY_MS) return;
      lastSelection = now;
      engine.activity();
    }),
  ];
  return vscode.Disposable.from(...subs);
}

/** Error-level diagnostics of a document now (for diagnostics deltas after AI insertions). */
export function errorCount(uri: string): number | undefined {
  try {
    return vscode.languages.getDiagnostics(vscode.Uri.parse(uri)).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
  } catch {
    return undefined;
  }
}
