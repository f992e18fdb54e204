import type { SourceTool } from './events';

/** The name each AI tool is shown under on the dashboard, in the report and the CLI. */
export const TOOL_LABELS: Record<SourceTool, string> = {
  copilot: 'GitHub Copilot',
  'copilot-chat': 'GitHub Copilot Chat',
  'copilot-cli': 'GitHub Copilot CLI',
  'claude-code': 'Claude Code',
  codex: 'Codex CLI',
  continue: 'Continue',
  aider: 'Aider',
  'gemini-cli': 'Gemini CLI',
  cursor: 'Cursor',
  windsurf: 'Windsurf',
  cline: 'Cline',
  'roo-code': 'Roo Code',
  'kilo-code': 'Kilo Code',
  opencode: 'OpenCode',
  kiro: 'Kiro',
  amp: 'Amp',
  vscode: 'VS Code',
  'ai-learning': 'AI Learning (chat participant)',
  other: 'Other',
};

/** The label of a stored tool id; an id this version does not know is shown as stored. */
export function toolLabel(tool: string): string {
  return (TOOL_LABELS as Record<string, string>)[tool] ?? tool;
}
