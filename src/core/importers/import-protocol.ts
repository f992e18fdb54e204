import type { FileCursor, ImportSource, SkipReason } from './types';
import type { DiscoveryRoots } from './discovery';
import type { PricingOverrides } from '../learn/pricing-overrides';

/**
 * Messages between the extension host and the import worker (`src/worker/import-worker.ts`).
 * Host -> worker: one `start`, then optionally `cancel`. Worker -> host: `progress` per file, then
 * exactly one `done` (also after a cancel or a failure, with `error` set).
 */
export interface ImportSettings {
  sources: ImportSource[];
  includeText: boolean;
  pricingOverrides: PricingOverrides;
  quietMs?: number;
}

export interface StartMessage {
  type: 'start';
  roots: DiscoveryRoots;
  settings: ImportSettings;
  /** Known cursors (from the store's `importCursors` query), keyed by `fileKey`. */
  cursors: FileCursor[];
  /** Journal directory and writer id (`import-<windowId>`) of the worker's own JournalWriter. */
  journalDir: string;
  writerId: string;
  /** Only list what would be imported (first-run notice); write nothing. */
  dryRun?: boolean;
  /** Restrict to these files (a watcher's change), else discover all. */
  paths?: string[];
  /** Files and folders the user chose ("Import AI Chat File..."): imported instead of the known locations. */
  chosen?: string[];
}

export interface CancelMessage {
  type: 'cancel';
}

export type ToWorker = StartMessage | CancelMessage;

/** Per-source totals for the summary and the first-run notice. */
export interface SourceSummary {
  files: number;
  changedFiles: number;
  records: number;
  skipped: Partial<Record<SkipReason, number>>;
  /** Absurd values dropped from records, by field name (the records themselves were kept). */
  rejected: Partial<Record<string, number>>;
}

export interface ImportSummary {
  bySource: Partial<Record<ImportSource, SourceSummary>>;
  files: number;
  records: number;
  skipped: number;
  /** Absurd field values dropped (see value-bounds.ts), over all files. */
  rejected: number;
  cancelled: boolean;
  /** One line per file that had skips (for the log: one warning per file). */
  warnings: string[];
  /**
   * Files read only in part because they are still being written (a turn held back, or modified within
   * `quietMs`): the caller reads them again once they have been quiet (watchers see no further change).
   */
  pending?: string[];
}

export interface ProgressMessage {
  type: 'progress';
  done: number;
  total: number;
  path: string;
  records: number;
}

export interface DoneMessage {
  type: 'done';
  summary: ImportSummary;
  error?: string;
}

export type FromWorker = ProgressMessage | DoneMessage;

export function isFromWorker(value: unknown): value is FromWorker {
  const t = (value as { type?: unknown } | null)?.type;
  return t === 'progress' || t === 'done';
}

export function isToWorker(value: unknown): value is ToWorker {
  const t = (value as { type?: unknown } | null)?.type;
  return t === 'start' || t === 'cancel';
}
