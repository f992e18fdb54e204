/**
 * The typed message protocol between the extension host and the patterns worker
 * (`src/worker/patterns-worker.ts`). Requests are `{ id, method, arg }` for a method of
 * `PatternsApi`; the worker answers `{ id, ok, result | error }` and sends `WorkerNote`s unasked.
 */
import type { PatternEvent } from '../model/events';
import type { MatchStrength } from '../search/strength';
import type { UpdateResult } from './library';
import type { PlaceholderArgs, PlaceholderPlan } from './placeholders';
import type { ExtractionOptions, PatternRecord } from './types';

export type EmbedderConfig =
  | { kind: 'hashing' }
  | {
      kind: 'transformers';
      /** Folder holding `<modelId>/...` (user-set, or the global-storage folder a consented download fills). */
      modelPath: string;
      modelId?: string;
      /** Only after the user agreed to the download. */
      allowDownload?: boolean;
      /** Where the download comes from; absent: huggingface.co (a mirror, or a test's local server). */
      downloadUrl?: string;
    };

export interface StartArgs {
  /** The store's `patterns` rows (usage_count, success_count, avg_rating ...); bad rows are skipped and counted. */
  rows: unknown[];
  options: ExtractionOptions;
  embedder: EmbedderConfig;
  /** Folder (in global storage) for the sentence model's vectors, so a restart does not re-embed; absent: no cache. */
  cacheDir?: string;
}

export interface SearchArgs {
  query: string;
  k: number;
  languages?: string[];
  frameworks?: string[];
  /** Only for what is offered unasked (CodeLens, chat prompts): a typed search leaves it out. */
  minRelevance?: number;
  minSuccessRate?: number;
  exclude?: string[];
}

/** A search hit as posted to the host (the record without nothing left out: it is small). */
export interface SearchHitDto {
  pattern: PatternRecord;
  /** 0..1; 0 when the pattern shares no term with the query (ranked by vector cosine only). */
  relevance: number;
  strength: MatchStrength;
}

export interface BuildResult {
  files: number;
  added: number;
  updated: number;
  staled: number;
  skipped: number;
  failed: number;
  cancelled: boolean;
}

/** Everything the worker can be asked. */
export interface PatternsApi {
  /** `embedderError`: the configured model could not be loaded, so the hashing embedder is in use. */
  start(arg: StartArgs): Promise<{ loaded: number; badRows: number; embedder: string; embedderError?: string }>;
  /** Re-extract one file; `text` absent: read it from disk. */
  updateFile(arg: { path: string; text?: string; commit?: string }): Promise<UpdateResult>;
  removeFile(arg: { path: string }): Promise<number>;
  /** Build from many files (reads them itself), reporting `progress` notes; stops at `cancel`. */
  build(arg: { job: number; paths: string[]; commit?: string }): Promise<BuildResult>;
  cancel(arg: { job: number }): Promise<boolean>;
  search(arg: SearchArgs): Promise<SearchHitDto[]>;
  /** Apply a usage outcome to the in-memory stats (the store keeps the durable counts). */
  usage(arg: { patternId: string; used?: number; kept?: number; rating?: number }): Promise<boolean>;
  /** Switch embedder and re-embed everything in the background; resolves with the new embedder id. */
  setEmbedder(arg: EmbedderConfig): Promise<string>;
  setOptions(arg: ExtractionOptions): Promise<boolean>;
  /** Live patterns (for the tree view). */
  list(arg: Record<string, never>): Promise<PatternRecord[]>;
  /** Which names of a text about to be inserted do not exist at the target (the TypeScript checker decides). */
  placeholders(arg: PlaceholderArgs): Promise<PlaceholderPlan>;
}

export type Method = keyof PatternsApi;
export type ArgOf<M extends Method> = Parameters<PatternsApi[M]>[0];
export type ResultOf<M extends Method> = Awaited<ReturnType<PatternsApi[M]>>;

export interface RpcRequest<M extends Method = Method> {
  id: number;
  method: M;
  arg: ArgOf<M>;
}

export type RpcResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** Unasked messages from the worker. */
export type WorkerNote =
  | { note: 'event'; event: PatternEvent }
  | { note: 'progress'; job: number; done: number; total: number; file?: string }
  | { note: 'changed' }
  | { note: 'log'; level: 'info' | 'warn' | 'error'; message: string };

export type WorkerMessage = RpcResponse | WorkerNote;

export function isNote(m: WorkerMessage): m is WorkerNote {
  return 'note' in m;
}

const METHODS: ReadonlySet<string> = new Set<Method>([
  'start', 'updateFile', 'removeFile', 'build', 'cancel', 'search', 'usage', 'setEmbedder', 'setOptions', 'list', 'placeholders',
]);

/** Guard for what arrives at the worker. */
export function isRequest(m: unknown): m is RpcRequest {
  if (!m || typeof m !== 'object') return false;
  const r = m as { id?: unknown; method?: unknown };
  return typeof r.id === 'number' && typeof r.method === 'string' && METHODS.has(r.method);
}
