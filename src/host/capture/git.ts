import * as vscode from 'vscode';
import type { CommitFile } from '../../core/capture/activity';
import type { CaptureEngine } from '../../core/capture/engine';
import { describeError, type Log } from '../log';
import type { GitApi, GitExtension, Repository } from './git-api';
import { openText } from './documents';

/** Patches read per commit; beyond this only the file count is recorded. */
const MAX_FILES = 100;

/**
 * Commits through the built-in git extension: a HEAD change whose new commit has the previous HEAD as a
 * parent is a new commit (also when made in a terminal; `onDidCommit` would miss those). Checkouts, pulls
 * and rebases move HEAD without that parent link and are not commits. The branch is recorded when it changes.
 */
export function collectGit(engine: CaptureEngine, log: Log): vscode.Disposable {
  const subs: vscode.Disposable[] = [];
  let disposed = false;
  const watch = (repo: Repository): void => {
    let head = repo.state.HEAD?.commit;
    let branch = repo.state.HEAD?.name;
    if (branch) engine.onContext({ what: 'branch', branch });
    subs.push(repo.state.onDidChange(() => {
      const now = repo.state.HEAD;
      if (now?.name !== branch && now?.name) {
        branch = now.name;
        engine.onContext({ what: 'branch', branch });
      }
      if (!now?.commit || now.commit === head) return;
      const prev = head;
      head = now.commit;
      if (prev) {
        recordCommit(engine, repo, prev, now.commit, now.name).catch((e: unknown) => log.error('capture: commit not recorded', e));
      }
    }));
  };
  const start = (api: GitApi): void => {
    if (disposed) return;
    api.repositories.forEach(watch);
    subs.push(api.onDidOpenRepository(watch));
  };
  void gitApi().then(
    (api) => {
      if (!api) log.info('capture: git extension not available; commits are not recorded');
      else if (api.state === 'initialized') start(api);
      else subs.push(api.onDidChangeState((s) => s === 'initialized' && start(api)));
    },
    (e: unknown) => log.warn(`capture: git API unavailable: ${describeError(e)}`),
  );
  return new vscode.Disposable(() => {
    disposed = true;
    for (const s of subs) s.dispose();
  });
}

async function gitApi(): Promise<GitApi | undefined> {
  const ext = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!ext) return undefined;
  const exports = ext.isActive ? ext.exports : await ext.activate();
  return exports.enabled ? exports.getAPI(1) : undefined;
}

async function recordCommit(engine: CaptureEngine, repo: Repository, prev: string, head: string, branch: string | undefined): Promise<void> {
  const commit = await repo.getCommit(head);
  if (!commit.parents.includes(prev)) return;
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
