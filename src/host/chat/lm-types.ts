/**
 * The parts of `vscode.lm` newer than the oldest VS Code this extension supports (engines ^1.93; @types/vscode stays
 * at 1.93 so every use of a newer API is looked up at run time): language model tools, final in VS Code 1.95.
 */
import * as vscode from 'vscode';

export interface ToolInvocationOptions<T> {
  input: T;
  toolInvocationToken: unknown;
  tokenizationOptions?: { tokenBudget: number };
}

export interface LanguageModelToolLike<T> {
  invoke(options: ToolInvocationOptions<T>, token: vscode.CancellationToken): Promise<unknown>;
  prepareInvocation?(options: { input: T }, token: vscode.CancellationToken): { invocationMessage?: string } | undefined;
}

export interface ToolsApi {
  registerTool<T>(name: string, tool: LanguageModelToolLike<T>): vscode.Disposable;
}

type Ctor<A> = new (arg: A) => unknown;

/** `vscode.lm.registerTool` and the result classes, or undefined on a VS Code older than 1.95. */
export function toolsApi(): { lm: ToolsApi; result(text: string): unknown } | undefined {
  const api = vscode as unknown as { lm: Partial<ToolsApi>; LanguageModelToolResult?: Ctor<unknown[]>; LanguageModelTextPart?: Ctor<string> };
  const { LanguageModelToolResult: Result, LanguageModelTextPart: Text } = api;
  if (!api.lm.registerTool || !Result || !Text) return undefined;
  return { lm: api.lm as ToolsApi, result: (text) => new Result([new Text(text)]) };
}
