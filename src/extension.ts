import * as vscode from 'vscode';
import { createLog, describeError } from './host/log';
import type { ExtensionApi } from './host/owner';
import { ExtensionOwner } from './host/owner';

let owner: ExtensionOwner | undefined;

/** Composition root: build the owner, hand it to VS Code, show and rethrow any failure. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  const log = createLog();
  context.subscriptions.push(log);
  try {
    owner = new ExtensionOwner(context, log);
    context.subscriptions.push(owner);
    owner.activationMs = performance.now() - started;
    log.info(`activated in ${owner.activationMs.toFixed(1)} ms`);
    return owner.api;
  } catch (error) {
    log.error('activation failed', error);
    void vscode.window.showErrorMessage(`AI Learning Analytics could not start: ${describeError(error).split('\n')[0]}`);
    throw error;
  }
}

/** VS Code waits for the returned promise: the store's final flush goes here. */
export function deactivate(): Promise<void> {
  const closing = owner?.close() ?? Promise.resolve();
  owner = undefined;
  return closing;
}
