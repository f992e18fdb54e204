/** `StoreCommandUi` backed by `vscode.window`. */
import * as vscode from 'vscode';
import type { StoreCommandUi } from './commands';

/** `StoreCommandUi` over `vscode.window`. */
export function vscodeStoreUi(): StoreCommandUi {
  return {
    async pickFolder() {
      const picked = await vscode.window.showOpenDialog({
        canSelectFiles: false, canSelectFolders: true, canSelectMany: false, openLabel: 'Export here',
        title: 'Export Learning Data',
      });
      return picked?.[0]?.fsPath;
    },
    withProgress(title, task) {
      return Promise.resolve(vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title, cancellable: false },
        (progress) => task((message, increment) => progress.report({ message, increment })),
      ));
    },
    async choose(message, detail, actions) {
      return vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions);
    },
    info(message) {
      void vscode.window.showInformationMessage(message);
    },
    error(message) {
      void vscode.window.showErrorMessage(message);
    },
  };
}
