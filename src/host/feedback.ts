import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import type { SourceTool } from '../core/model/events';
import type { EventSink } from '../core/model/sink';
import { redactSecrets } from '../core/capture/redact';

const TOOLS: { label: string; tool: SourceTool }[] = [
  { label: 'GitHub Copilot (inline)', tool: 'copilot' },
  { label: 'Copilot Chat / agent', tool: 'copilot-chat' },
  { label: 'Claude Code', tool: 'claude-code' },
  { label: 'Codex', tool: 'codex' },
  { label: 'Continue', tool: 'continue' },
  { label: 'Aider', tool: 'aider' },
  { label: 'Other', tool: 'other' },
];
const TAGS = ['correct', 'saved time', 'needed fixes', 'wrong', 'hallucinated API', 'too slow', 'insecure', 'good explanation'];

/**
 * "Rate AI Assistance": 1-5, which tool, optional tags and a comment (redacted before it is stored).
 * Cancelling at any step records nothing.
 */
export async function rateAiAssistance(sink: EventSink): Promise<void> {
  const stars = await vscode.window.showQuickPick(
    [5, 4, 3, 2, 1].map((n) => ({ label: `${'$(star-full)'.repeat(n)}${'$(star-empty)'.repeat(5 - n)}`, description: `${n} of 5`, n })),
    { title: 'Rate AI Assistance (1/3): how helpful was the AI just now?', placeHolder: 'Rating' },
  );
  if (!stars) return;
  const tool = await vscode.window.showQuickPick(TOOLS, { title: 'Rate AI Assistance (2/3): which assistant?' });
  if (!tool) return;
  const tags = await vscode.window.showQuickPick(TAGS, { title: 'Rate AI Assistance (3/3): tags (optional)', canPickMany: true });
  if (!tags) return;
  const text = await vscode.window.showInputBox({
    title: 'Rate AI Assistance: a comment (optional)',
    prompt: 'Stays on this machine; secrets are removed before it is stored.',
  });
  if (text === undefined) return;
  sink.append({
    kind: 'feedback',
    ts: Date.now(),
    id: randomUUID(),
    rating: stars.n,
    tags,
    sourceTool: tool.tool,
    ...(text.trim() ? { text: redactSecrets(text.trim()).text } : {}),
  });
  void vscode.window.showInformationMessage(`Thanks: rated ${stars.n}/5 for ${tool.label}.`);
}
