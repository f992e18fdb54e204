import { stat } from 'node:fs/promises';
import type { EventSink } from '../model/sink';
import type { RecordedEvent } from '../model/events';
import { aiderParser } from './aider-history';
import { importAmpThread } from './amp';
import { claudeCodeParser } from './claude-code';
import { codexParser } from './codex';
import { continueParserFor } from './continue-dev-data';
import { importCopilotMutationLog } from './copilot-mutation-log';
import { importCopilotSessionJson } from './copilot-session-json';
import { copilotTranscriptParser } from './copilot-transcript';
import { copilotCliParser } from './copilot-cli';
import { importCopilotOtel } from './copilot-otel';
import { findChatFiles } from './chat-file';
import { importClineTask } from './cline-task';
import { importGeminiSession } from './gemini-cli';
import { importKiroExport, importKiroLog } from './kiro';
import { cursorStateReader } from './cursor-state';
import { cursorTrackingReader } from './cursor-tracking';
import { importDatabase } from './db-driver';
import { opencodeDbReader } from './opencode-db';
import { windsurfStateReader } from './windsurf-state';
import { discoverFiles } from './discovery';
import type { DiscoveryRoots } from './discovery';
import type { ImportSummary, SourceSummary } from './import-protocol';
import { fileKeyFor, importLogFile } from './jsonl-driver';
import type { FileCursor, FileImportResult, FoundFile, ImportOptions, ImportSource, SkipReason } from './types';

/** Imports one file of a known format from its cursor. Never throws. */
export async function importFile(
  file: FoundFile,
  cursor: FileCursor | undefined,
  options: ImportOptions,
  sink: (event: RecordedEvent) => void,
  cancelled?: () => boolean,
): Promise<FileImportResult> {
  switch (file.format) {
    case 'copilot-session-json':
      return importCopilotSessionJson(file.path, cursor, options, sink);
    case 'copilot-mutation-log':
      return importCopilotMutationLog(file.path, cursor, options, sink, cancelled);
    case 'copilot-transcript':
      return importLogFile(file.path, file.format, cursor, options, sink, copilotTranscriptParser, cancelled);
    case 'claude-code':
      return importLogFile(file.path, file.format, cursor, options, sink, claudeCodeParser, cancelled);
    case 'codex':
      return importLogFile(file.path, file.format, cursor, options, sink, codexParser, cancelled);
    case 'continue':
      return importLogFile(file.path, file.format, cursor, options, sink, continueParserFor(file.path), cancelled);
    case 'aider':
      return importLogFile(file.path, file.format, cursor, options, sink, aiderParser, cancelled);
    case 'copilot-cli':
      // Replayed from the start: a run's tokens are the increase over the previous shutdown (see copilot-cli.ts).
      return importLogFile(file.path, file.format, cursor, options, sink, copilotCliParser, cancelled, true);
    case 'amp':
      return importAmpThread(file.path, cursor, options, sink);
    case 'gemini-cli':
      return importGeminiSession(file.path, cursor, options, sink, cancelled);
    case 'cline':
    case 'roo-code':
    case 'kilo-code':
      return importClineTask(file.path, file.format, cursor, options, sink);
    case 'cursor-state':
      return importDatabase(file.path, file.format, cursor, options, sink, cursorStateReader, cancelled);
    case 'cursor-tracking':
      return importDatabase(file.path, file.format, cursor, options, sink, cursorTrackingReader, cancelled);
    case 'opencode-db':
      return importDatabase(file.path, file.format, cursor, options, sink, opencodeDbReader, cancelled);
    case 'windsurf-state':
      return importDatabase(file.path, file.format, cursor, options, sink, windsurfStateReader, cancelled);
    case 'kiro':
      return importKiroLog(file.path, cursor, options, sink, cancelled);
    case 'kiro-export':
      return importKiroExport(file.path, cursor, options, sink);
    case 'copilot-otel':
      return importCopilotOtel(file.path, cursor, options, sink, file.sessionState, cancelled);
  }
}

export interface RunImportArgs {
  roots: DiscoveryRoots;
  sources: ReadonlySet<ImportSource>;
  cursors: ReadonlyMap<string, FileCursor>;
  options: ImportOptions;
  sink: EventSink;
  /** Restrict to these paths (a watcher's change). */
  paths?: readonly string[];
  /**
   * Import these files and folders the user chose instead of discovering the known locations (exports and
   * copies live elsewhere); their formats are told from their content, whatever the source settings say.
   */
  chosen?: readonly string[];
  dryRun?: boolean;
  cancelled?: () => boolean;
  onProgress?: (done: number, total: number, result: FileImportResult) => void;
}

/**
 * Discovers and imports every enabled source's files, one after another (bounded memory: one file
 * streamed at a time). Cursors are updated in `cursors`' copy returned in the summary's results, and
 * each file's `import_cursor` event goes to the sink after its records.
 */
export async function runImport(args: RunImportArgs): Promise<ImportSummary> {
  let files = args.chosen !== undefined ? await findChatFiles(args.chosen) : await discoverFiles(args.roots, args.sources);
  if (args.paths !== undefined) {
    const wanted = new Set(args.paths);
    files = files.filter((f) => wanted.has(f.path));
  }
  const summary: ImportSummary = { bySource: {}, files: files.length, records: 0, skipped: 0, rejected: 0, cancelled: false, warnings: [], pending: [] };
  const sink = args.dryRun === true ? () => undefined : (e: RecordedEvent) => args.sink.append(e);
  for (let i = 0; i < files.length; i++) {
    if (args.cancelled?.() === true) {
      summary.cancelled = true;
      break;
    }
    const file = files[i];
    const src = (summary.bySource[file.source] ??= { files: 0, changedFiles: 0, records: 0, skipped: {}, rejected: {} });
    const cursor = args.cursors.get(fileKeyFor(file.path));
    const result = args.dryRun === true ? dryResult(file, cursor) : await importUntilSteady(file, cursor, args, sink);
    addResult(summary, src, result);
    if (args.dryRun !== true && (result.pending ?? result.cursor.offset < result.cursor.size)) summary.pending!.push(file.path);
    args.onProgress?.(i + 1, files.length, result);
  }
  if (args.cancelled?.() === true) summary.cancelled = true;
  return summary;
}

/** Reads of a file that keeps changing while it is read, at most (then it is left pending). */
export const CHANGED_WHILE_READ_RETRIES = 3;

/**
 * Imports a file, and again from the cursor just written while the file changed during the read (its size
 * or mtime differ from what the read started with), so what was appended meanwhile is not left for a
 * change event that already fired. The results are added up; the last cursor wins.
 */
async function importUntilSteady(
  file: FoundFile, cursor: FileCursor | undefined, args: RunImportArgs, sink: (e: RecordedEvent) => void,
): Promise<FileImportResult> {
  let result = await importFile(file, cursor, args.options, sink, args.cancelled);
  // A database is read from one consistent copy; what changed since is read at the next import.
  if (result.pending !== undefined) return result;
  for (let i = 0; i < CHANGED_WHILE_READ_RETRIES && args.cancelled?.() !== true && (await changedSince(file.path, result.cursor)); i++) {
    const again = await importFile(file, result.cursor, args.options, sink, args.cancelled);
    const skipped = { ...result.skipped };
    for (const [reason, n] of Object.entries(again.skipped) as [SkipReason, number][]) skipped[reason] = (skipped[reason] ?? 0) + n;
    result = { ...again, unchanged: false, records: result.records + again.records, skipped };
  }
  return result;
}

async function changedSince(path: string, cursor: FileCursor): Promise<boolean> {
  try {
    const info = await stat(path);
    return info.size !== cursor.size || Math.floor(info.mtimeMs) !== cursor.mtimeMs;
  } catch {
    return false;
  }
}

function dryResult(file: FoundFile, cursor: FileCursor | undefined): FileImportResult {
  const c = cursor ?? { fileKey: fileKeyFor(file.path), size: 0, mtimeMs: 0, offset: 0 };
  return { path: file.path, format: file.format, unchanged: cursor !== undefined, records: 0, skipped: {}, rejected: {}, cursor: c };
}

function addResult(summary: ImportSummary, src: SourceSummary, result: FileImportResult): void {
  src.files++;
  if (!result.unchanged) src.changedFiles++;
  src.records += result.records;
  summary.records += result.records;
  const parts: string[] = [];
  for (const [reason, n] of Object.entries(result.skipped) as [SkipReason, number][]) {
    src.skipped[reason] = (src.skipped[reason] ?? 0) + n;
    summary.skipped += n;
    parts.push(`${n} ${reason.replace(/_/g, ' ')}`);
  }
  const rejected: string[] = [];
  for (const [field, n] of Object.entries(result.rejected) as [string, number][]) {
    src.rejected[field] = (src.rejected[field] ?? 0) + n;
    summary.rejected += n;
    rejected.push(`${n} ${field}`);
  }
  const said = [parts.length > 0 ? `skipped ${parts.join(', ')}` : '', rejected.length > 0 ? `rejected absurd values: ${rejected.join(', ')}` : ''];
  if (parts.length + rejected.length > 0) summary.warnings.push(`${result.path}: ${said.filter((x) => x !== '').join('; ')}`);
}
