import * as vscode from 'vscode';
import type { SourceTool } from '../../core/model/events';

/** Extensions that insert AI code (inline suggestions, chat, agents), and the tool each stands for. */
export const AI_EXTENSIONS: ReadonlyArray<[id: string, tool: SourceTool]> = [
  ['github.copilot', 'copilot'],
  ['github.copilot-chat', 'copilot-chat'],
  ['anthropic.claude-code', 'claude-code'],
  ['openai.chatgpt', 'codex'],
  ['continue.continue', 'continue'],
  ['codeium.codeium', 'other'],
  ['windsurf.windsurf', 'other'],
  ['tabnine.tabnine-vscode', 'other'],
  ['supermaven.supermaven', 'other'],
  ['sourcegraph.cody-ai', 'other'],
  ['amazonwebservices.amazon-q-vscode', 'other'],
  ['kilocode.kilo-code', 'other'],
  ['rooveterinaryinc.roo-cline', 'other'],
  ['saoudrizwan.claude-dev', 'other'],
];

/**
 * Which AI extension is active, re-checked at most every 10 s (extensions activate lazily). The first active
 * one in `AI_EXTENSIONS` order names the tool; `undefined` = none (the classifier then never guesses "AI").
 */
export function activeAiTool(): () => SourceTool | undefined {
  let checked = 0;
  let tool: SourceTool | undefined;
  return () => {
    const now = Date.now();
    if (now - checked > 10_000) {
      checked = now;
      tool = AI_EXTENSIONS.find(([id]) => vscode.extensions.getExtension(id)?.isActive)?.[1];
    }
    return tool;
  };
}
