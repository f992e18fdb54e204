import * as vscode from 'vscode';
import type { ImportSettings } from '../../core/importers/import-protocol';
import type { ImportSource } from '../../core/importers/types';
import { parsePricingOverrides } from '../../core/learn/pricing-overrides';

/** Typed access to `aiLearning.importers.*` (the "Importers" settings group). */
export const IMPORTERS_SECTION = 'aiLearning.importers';

export const SOURCE_LABELS: Record<ImportSource, string> = {
  copilotChat: 'GitHub Copilot Chat',
  claudeCode: 'Claude Code',
  codex: 'Codex CLI',
  continue: 'Continue',
  aider: 'Aider',
  copilotCli: 'GitHub Copilot CLI',
  geminiCli: 'Gemini CLI',
  cursor: 'Cursor',
  windsurf: 'Windsurf',
  cline: 'Cline',
  rooCode: 'Roo Code',
  kiloCode: 'Kilo Code',
  opencode: 'OpenCode',
  kiro: 'Kiro',
  amp: 'Amp',
};

export interface ImporterHostSettings {
  import: ImportSettings;
  scanOnStartup: boolean;
  watch: boolean;
  allWorkspaces: boolean;
}

export function readImporterSettings(): ImporterHostSettings {
  const c = vscode.workspace.getConfiguration(IMPORTERS_SECTION);
  const sources = (Object.keys(SOURCE_LABELS) as ImportSource[]).filter((s) => c.get<boolean>(s, true));
  return {
    import: {
      sources,
      includeText: c.get<boolean>('storePromptText', false),
      pricingOverrides: parsePricingOverrides(c.get<unknown>('pricingOverrides', {})),
    },
    scanOnStartup: c.get<boolean>('scanOnStartup', true),
    watch: c.get<boolean>('watch', true),
    allWorkspaces: c.get<boolean>('allWorkspaces', false),
  };
}

/** Switches one source off (from the first-run notice), globally. */
export async function disableSource(source: ImportSource): Promise<void> {
  await vscode.workspace.getConfiguration(IMPORTERS_SECTION).update(source, false, vscode.ConfigurationTarget.Global);
}

/**
 * Turns every source's importer off (Delete All Data): globally, and in the workspace too where the workspace
 * turned one on (a workspace value would otherwise win over the global one).
 */
export async function disableAllSources(): Promise<void> {
  const c = vscode.workspace.getConfiguration(IMPORTERS_SECTION);
  for (const source of Object.keys(SOURCE_LABELS) as ImportSource[]) {
    await c.update(source, false, vscode.ConfigurationTarget.Global);
    if (c.inspect<boolean>(source)?.workspaceValue === true) await c.update(source, false, vscode.ConfigurationTarget.Workspace);
  }
}

/** Labels of the sources whose importer is on. */
export function enabledSourceLabels(): string[] {
  return readImporterSettings().import.sources.map((s) => SOURCE_LABELS[s]);
}
