import { join } from 'node:path';

/**
 * The `User/globalStorage` folders of the VS Code family where other extensions keep their data: VS Code,
 * Insiders, VSCodium, Cursor and Windsurf on Linux (`~/.config/<App>`), macOS (`~/Library/Application
 * Support/<App>`) and Windows (`%APPDATA%\<App>`), their remote servers' `~/.<server>/data`, and the running
 * editor's own (which covers code-server and portable installs). Folders that do not exist are simply empty.
 */
const APPS = ['Code', 'Code - Insiders', 'VSCodium', 'Cursor', 'Windsurf'];
const SERVERS = ['.vscode-server', '.vscode-server-insiders', '.vscodium-server', '.cursor-server', '.windsurf-server', '.vscode-remote'];

export function globalStorageDirs(homeDir: string, appDataDir: string | undefined, own: string | undefined): string[] {
  const bases = [join(homeDir, '.config'), join(homeDir, 'Library', 'Application Support')];
  if (appDataDir !== undefined) bases.push(appDataDir);
  const dirs = bases.flatMap((b) => APPS.map((app) => join(b, app, 'User', 'globalStorage')));
  dirs.push(...SERVERS.map((s) => join(homeDir, s, 'data', 'User', 'globalStorage')));
  if (own !== undefined) dirs.unshift(own);
  return [...new Set(dirs)];
}

/** The Cline family's extension folders under `globalStorage`, by import source. */
export const CLINE_EXTENSIONS = [
  { source: 'cline', format: 'cline', folder: 'saoudrizwan.claude-dev' },
  { source: 'rooCode', format: 'roo-code', folder: 'rooveterinaryinc.roo-cline' },
  { source: 'kiloCode', format: 'kilo-code', folder: 'kilocode.kilo-code' },
] as const;
