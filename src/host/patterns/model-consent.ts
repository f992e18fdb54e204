import * as vscode from 'vscode';
import { modelFailureAction } from '../../core/embed/model-availability';
import type { EmbedderConfig } from '../../core/patterns/protocol';
import type { Log } from '../log';

const DECLINED_KEY = 'aiLearning.patterns.modelDownloadDeclined';

export interface ModelConsentDeps {
  log: Log;
  /** Remembers a "not now" across windows. */
  memento?: vscode.Memento;
  /** Switches the worker's embedder (resolves to its id). */
  setEmbedder: (config: EmbedderConfig) => Promise<string>;
}

/**
 * The sentence-embedding model could not be loaded, so search uses the hashing embedder. Tells the user
 * why, and, when no folder is set and nothing was declined, offers the one-time download into global
 * storage: nothing is fetched without that explicit yes.
 */
export async function onModelUnavailable(error: string, config: EmbedderConfig, userFolderSet: boolean, deps: ModelConsentDeps): Promise<void> {
  const { log } = deps;
  const first = error.split('\n')[0];
  log.warn(`patterns: the sentence-embedding model could not be loaded (${first}); search uses the hashing embedder`);
  if (config.kind !== 'transformers') return;
  switch (modelFailureAction(error, userFolderSet, deps.memento?.get<boolean>(DECLINED_KEY) === true)) {
    case 'runtime-missing':
      void vscode.window.showWarningMessage(
        'AI Learning Analytics: the model runtime (ONNX Runtime wasm) is missing from this installation, so pattern search uses the built-in hashing embedder. Reinstalling the extension restores it.',
      );
      return;
    case 'folder-missing': {
      const pick = await vscode.window.showWarningMessage(
        `AI Learning Analytics: no all-MiniLM-L6-v2 model in ${config.modelPath}; pattern search uses the hashing embedder.`,
        'Open Setting',
      );
      if (pick) await vscode.commands.executeCommand('workbench.action.openSettings', 'aiLearning.patterns.modelPath');
      return;
    }
    case 'offer-download':
      return offerDownload(config, deps);
    case 'quiet':
      return;
    case 'error':
      void vscode.window.showWarningMessage(`AI Learning Analytics: the sentence-embedding model could not be loaded (${first}); pattern search uses the hashing embedder.`);
  }
}

async function offerDownload(config: Extract<EmbedderConfig, { kind: 'transformers' }>, deps: ModelConsentDeps): Promise<void> {
  const download = 'Download (about 23 MB)';
  const folder = 'Use a Folder…';
  const pick = await vscode.window.showInformationMessage(
    'Pattern search by meaning needs the all-MiniLM-L6-v2 model. Download it once from huggingface.co into this extension\'s storage? Nothing else is sent; until then search uses the built-in hashing embedder.',
    download, folder, 'Not Now',
  );
  if (pick === download) {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Downloading all-MiniLM-L6-v2' },
      async () => {
        try {
          const id = await deps.setEmbedder({ ...config, allowDownload: true });
          deps.log.info(`patterns: model downloaded into ${config.modelPath}; embedder now ${id}`);
          void vscode.window.showInformationMessage('AI Learning Analytics: the model is ready; patterns are re-embedded in the background.');
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          deps.log.error('patterns: model download failed', e);
          void vscode.window.showErrorMessage(`AI Learning Analytics: the model could not be downloaded (${message.split('\n')[0]}).`);
        }
      },
    );
  } else if (pick === folder) {
    const chosen = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Use This Model Folder' });
    if (chosen?.[0]) await vscode.workspace.getConfiguration('aiLearning.patterns').update('modelPath', chosen[0].fsPath, vscode.ConfigurationTarget.Global);
  } else if (pick === 'Not Now') {
    await deps.memento?.update(DECLINED_KEY, true);
  }
}
