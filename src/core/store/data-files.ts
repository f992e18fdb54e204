/**
 * What "Delete All Data" removes besides the store itself: every file and folder the extension wrote in its
 * global storage folder and in each workspace's storage folder (`capture-survival.json` holds file paths).
 *
 * Left to the store worker: `journal/`, `snapshots/` and `owner.lock` (it removes them under its own rules and
 * goes on writing into an empty store; deleting them from here could remove a segment written since), and
 * `store-epoch.json` (a counter of deletes other windows read, no personal data: it must outlive the delete). Kept:
 * `models/`, a public sentence model downloaded with the user's consent (no personal data; deleting it would
 * only mean downloading it again).
 */
import fs from 'node:fs';
import path from 'node:path';
import { EPOCH_FILE } from './epoch';

/** Where the extension writes. */
export interface DataLocations {
  /** The extension's global storage folder (`ExtensionContext.globalStorageUri`). */
  globalStorageDir: string;
  /** VS Code's `workspaceStorage` folder (each workspace's `<hash>/<extensionId>/` lies inside), if known. */
  workspaceStorageRoot?: string;
  /** `publisher.name`: the folder name VS Code gives the extension inside each workspace's storage. */
  extensionId: string;
}

/** Entries of the global storage folder the store worker deletes itself. */
export const STORE_ENTRIES: readonly string[] = ['journal', 'snapshots', 'owner.lock', EPOCH_FILE];
/** Entries kept (no personal data). */
export const KEPT_ENTRIES: readonly string[] = ['models'];

export interface DataFiles {
  /** Files and folders to remove (absolute paths), existing ones only. */
  remove: string[];
  /** Present, kept on purpose (see `KEPT_ENTRIES`). */
  kept: string[];
}

const list = (dir: string): string[] => {
  try {
    return fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
};

/** Lists what to delete at `loc` (reads the directories; deletes nothing). */
export function dataFiles(loc: DataLocations): DataFiles {
  const out: DataFiles = { remove: [], kept: [] };
  for (const name of list(loc.globalStorageDir)) {
    const p = path.join(loc.globalStorageDir, name);
    if (KEPT_ENTRIES.includes(name)) out.kept.push(p);
    else if (!STORE_ENTRIES.includes(name) && !name.startsWith('owner.lock.')) out.remove.push(p);
  }
  if (loc.workspaceStorageRoot) {
    for (const ws of list(loc.workspaceStorageRoot)) {
      const mine = path.join(loc.workspaceStorageRoot, ws, loc.extensionId);
      for (const name of list(mine)) out.remove.push(path.join(mine, name));
    }
  }
  return out;
}

/** Removes what `dataFiles` listed; returns how many entries went and which could not be removed. */
export function removeDataFiles(files: DataFiles): { removed: number; failed: string[] } {
  let removed = 0;
  const failed: string[] = [];
  for (const p of files.remove) {
    try {
      fs.rmSync(p, { recursive: true, force: true });
      removed++;
    } catch {
      failed.push(p);
    }
  }
  return { removed, failed };
}
