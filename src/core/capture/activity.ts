import type { CommitEvent, ContextEvent, ToolRunEvent } from '../model/events';
import { recogniseCommand } from './commands';
import { countAiLines, parseUnifiedDiff } from './git-diff';
import { redactSecrets } from './redact';
import type { CaptureLevel } from './types';

/** A tool run counts as "after AI" when an AI insertion happened this long before it. */
export const AFTER_AI_WINDOW_MS = 10 * 60_000;

/** A terminal command that ended (shell integration). */
export interface TerminalRun {
  commandLine: string;
  /** `undefined`: the shell did not report one (Ctrl+C, subshell, ...). */
  exitCode?: number;
  durationMs?: number;
}

/** A task process that ended. */
export interface TaskRun {
  name: string;
  exitCode?: number;
  durationMs?: number;
}

/** One file of a new commit: its patch against the previous HEAD, and its current text when AI code was tracked in it. */
export interface CommitFile {
  uri: string;
  patch: string;
  text?: string;
}

/** A new commit noticed from a HEAD change. */
export interface CommitInput {
  hash: string;
  /** Stable key of the repository (its root URI); hashed before storing. */
  repoKey: string;
  branch?: string;
  files: CommitFile[];
  /** Files changed beyond those whose patches were read (large commits). */
  extraFiles?: number;
}

interface Common {
  ts: number;
  session?: string;
  lastAiTs: number;
  level: CaptureLevel;
}

/** `ToolRunEvent` for a terminal command: tool name, exit code, duration, test run recognition. */
export function terminalEvent(run: TerminalRun, c: Common): ToolRunEvent {
  const info = recogniseCommand(run.commandLine);
  const ev: ToolRunEvent = { kind: 'tool_run', ts: c.ts, tool: info.tool || 'shell', source: 'terminal', isTest: info.isTest };
  finish(ev, run.exitCode, run.durationMs, c);
  // Cut before redacting (the host's thread pays for it), then to the stored length.
  if (c.level === 'text') ev.command = redactSecrets(run.commandLine, 4096).text.slice(0, 500);
  return ev;
}

/** `ToolRunEvent` for a task (its name may say it is a test task). */
export function taskEvent(run: TaskRun, c: Common): ToolRunEvent {
  const isTest = /\btests?\b/i.test(run.name) || recogniseCommand(run.name).isTest;
  const ev: ToolRunEvent = { kind: 'tool_run', ts: c.ts, tool: run.name.slice(0, 80) || 'task', source: 'task', isTest };
  finish(ev, run.exitCode, run.durationMs, c);
  return ev;
}

function finish(ev: ToolRunEvent, exitCode: number | undefined, durationMs: number | undefined, c: Common): void {
  if (exitCode !== undefined) {
    ev.exitCode = exitCode;
    ev.success = exitCode === 0;
  }
  if (durationMs !== undefined && durationMs >= 0) ev.durationMs = Math.round(durationMs);
  if (c.session) ev.session = c.session;
  if (c.ts - c.lastAiTs <= AFTER_AI_WINDOW_MS) ev.afterAi = true;
}

/** `CommitEvent` with per-file line counts from the patches and AI lines from `aiLines(uri, text)`. */
export function commitEvent(
  input: CommitInput, c: Common, repoHash: string, aiLines: (uri: string, text: string) => ReadonlySet<number>,
): CommitEvent {
  let added = 0;
  let removed = 0;
  let ai = 0;
  for (const f of input.files) {
    const d = parseUnifiedDiff(f.patch);
    added += d.linesAdded;
    removed += d.linesRemoved;
    if (f.text !== undefined) ai += countAiLines(d.addedLines, aiLines(f.uri, f.text));
  }
  const ev: CommitEvent = {
    kind: 'commit', ts: c.ts, hash: input.hash, repoHash, filesChanged: input.files.length + (input.extraFiles ?? 0),
    linesAdded: added, linesRemoved: removed, aiLines: ai,
  };
  if (input.branch) ev.branch = input.branch;
  if (c.session) ev.session = c.session;
  return ev;
}

/** `ContextEvent` stamped with time and session. */
export function contextEvent(fields: Omit<ContextEvent, 'kind' | 'ts' | 'session'>, ts: number, session?: string): ContextEvent {
  const ev: ContextEvent = { kind: 'context', ts, ...fields };
  if (session) ev.session = session;
  return ev;
}
