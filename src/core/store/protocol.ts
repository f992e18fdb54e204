/** Messages between `StoreClient` (main thread) and the store worker (`src/worker/store-worker.ts`). */
import type { EngineInfo } from './engine';
import type { QueryArgs, QueryName } from './queries';

/** Passed as `workerData`. */
export interface StoreWorkerData {
  storageDir: string;
  ownerId: string;
  wasmPath: string;
  retentionDays: number;
  maxDbMb: number;
  /** Period of the worker's tick (heartbeat, catch-up, retention, snapshot policy), ms. */
  tickMs: number;
  snapshotBytes?: number;
  snapshotIntervalMs?: number;
  lockStaleMs?: number;
}

export type StoreRequest =
  | { id: number; type: 'query'; name: QueryName; args: QueryArgs[QueryName] }
  | { id: number; type: 'export'; dir: string }
  | { id: number; type: 'deleteAll' }
  | { id: number; type: 'info' }
  | { id: number; type: 'snapshot' }
  | { id: number; type: 'close' }
  | { type: 'poke' };

export type StoreMessage =
  | { type: 'ready'; info: EngineInfo }
  | { type: 'fatal'; error: string }
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: string }
  | { type: 'progress'; id: number; done: number; total: number; table: string }
  | { type: 'changed'; applied: number }
  /** Another window ran Delete All Data; this window's worker dropped its data (epoch.ts). */
  | { type: 'deletedElsewhere'; epoch: number }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; msg: string };
