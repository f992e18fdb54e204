import path from 'node:path';
import * as vscode from 'vscode';
import type { Log } from '../log';

/** The id in `contributes.mcpServerDefinitionProviders`; the provider registered under it must carry the same. */
export const MCP_PROVIDER_ID = 'aiLearning.mcp';

/** What a stdio MCP server definition holds (`vscode.McpStdioServerDefinition`, final in VS Code 1.101). */
export interface StdioServerDefinition {
  label: string;
  command: string;
  args: string[];
  env: Record<string, string | number | null>;
}

/**
 * The parts of `vscode.lm` this needs, present from VS Code 1.101; the extension supports 1.93, so they are looked
 * up at run time and @types/vscode stays at the oldest supported version.
 */
interface McpApi {
  registerMcpServerDefinitionProvider(id: string, provider: { provideMcpServerDefinitions(): StdioServerDefinition[] }): vscode.Disposable;
}
type McpStdioCtor = new (label: string, command: string, args?: string[], env?: Record<string, string | number | null>) => StdioServerDefinition;

/**
 * The read-only MCP server (`ai-learning mcp`: search the user's proven patterns, usage, model advice) as VS Code
 * starts it for agent mode: the bundled CLI run by the editor's own runtime (`ELECTRON_RUN_AS_NODE` makes VS Code's
 * Electron a plain Node), on this window's store folder. Nothing is sent anywhere: the server speaks on stdio to
 * the editor that started it.
 */
export function mcpServerDefinition(extensionPath: string, storeDir: string): StdioServerDefinition {
  return {
    label: 'AI Learning Analytics (your patterns and usage, read-only)',
    command: process.execPath,
    args: [path.join(extensionPath, 'dist', 'cli.js'), 'mcp', '--store', storeDir],
    env: { ELECTRON_RUN_AS_NODE: '1' },
  };
}

/**
 * Offers the MCP server to VS Code's agents where the host has the API; returns whether it did. On an older VS Code
 * the README's `claude mcp add` / Codex configuration lines are the way to use it.
 */
export function registerMcpServer(context: vscode.ExtensionContext, log: Log): boolean {
  const api = vscode as unknown as { lm?: Partial<McpApi>; McpStdioServerDefinition?: McpStdioCtor };
  const lm = api.lm;
  const Definition = api.McpStdioServerDefinition;
  if (lm?.registerMcpServerDefinitionProvider === undefined || Definition === undefined) {
    log.info('MCP: this VS Code has no MCP server API (1.101 or newer); the server is still available as `ai-learning mcp`');
    return false;
  }
  const def = mcpServerDefinition(context.extensionUri.fsPath, context.globalStorageUri.fsPath);
  context.subscriptions.push(lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, {
    provideMcpServerDefinitions: () => [new Definition(def.label, def.command, def.args, def.env)],
  }));
  return true;
}
