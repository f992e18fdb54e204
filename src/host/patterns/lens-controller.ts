import * as vscode from 'vscode';
import { SUPPORTED_LANGUAGES } from '../../core/patterns/files';
import type { PatternLensProvider } from './lens-provider';
import { affectsPatterns, codeLensWanted } from './settings';

/**
 * Owns the lens provider's registration: registered while `aiLearning.patterns.enabled`,
 * `aiLearning.codeLens.enabled` and `editor.codeLens` are all on, disposed as soon as one turns off.
 * Ranking settings only reset the provider's cache.
 */
export class PatternLensController implements vscode.Disposable {
  private registration: vscode.Disposable | undefined;
  private readonly listener: vscode.Disposable;

  constructor(private readonly provider: PatternLensProvider) {
    this.listener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsPatterns(e, 'codeLens')) this.apply();
      else if (affectsPatterns(e, 'ranking')) this.provider.reset();
    });
    this.apply();
  }

  get registered(): boolean {
    return this.registration !== undefined;
  }

  /** Library changed: cached lens results are out of date. */
  refresh(): void {
    if (this.registration) this.provider.reset();
  }

  dispose(): void {
    this.listener.dispose();
    this.registration?.dispose();
    this.registration = undefined;
  }

  private apply(): void {
    const wanted = codeLensWanted();
    if (wanted && !this.registration) {
      const selector = SUPPORTED_LANGUAGES.flatMap((language) => [{ language, scheme: 'file' }, { language, scheme: 'untitled' }]);
      this.registration = vscode.languages.registerCodeLensProvider(selector, this.provider);
    } else if (!wanted && this.registration) {
      this.registration.dispose();
      this.registration = undefined;
    }
  }
}
