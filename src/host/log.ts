import * as vscode from 'vscode';

/**
 * The extension's one log: a LogOutputChannel ("AI Learning Analytics"), never revealed on its own.
 * Errors are logged with their stack. The same shape as core's `StoreLog`-style interfaces, so core
 * modules can take it without importing vscode.
 */
export interface Log {
  trace(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export function createLog(): Log & vscode.Disposable {
  const channel = vscode.window.createOutputChannel('AI Learning Analytics', { log: true });
  return {
    trace: (m) => channel.trace(m),
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m, e) => channel.error(e === undefined ? m : `${m}: ${describeError(e)}`),
    dispose: () => channel.dispose(),
  };
}

/** A message plus stack for anything thrown. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
