import * as vscode from 'vscode';
import type { CommitFile } from '../../core/capture/activity';
import type { CaptureEngine } from '../../core/capture/engine';
import { watchNewCommits } from '../git-commits';
import type { Log } from '../log';
import type { Repository } from './git-api';
import { openText } from './documents';

/** Patches read per commit; beyond this only the file count is recorded. */
const MAX_FILES = 100;

/**
 * Commits through the built-in git extension (see `watchNewCommits`), with their files, line counts and
 * AI lines; the branch is recorded when it changes.
 */
export function collectGit(engine: CaptureEngine, log: Log): vscode.Disposable {
  const branches = new Map<Repository, string | undefined>();
  return watchNewCommits({
    onStateChange: (repo) => {
      const name = repo.state.HEAD?.name;
      if (name && branches.get(repo) !== name) engine.onContext({ what: 'branch', branch: name });
      branches.set(repo, name);
    },
    onNewCommit: (repo, prev, head) => recordCommit(engine, repo, prev, head, repo.state.HEAD?.name),
  }, log, 'capture');
}

async function recordCommit(engine: CaptureEngine, repo: Repository, prev: string, head: string, branch: string | undefined): Promise<void> {
  const changes = await repo.diffBetween(prev, head);
  const files: CommitFile[] = [];
  for (const change of changes.slice(0, MAX_FILES)) {
    const uri = change.uri.toString();
    const patch = await repo.diffBetween(prev, head, change.uri.fsPath);
    files.push({ uri, patch, text: engine.survival.tracks(uri) ? await currentText(change.uri) : undefined });
  }
  engine.onCommit({ hash: head, repoKey: repo.rootUri.toString(), branch, files, extraFiles: Math.max(0, changes.length - MAX_FILES) });
  engine.onContext({ what: 'dirty', dirtyFiles: repo.state.workingTreeChanges.length + repo.state.indexChanges.length });
}

/** The open document's text, else the file's (only for files with tracked AI code). */
async function currentText(uri: vscode.Uri): Promise<string | undefined> {
  const open = openText(uri.toString());
  if (open !== undefined) return open;
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined; // deleted in the commit: nothing of it survives to count
  }
}
