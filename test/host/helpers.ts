import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/host/owner';

export const EXTENSION_ID = 'ai-learning-analytics.ai-learning-analytics';

/** The extension under test, activated; its API is what `activate` returned. */
export async function activeApi(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded`);
  return ext.activate();
}

/** Polls `check` until it returns a truthy value or `timeoutMs` passes (then throws with `what`). */
export async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Where the first run leaves what the run after the window reload must find again. */
export function reloadMarkerPath(): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!folder) throw new Error('the host tests need a workspace folder');
  return path.join(folder, '.ala-reload-check.json');
}

/**
 * A git repository in `dir` with one initial commit, and a `git` runner for it (a fixed test identity).
 * Returns undefined when the git CLI is missing, so the caller can skip and say so.
 */
export function initGitRepo(dir: string): ((...args: string[]) => string) | undefined {
  const git = (...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=Host Test', '-c', 'user.email=host@test.invalid', ...args], { cwd: dir, encoding: 'utf8' });
  try {
    git('--version');
  } catch {
    return undefined;
  }
  git('init', '-q');
  writeFileSync(path.join(dir, 'README.md'), 'repo\n');
  git('add', 'README.md');
  git('commit', '-q', '-m', 'initial');
  return git;
}
