import * as vscode from 'vscode';
import { shortHash } from '../../core/util/hash';

/**
 * The names of this window's workspace folders by the hashes the store knows them under: capture hashes a
 * folder's URI, the importers (Claude Code, Codex) the folder's path, so both map to the folder's name. Nothing
 * is stored: other projects show as a short hash.
 */
export function openProjectNames(): Record<string, string> {
  const names: Record<string, string> = {};
  for (const f of vscode.workspace.workspaceFolders ?? []) {
    names[shortHash(f.uri.toString())] = f.name;
    names[shortHash(f.uri.fsPath)] = f.name;
  }
  return names;
}
