/**
 * `ai-learning import`: the extension's importers run headless. Cursors come from the store (read-only copy);
 * events go to a journal of the CLI's own (segments keyed `cli_import_<random>...`, the same CRC-framed format), which the
 * extension folds in like another window's. Nothing else in the store folder is touched.
 */
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { StoreQueries } from '../core/dashboard/data';
import type { DiscoveryRoots } from '../core/importers/discovery';
import type { ImportSummary } from '../core/importers/import-protocol';
import { importOptionsFor } from '../core/importers/options';
import { runImport } from '../core/importers/run-import';
import type { FileCursor, ImportSource } from '../core/importers/types';
import { JournalWriter } from '../core/store/journal-writer';
import { journalDir } from '../core/store/segments';

export const ALL_SOURCES: readonly ImportSource[] = [
  'copilotChat', 'copilotCli', 'claudeCode', 'codex', 'continue', 'aider', 'geminiCli', 'cursor', 'windsurf', 'cline',
  'rooCode', 'kiloCode', 'opencode', 'kiro', 'amp',
];

export interface CliImportArgs {
  storeDir: string;
  sources: readonly ImportSource[];
  /** Folders whose `.aider.chat.history.md` is read (default: the current folder). */
  workspaceFolders: string[];
  /** Also Copilot Chat sessions of every workspace under `<User>/workspaceStorage`. */
  allWorkspaces: boolean;
  dryRun: boolean;
  homeDir?: string;
  env?: NodeJS.ProcessEnv;
  quietMs?: number;
  onProgress?: (done: number, total: number, file: string) => void;
}

/** Where the logs are, seen from the store folder `<User>/globalStorage/<id>`. */
export function cliRoots(a: CliImportArgs): DiscoveryRoots {
  const env = a.env ?? process.env;
  const userDir = path.resolve(a.storeDir, '..', '..');
  return {
    homeDir: a.homeDir ?? os.homedir(),
    globalStorageDir: path.join(userDir, 'globalStorage'),
    allWorkspacesDir: a.allWorkspaces ? path.join(userDir, 'workspaceStorage') : undefined,
    workspaceFolders: a.workspaceFolders,
    codexHome: env.CODEX_HOME,
    claudeConfigDir: env.CLAUDE_CONFIG_DIR,
    copilotHome: env.COPILOT_HOME,
    dataHome: env.XDG_DATA_HOME,
    localAppData: env.LOCALAPPDATA,
    appDataDir: env.APPDATA,
    geminiCliHome: env.GEMINI_CLI_HOME,
    opencodeDataDir: env.OPENCODE_DATA_DIR,
    kiroHome: env.KIRO_HOME,
    copilotOtelFile: env.COPILOT_OTEL_FILE_EXPORTER_PATH,
  };
}

/** Runs the import; `writer` is the segment key written (undefined on a dry run). */
export async function runCliImport(store: StoreQueries, a: CliImportArgs): Promise<ImportSummary & { writer?: string }> {
  const rows = await store.query('importCursors', {});
  const cursors = new Map<string, FileCursor>(rows.map((r) => [r.fileKey, {
    fileKey: r.fileKey, size: r.size, mtimeMs: r.mtimeMs, offset: r.offset,
    ...(r.lastRecordId !== null ? { lastRecordId: r.lastRecordId } : {}),
  }]));
  const writer = a.dryRun ? undefined : JournalWriter.open({ dir: journalDir(a.storeDir), writerId: `cli-import-${randomBytes(3).toString('hex')}` });
  try {
    const summary = await runImport({
      roots: cliRoots(a), sources: new Set(a.sources), cursors,
      // Prompt text is never stored from the CLI: the privacy default of the setting, with no way to read the user's choice here.
      options: importOptionsFor({ sources: [...a.sources], includeText: false, pricingOverrides: {}, quietMs: a.quietMs }),
      sink: writer ?? { append: () => undefined }, dryRun: a.dryRun,
      onProgress: (done, total, r) => a.onProgress?.(done, total, r.path),
    });
    return writer ? { ...summary, writer: writer.key } : summary;
  } finally {
    await writer?.close();
  }
}
