/**
 * Where VS Code keeps this extension's store: `<User>/globalStorage/<publisher>.<name>/` of VS Code, Insiders,
 * VSCodium or code-server, per OS. The CLI takes `--store DIR` (or `$AI_LEARNING_STORE`) first, else the
 * candidate that exists and was written most recently.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** `publisher.name` of package.json, lower-cased as VS Code names the folder. */
export const EXTENSION_ID = 'ai-learning-analytics.ai-learning-analytics';

const PRODUCTS = ['Code', 'Code - Insiders', 'VSCodium', 'VSCodium - Insiders'];

export interface LocateEnv {
  platform: NodeJS.Platform;
  home: string;
  env: NodeJS.ProcessEnv;
}

const here = (): LocateEnv => ({ platform: process.platform, home: os.homedir(), env: process.env });

/** Every `<User>` folder a VS Code flavour uses on this OS, in a fixed order. */
export function userDirs(e: LocateEnv = here()): string[] {
  const p = e.platform === 'win32' ? path.win32 : path.posix;
  let base: string;
  if (e.platform === 'win32') base = e.env.APPDATA ?? p.join(e.home, 'AppData', 'Roaming');
  else if (e.platform === 'darwin') base = p.join(e.home, 'Library', 'Application Support');
  else base = e.env.XDG_CONFIG_HOME ?? p.join(e.home, '.config');
  const dirs = PRODUCTS.map((product) => p.join(base, product, 'User'));
  // code-server keeps its user data under XDG_DATA_HOME on every OS it runs on.
  const data = e.env.XDG_DATA_HOME ?? p.join(e.home, '.local', 'share');
  dirs.push(p.join(data, 'code-server', 'User'));
  return dirs;
}

/** The store folders that could exist (`<User>/globalStorage/<id>`). */
export function candidateStores(e: LocateEnv = here()): string[] {
  const p = e.platform === 'win32' ? path.win32 : path.posix;
  return userDirs(e).map((u) => p.join(u, 'globalStorage', EXTENSION_ID));
}

function lastWrite(dir: string): number {
  let newest = -1;
  for (const sub of ['snapshots', 'journal']) {
    try {
      newest = Math.max(newest, fs.statSync(path.join(dir, sub)).mtimeMs);
    } catch {
      // absent
    }
  }
  return newest;
}

export interface Located {
  dir: string;
  /** How it was chosen, for `--json` and error messages. */
  how: 'flag' | 'env' | 'found';
  /** Folders looked at when nothing was given. */
  searched: string[];
}

/** The store to read, or an Error that lists where it looked. */
export function locateStore(flag: string | undefined, e: LocateEnv = here()): Located | Error {
  if (flag !== undefined) return { dir: path.resolve(flag), how: 'flag', searched: [] };
  const env = e.env.AI_LEARNING_STORE;
  if (env) return { dir: path.resolve(env), how: 'env', searched: [] };
  const searched = candidateStores(e);
  const found = searched.map((dir) => ({ dir, t: lastWrite(dir) })).filter((c) => c.t >= 0).sort((a, b) => b.t - a.t);
  if (found.length === 0) {
    return new Error(`no AI Learning Analytics store found; looked in:\n  ${searched.join('\n  ')}\nPass --store DIR (the extension's global storage folder).`);
  }
  return { dir: found[0].dir, how: 'found', searched };
}
