import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { continueEventName } from './continue-dev-data';
import { discoverDatabases } from './db-discovery';
import type { FoundFile, ImportSource } from './types';
import { CLINE_EXTENSIONS, globalStorageDirs } from './vscode-family';

/** Where to look. All optional: a missing directory simply contributes nothing. */
export interface DiscoveryRoots {
  homeDir: string;
  /** `<User>/workspaceStorage/<id>`: the parent of the extension's `storageUri` (undefined with no folder open). */
  workspaceStorageDir?: string;
  /** `<User>/globalStorage` (for `emptyWindowChatSessions`). */
  globalStorageDir?: string;
  /** Also every other workspace's chat sessions under `<User>/workspaceStorage/*`. */
  allWorkspacesDir?: string;
  workspaceFolders: string[];
  /** `$CODEX_HOME` when set, else `~/.codex`. */
  codexHome?: string;
  /** `$CLAUDE_CONFIG_DIR` when set; `~/.claude` and `~/.config/claude` are always probed. */
  claudeConfigDir?: string;
  /** `$COPILOT_HOME` when set, else `~/.copilot` (Copilot CLI). */
  copilotHome?: string;
  /** `$XDG_DATA_HOME` when set, else `~/.local/share` (Amp's threads on Linux and macOS). */
  dataHome?: string;
  /** `%LOCALAPPDATA%` on Windows (Amp's threads). */
  localAppData?: string;
  /** `%APPDATA%` on Windows: where the VS Code family's user folders are. */
  appDataDir?: string;
  /** `$GEMINI_CLI_HOME` when set: Gemini CLI then keeps `.gemini` there instead of in the home folder. */
  geminiCliHome?: string;
  /** `$OPENCODE_DATA_DIR` when set. */
  opencodeDataDir?: string;
  /** `$COPILOT_OTEL_FILE_EXPORTER_PATH` when set: Copilot CLI's OpenTelemetry file export, wherever it is. */
  copilotOtelFile?: string;
  /** `$KIRO_HOME` when set, else `~/.kiro` (on Windows `%USERPROFILE%\\.kiro`, the home folder's). */
  kiroHome?: string;
}

/** Finds the known log files of the enabled sources. Never throws; unreadable directories are skipped. */
export async function discoverFiles(roots: DiscoveryRoots, enabled: ReadonlySet<ImportSource>): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  if (enabled.has('copilotChat')) found.push(...(await copilotFiles(roots)));
  if (enabled.has('claudeCode')) {
    for (const dir of claudeDirs(roots)) {
      for (const project of await subdirs(join(dir, 'projects'))) {
        for (const f of await files(project, /\.jsonl$/)) found.push({ path: f, format: 'claude-code', source: 'claudeCode' });
        // Sub-agent transcripts: <project>/<session>/subagents/agent-*.jsonl.
        for (const session of await subdirs(project)) {
          for (const f of await files(join(session, 'subagents'), CLAUDE_SUBAGENT)) found.push({ path: f, format: 'claude-code', source: 'claudeCode' });
        }
      }
    }
  }
  if (enabled.has('codex')) {
    const sessions = join(roots.codexHome ?? join(roots.homeDir, '.codex'), 'sessions');
    for (const f of await walk(sessions, /^rollout-.*\.jsonl$/, 4)) found.push({ path: f, format: 'codex', source: 'codex' });
  }
  if (enabled.has('continue')) {
    const devData = join(roots.homeDir, '.continue', 'dev_data');
    for (const f of await walk(devData, /\.jsonl$/, 2)) {
      if (continueEventName(f) !== undefined) found.push({ path: f, format: 'continue', source: 'continue' });
    }
  }
  if (enabled.has('aider')) {
    for (const folder of roots.workspaceFolders) {
      const f = join(folder, '.aider.chat.history.md');
      if (await isFile(f)) found.push({ path: f, format: 'aider', source: 'aider' });
    }
  }
  if (enabled.has('copilotCli')) {
    const state = copilotSessionState(roots);
    for (const f of await files(state, /\.jsonl$/)) found.push({ path: f, format: 'copilot-cli', source: 'copilotCli' });
    for (const session of await subdirs(state)) {
      const f = join(session, 'events.jsonl');
      if (await isFile(f)) found.push({ path: f, format: 'copilot-cli', source: 'copilotCli' });
    }
    found.push(...(await copilotOtelFiles(roots, state)));
  }
  if (enabled.has('amp')) {
    for (const dir of ampThreadDirs(roots)) for (const f of await files(dir, AMP_THREAD)) found.push({ path: f, format: 'amp', source: 'amp' });
  }
  if (enabled.has('geminiCli')) found.push(...(await geminiFiles(roots)));
  if (enabled.has('kiro')) found.push(...(await kiroFiles(roots)));
  found.push(...(await clineFiles(roots, enabled)));
  // SQLite sources are read at each import run, not watched: their files change on every UI action.
  found.push(...(await discoverDatabases(roots, enabled)));
  return found;
}

const AMP_THREAD = /^T-.*\.json$/;

/** Copilot CLI's OpenTelemetry file export: `<COPILOT_HOME or ~/.copilot>/otel/*.jsonl` and `$COPILOT_OTEL_FILE_EXPORTER_PATH`. */
async function copilotOtelFiles(roots: DiscoveryRoots, sessionState: string): Promise<FoundFile[]> {
  const paths = await files(copilotOtelDir(roots), /\.jsonl$/);
  if (roots.copilotOtelFile !== undefined && !paths.includes(roots.copilotOtelFile) && (await isFile(roots.copilotOtelFile))) paths.push(roots.copilotOtelFile);
  return paths.map((path) => ({ path, format: 'copilot-otel', source: 'copilotCli', sessionState }));
}

function copilotOtelDir(roots: DiscoveryRoots): string {
  return join(roots.copilotHome ?? join(roots.homeDir, '.copilot'), 'otel');
}

/** Copilot CLI's sessions: `<COPILOT_HOME or ~/.copilot>/session-state/` (`<id>/events.jsonl`, older builds `<id>.jsonl`). */
function copilotSessionState(roots: DiscoveryRoots): string {
  return join(roots.copilotHome ?? join(roots.homeDir, '.copilot'), 'session-state');
}

/**
 * Amp's thread folders: `$XDG_DATA_HOME`'s where set, and `~/.local/share`'s always (Linux, macOS: an editor started
 * with its own XDG folders, as code-server is, would otherwise hide the user's threads), and `%LOCALAPPDATA%`'s (Windows).
 */
function ampThreadDirs(roots: DiscoveryRoots): string[] {
  const dirs = [join(roots.homeDir, '.local', 'share', 'amp', 'threads')];
  if (roots.dataHome !== undefined) dirs.unshift(join(roots.dataHome, 'amp', 'threads'));
  if (roots.localAppData !== undefined) dirs.push(join(roots.localAppData, 'amp', 'threads'));
  return [...new Set(dirs)];
}

/** Cline, Roo Code, Kilo Code: `<globalStorage>/<extension>/tasks/<taskId>/ui_messages.json` in every VS Code-family folder. */
async function clineFiles(roots: DiscoveryRoots, enabled: ReadonlySet<ImportSource>): Promise<FoundFile[]> {
  const out: FoundFile[] = [];
  const wanted = CLINE_EXTENSIONS.filter((e) => enabled.has(e.source));
  if (wanted.length === 0) return out;
  for (const storage of globalStorageDirs(roots.homeDir, roots.appDataDir, roots.globalStorageDir)) {
    for (const ext of wanted) {
      for (const task of await subdirs(join(storage, ext.folder, 'tasks'))) {
        const f = join(task, 'ui_messages.json');
        if (await isFile(f)) out.push({ path: f, format: ext.format, source: ext.source });
      }
    }
  }
  return out;
}

function kiroSessions(roots: DiscoveryRoots): string {
  return join(roots.kiroHome ?? join(roots.homeDir, '.kiro'), 'sessions');
}

/** Kiro: the CLI's `sessions/cli/<id>.jsonl` and the IDE's `sessions/<id>/messages.jsonl` (each read with its session file). */
async function kiroFiles(roots: DiscoveryRoots): Promise<FoundFile[]> {
  const sessions = kiroSessions(roots);
  const out: FoundFile[] = (await files(join(sessions, 'cli'), /\.jsonl$/)).map((path) => ({ path, format: 'kiro', source: 'kiro' }));
  for (const dir of await subdirs(sessions)) {
    const f = join(dir, 'messages.jsonl');
    if (await isFile(f)) out.push({ path: f, format: 'kiro', source: 'kiro' });
  }
  return out;
}

const GEMINI_SESSION = /^session-.*\.jsonl?$/;

function geminiTmp(roots: DiscoveryRoots): string {
  return join(roots.geminiCliHome ?? roots.homeDir, '.gemini', 'tmp');
}

/** Gemini CLI: `~/.gemini/tmp/<project>/chats/session-*.json[l]` and sub-agents' `chats/<parent>/<id>.jsonl`. */
async function geminiFiles(roots: DiscoveryRoots): Promise<FoundFile[]> {
  const out: FoundFile[] = [];
  for (const project of await subdirs(geminiTmp(roots))) {
    const chats = join(project, 'chats');
    for (const f of await files(chats, GEMINI_SESSION)) out.push({ path: f, format: 'gemini-cli', source: 'geminiCli' });
    for (const parent of await subdirs(chats)) {
      for (const f of await files(parent, /\.jsonl$/)) out.push({ path: f, format: 'gemini-cli', source: 'geminiCli' });
    }
  }
  return out;
}

const CLAUDE_SUBAGENT = /^agent-.*\.jsonl$/;

/** Claude Code's config folders: `$CLAUDE_CONFIG_DIR` first, then `~/.claude` and `~/.config/claude`. */
function claudeDirs(roots: DiscoveryRoots): string[] {
  const dirs = [join(roots.homeDir, '.claude'), join(roots.homeDir, '.config', 'claude')];
  if (roots.claudeConfigDir !== undefined) dirs.unshift(roots.claudeConfigDir);
  return [...new Set(dirs)];
}

/**
 * What the host's file watchers watch, as (folder, glob) pairs: the same places discovery looks, so a file
 * that discovery finds at startup is also picked up while it is written (sub-agent transcripts included).
 */
export function watchPatterns(roots: DiscoveryRoots, enabled: ReadonlySet<ImportSource>): [string, string][] {
  const out: [string, string][] = [];
  if (enabled.has('copilotChat') && roots.workspaceStorageDir !== undefined) {
    out.push([join(roots.workspaceStorageDir, 'chatSessions'), '*.json*'], [join(roots.workspaceStorageDir, 'GitHub.copilot-chat', 'transcripts'), '*.jsonl']);
  }
  if (enabled.has('claudeCode')) {
    for (const dir of claudeDirs(roots)) out.push([join(dir, 'projects'), '*/*.jsonl'], [join(dir, 'projects'), '*/*/subagents/agent-*.jsonl']);
  }
  if (enabled.has('codex')) out.push([join(roots.codexHome ?? join(roots.homeDir, '.codex'), 'sessions'), '**/rollout-*.jsonl']);
  if (enabled.has('continue')) out.push([join(roots.homeDir, '.continue', 'dev_data'), '**/*.jsonl']);
  if (enabled.has('aider')) for (const f of roots.workspaceFolders) out.push([f, '.aider.chat.history.md']);
  if (enabled.has('copilotCli')) {
    out.push([copilotSessionState(roots), '*.jsonl'], [copilotSessionState(roots), '*/events.jsonl'], [copilotOtelDir(roots), '*.jsonl']);
    if (roots.copilotOtelFile !== undefined) out.push([dirname(roots.copilotOtelFile), basename(roots.copilotOtelFile)]);
  }
  if (enabled.has('amp')) for (const dir of ampThreadDirs(roots)) out.push([dir, 'T-*.json']);
  if (enabled.has('geminiCli')) {
    const tmp = geminiTmp(roots);
    out.push([tmp, '*/chats/session-*.json*'], [tmp, '*/chats/*/*.jsonl']);
  }
  if (enabled.has('kiro')) out.push([join(kiroSessions(roots), 'cli'), '*.jsonl'], [kiroSessions(roots), '*/messages.jsonl']);
  // Only the extension folders that exist: a watcher for each of the family's eighteen places would be waste.
  for (const ext of CLINE_EXTENSIONS.filter((e) => enabled.has(e.source))) {
    for (const storage of globalStorageDirs(roots.homeDir, roots.appDataDir, roots.globalStorageDir)) {
      if (existsSync(join(storage, ext.folder))) out.push([join(storage, ext.folder, 'tasks'), '*/ui_messages.json']);
    }
  }
  return out;
}

async function copilotFiles(roots: DiscoveryRoots): Promise<FoundFile[]> {
  const wsDirs = new Set<string>();
  if (roots.workspaceStorageDir !== undefined) wsDirs.add(roots.workspaceStorageDir);
  if (roots.allWorkspacesDir !== undefined) for (const d of await subdirs(roots.allWorkspacesDir)) wsDirs.add(d);
  const sessionDirs = [...wsDirs].map((d) => join(d, 'chatSessions'));
  if (roots.globalStorageDir !== undefined) sessionDirs.push(join(roots.globalStorageDir, 'emptyWindowChatSessions'));
  const out: FoundFile[] = [];
  for (const dir of sessionDirs) {
    for (const f of await files(dir, /\.jsonl?$/)) {
      out.push({ path: f, format: f.endsWith('.jsonl') ? 'copilot-mutation-log' : 'copilot-session-json', source: 'copilotChat' });
    }
  }
  for (const d of wsDirs) {
    for (const f of await files(join(d, 'GitHub.copilot-chat', 'transcripts'), /\.jsonl$/)) {
      out.push({ path: f, format: 'copilot-transcript', source: 'copilotChat' });
    }
  }
  return out;
}

async function entries(dir: string) {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

async function subdirs(dir: string): Promise<string[]> {
  return (await entries(dir)).filter((e) => e.isDirectory()).map((e) => join(dir, e.name)).sort();
}

async function files(dir: string, name: RegExp): Promise<string[]> {
  return (await entries(dir)).filter((e) => e.isFile() && name.test(e.name)).map((e) => join(dir, e.name)).sort();
}

/** Files matching `name` up to `depth` directories below `dir`. */
async function walk(dir: string, name: RegExp, depth: number): Promise<string[]> {
  const out = await files(dir, name);
  if (depth > 0) for (const sub of await subdirs(dir)) out.push(...(await walk(sub, name, depth - 1)));
  return out;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
