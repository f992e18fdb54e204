import * as vscode from 'vscode';
import type { GitApi, GitExtension, Repository } from './capture/git-api';
import { describeError, type Log } from './log';

/** What a new commit's watcher is told. */
export interface CommitHandlers {
  /** A new commit `head` on top of `prev` (made in VS Code or in a terminal). */
  onNewCommit(repo: Repository, prev: string, head: string): Promise<void>;
  /** Every change of a repository's state, before commits are looked at (e.g. branch names). */
  onStateChange?(repo: Repository): void;
}

/**
 * New commits through the built-in git extension: a HEAD change whose new commit has the previous HEAD
 * as a parent (`onDidCommit` misses commits made in a terminal). Checkouts, pulls and rebases move HEAD
 * without that parent link and are not commits. Repositories opened later are watched too.
 * `what` names the feature in log lines.
 */
export function watchNewCommits(handlers: CommitHandlers, log: Log, what: string): vscode.Disposable {
  const subs: vscode.Disposable[] = [];
  let disposed = false;
  const watch = (repo: Repository): void => {
    let head = repo.state.HEAD?.commit;
    handlers.onStateChange?.(repo);
    subs.push(repo.state.onDidChange(() => {
      if (disposed) return;
      handlers.onStateChange?.(repo);
      const now = repo.state.HEAD?.commit;
      if (!now || now === head) return;
      const prev = head;
      head = now;
      if (prev) void isChildOf(repo, now, prev).then(
        (child) => (child && !disposed ? handlers.onNewCommit(repo, prev, now) : undefined),
      ).catch((e: unknown) => log.error(`${what}: commit not processed`, e));
    }));
  };
  const start = (api: GitApi): void => {
    if (disposed) return;
    api.repositories.forEach(watch);
    subs.push(api.onDidOpenRepository(watch));
  };
  void gitApi().then(
    (api) => {
      if (!api) log.info(`${what}: git extension not available; commits are not seen`);
      else if (api.state === 'initialized') start(api);
      else subs.push(api.onDidChangeState((s) => s === 'initialized' && start(api)));
    },
    (e: unknown) => log.warn(`${what}: git API unavailable: ${describeError(e)}`),
  );
  return new vscode.Disposable(() => {
    disposed = true;
    for (const s of subs) s.dispose();
  });
}

async function isChildOf(repo: Repository, head: string, prev: string): Promise<boolean> {
  return (await repo.getCommit(head)).parents.includes(prev);
}

async function gitApi(): Promise<GitApi | undefined> {
  const ext = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!ext) return undefined;
  const exports = ext.isActive ? ext.exports : await ext.activate();
  return exports.enabled ? exports.getAPI(1) : undefined;
}
