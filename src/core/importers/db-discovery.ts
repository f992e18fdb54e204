import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DiscoveryRoots } from './discovery';
import type { FoundFile, ImportSource } from './types';

/**
 * Where the SQLite sources live, on Linux, macOS and Windows (every candidate is probed; a missing one adds
 * nothing). `<App>` is a VS Code-family user folder: `~/.config/<App>/User` (Linux), `~/Library/Application
 * Support/<App>/User` (macOS), `%APPDATA%\<App>\User` (Windows), and the remote server's `~/.<app>-server/data/User`.
 * - Cursor: `<Cursor>/User/globalStorage/state.vscdb` (composers and bubbles) and
 *   `<Cursor>/User/workspaceStorage/<id>/state.vscdb` (older chat tabs); `~/.cursor/ai-tracking/ai-code-tracking.db`.
 * - Windsurf: `<Windsurf>/User/workspaceStorage/<id>/state.vscdb` and its globalStorage one.
 * - OpenCode: `$OPENCODE_DATA_DIR`, else `$XDG_DATA_HOME/opencode`, else `~/.local/share/opencode` (OpenCode uses the
 *   XDG layout on every platform), file `opencode.db`.
 */
export async function discoverDatabases(roots: DiscoveryRoots, enabled: ReadonlySet<ImportSource>): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  if (enabled.has('cursor')) {
    for (const user of userDirs(roots, 'Cursor', '.cursor-server')) {
      for (const f of await stateDbs(user)) found.push({ path: f, format: 'cursor-state', source: 'cursor' });
    }
    const tracking = join(roots.homeDir, '.cursor', 'ai-tracking', 'ai-code-tracking.db');
    if (await isFile(tracking)) found.push({ path: tracking, format: 'cursor-tracking', source: 'cursor' });
  }
  if (enabled.has('windsurf')) {
    for (const user of userDirs(roots, 'Windsurf', '.windsurf-server')) {
      for (const f of await stateDbs(user)) found.push({ path: f, format: 'windsurf-state', source: 'windsurf' });
    }
  }
  if (enabled.has('opencode')) {
    for (const dir of opencodeDirs(roots)) {
      const f = join(dir, 'opencode.db');
      if (await isFile(f)) found.push({ path: f, format: 'opencode-db', source: 'opencode' });
    }
  }
  return found;
}

/** The user folders of a VS Code-family app on every platform, de-duplicated. */
export function userDirs(roots: DiscoveryRoots, app: string, server: string): string[] {
  const home = roots.homeDir;
  const appData = roots.appDataDir ?? join(home, 'AppData', 'Roaming');
  return [...new Set([
    join(home, '.config', app, 'User'),
    join(home, 'Library', 'Application Support', app, 'User'),
    join(appData, app, 'User'),
    join(home, server, 'data', 'User'),
  ])];
}

function opencodeDirs(roots: DiscoveryRoots): string[] {
  const dirs = [join(roots.dataHome ?? join(roots.homeDir, '.local', 'share'), 'opencode'), join(roots.homeDir, '.local', 'share', 'opencode')];
  if (roots.opencodeDataDir !== undefined) dirs.unshift(roots.opencodeDataDir);
  return [...new Set(dirs)];
}

/** `globalStorage/state.vscdb` and every `workspaceStorage/<id>/state.vscdb` under a user folder. */
async function stateDbs(user: string): Promise<string[]> {
  const out: string[] = [];
  const global = join(user, 'globalStorage', 'state.vscdb');
  if (await isFile(global)) out.push(global);
  let ids: string[];
  try {
    ids = (await readdir(join(user, 'workspaceStorage'), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch {
    return out;
  }
  for (const id of ids) {
    const f = join(user, 'workspaceStorage', id, 'state.vscdb');
    if (await isFile(f)) out.push(f);
  }
  return out;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
