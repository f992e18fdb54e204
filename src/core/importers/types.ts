import type { ImportCursorEvent, RecordedEvent, SourceTool } from '../model/events';
import type { PricingOverrides } from '../learn/pricing-overrides';

/** The log formats the importers understand; one module each. */
export type ImportFormat =
  | 'copilot-session-json'
  | 'copilot-mutation-log'
  | 'copilot-transcript'
  | 'claude-code'
  | 'codex'
  | 'continue'
  | 'aider'
  | 'copilot-cli'
  | 'amp'
  | 'gemini-cli'
  | 'cline'
  | 'roo-code'
  | 'kilo-code'
  /** Cursor's `state.vscdb` (SQLite, `cursorDiskKV` composers and bubbles). */
  | 'cursor-state'
  /** Cursor's `ai-code-tracking.db` (SQLite, `scored_commits`). */
  | 'cursor-tracking'
  /** OpenCode's `opencode.db` (SQLite, tables `message` and `part`). */
  | 'opencode-db'
  /** Windsurf's `state.vscdb` (SQLite, the chat tabs in `ItemTable`). */
  | 'windsurf-state'
  /** Kiro's session logs (`sessions/cli/<id>.jsonl`, `sessions/<id>/messages.jsonl`), read with the session file beside them. */
  | 'kiro'
  /** Kiro's own session export (`kiro-session-export-v1`: the session file and the log in one document), when chosen. */
  | 'kiro-export'
  /** Copilot CLI's OpenTelemetry file export (`~/.copilot/otel/*.jsonl`, `$COPILOT_OTEL_FILE_EXPORTER_PATH`). */
  | 'copilot-otel';

/** The formats that are SQLite databases of other programs, read through `foreign-db.ts`. */
export const DATABASE_FORMATS: ReadonlySet<ImportFormat> = new Set<ImportFormat>(['cursor-state', 'cursor-tracking', 'opencode-db', 'windsurf-state']);

/** The user-facing sources, each with its own on/off setting. */
export type ImportSource =
  | 'copilotChat'
  | 'copilotCli'
  | 'claudeCode'
  | 'codex'
  | 'continue'
  | 'aider'
  | 'geminiCli'
  | 'cursor'
  | 'windsurf'
  | 'cline'
  | 'rooCode'
  | 'kiloCode'
  | 'opencode'
  | 'kiro'
  | 'amp';

/** Where an importer left off in one file: the cursor event without its envelope. */
export type FileCursor = Omit<ImportCursorEvent, 'kind' | 'ts' | 'source'>;

/** One file found by discovery. */
export interface FoundFile {
  path: string;
  format: ImportFormat;
  source: ImportSource;
  /** Copilot CLI's `session-state/` folder, for its OTel export (the sessions an events log already covers). */
  sessionState?: string;
}

/** Why a line or record was skipped. Counted per file and reported in the summary. */
export type SkipReason =
  | 'not_json'
  | 'not_object'
  | 'truncated_line'
  | 'line_too_long'
  | 'unsupported_version'
  | 'missing_fields'
  | 'bad_mutation'
  | 'too_large'
  | 'unreadable'
  /** A record whose essential value (its time, a rating) is out of range: see value-bounds.ts. */
  | 'absurd_value'
  /** A SQLite database being written in rollback mode, or changing through every copy: read at the next import. */
  | 'db_busy'
  /** A file that is not a SQLite database (encrypted, or another format). */
  | 'not_sqlite'
  /** A SQLite database that is truncated or damaged. */
  | 'db_corrupt'
  /** A SQLite database without the tables or columns the importer reads (another version of the tool). */
  | 'unknown_schema';

/** Options shared by all importers. */
export interface ImportOptions {
  /** Store prompt text (after the caller's redaction) only when the capture level allows it. */
  includeText: boolean;
  /** Redacts secrets from prompt text before it is stored; identity when absent. */
  redact?: (text: string) => string;
  pricingOverrides?: PricingOverrides;
  /** A file modified within this many ms is still being written: its open trailing turn is held back. */
  quietMs: number;
  /** Lines longer than this are skipped without being buffered whole. */
  maxLineBytes: number;
  /** Whole-document formats (Copilot `.json`) larger than this are skipped. */
  maxDocumentBytes: number;
  /** SQLite databases larger than this are not loaded into memory (sql.js); with `node:sqlite` they are read from disk. */
  maxDatabaseBytes: number;
  /** Read SQLite databases with `node:sqlite` where this Node has it (tests turn it off to exercise sql.js). */
  nativeSqlite?: boolean;
  /** Clock, for the quiet check (tests pin it). */
  now: () => number;
}

export const DEFAULT_IMPORT_OPTIONS: ImportOptions = {
  includeText: false,
  quietMs: 120_000,
  maxLineBytes: 32 * 1024 * 1024,
  maxDocumentBytes: 64 * 1024 * 1024,
  maxDatabaseBytes: 512 * 1024 * 1024,
  now: () => Date.now(),
};

/** What one importer reports for one file. */
export interface FileImportResult {
  path: string;
  format: ImportFormat;
  /** Unchanged since the cursor: nothing read. */
  unchanged: boolean;
  records: number;
  skipped: Partial<Record<SkipReason, number>>;
  /** Fields dropped from records as absurd (negative, non-finite, out of range), by field name. */
  rejected: Partial<Record<string, number>>;
  cursor: FileCursor;
  /**
   * Set by the database importers: rows were held back (a conversation still being written, a busy database),
   * so the caller reads the file again later. Files use `cursor.offset < cursor.size` instead.
   */
  pending?: boolean;
}

/** What parsers use to emit events and count skips. */
export interface ParseContext {
  options: ImportOptions;
  fileKey: string;
  emit(event: RecordedEvent): void;
  skip(reason: SkipReason, count?: number): void;
  /** The file's modification time, for records that carry no time of their own. */
  fileMtimeMs?: number;
  /** True once the user cancelled: loops over input stop (the cursor is then left where it was). */
  cancelled?: () => boolean;
}

/** Source tool recorded on events, per format. */
export const FORMAT_TOOL: Record<ImportFormat, SourceTool> = {
  'copilot-session-json': 'copilot-chat',
  'copilot-mutation-log': 'copilot-chat',
  'copilot-transcript': 'copilot-chat',
  'claude-code': 'claude-code',
  codex: 'codex',
  continue: 'continue',
  aider: 'aider',
  'copilot-cli': 'copilot-cli',
  amp: 'amp',
  'gemini-cli': 'gemini-cli',
  cline: 'cline',
  'roo-code': 'roo-code',
  'kilo-code': 'kilo-code',
  'cursor-state': 'cursor',
  'cursor-tracking': 'cursor',
  'opencode-db': 'opencode',
  'windsurf-state': 'windsurf',
  kiro: 'kiro',
  'kiro-export': 'kiro',
  'copilot-otel': 'copilot-cli',
};
