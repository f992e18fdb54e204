/**
 * The store as the extension host's main thread sees it: `append` goes to this window's `JournalWriter`
 * (one `writeSync`, no SQL); everything else is a message to the store worker, which owns sql.js.
 * `close()` is what `deactivate()` returns: journal flushed, final catch-up and snapshot (if owner), worker ended.
 */
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { RecordedEvent } from '../model/events';
import type { EventSink } from '../model/sink';
import { JournalWriter } from './journal-writer';
import type { WriterStatus } from './journal-writer';
import { defaultWasmPath } from './db';
import type { EngineInfo } from './engine';
import type { ExportProgress, ExportSummary } from './export';
import type { QueryArgs, QueryName, QueryResult } from './queries';
import type { StoreMessage, StoreRequest, StoreWorkerData } from './protocol';
import { journalDir } from './segments';
import type { StoreLog } from './log';

export interface StoreClientOptions {
  /** The extension's `globalStorageUri.fsPath` (shared by all windows). */
  storageDir: string;
  /** Names this window's journal segments and its claim on the snapshot lock. */
  windowId: string;
  /** `dist/store-worker.js` in the bundle; defaults to the TypeScript source (unit tests under tsx). */
  workerPath?: string;
  /** `dist/sql-wasm.wasm` in the bundle; defaults to sql.js's own file in node_modules. */
  wasmPath?: string;
  retentionDays?: number;
  maxDbMb?: number;
  log?: StoreLog;
  /** Told once when writing the journal fails (capture paused) and once when it works again. */
  onWriterStatus?: (status: WriterStatus) => void;
  /** Worker tick period, ms (default 1000). */
  tickMs?: number;
  /** Debounce of the "new events" poke to the worker, ms (default 200). */
  pokeMs?: number;
  snapshotBytes?: number;
  snapshotIntervalMs?: number;
  lockStaleMs?: number;
  /** This window's journal segments rotate past this size (default 1 MB; tests make GC busy with less). */
  segmentBytes?: number;
}

/** Removes its listener. */
export interface Subscription {
  dispose(): void;
}

/** A request without its id (distributed over the union). */
type RequestBody = StoreRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
  progress?: ExportProgress;
}

export class StoreClient implements EventSink {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(applied: number) => void>();
  private readonly deleteListeners = new Set<() => void>();
  private pokeTimer: NodeJS.Timeout | undefined;
  private closing: Promise<void> | undefined;
  private failure: Error | undefined;
  /** Why the database is read-only (written by a newer schema), or null. */
  readOnly: string | null = null;

  private constructor(
    private readonly worker: Worker,
    readonly writer: JournalWriter,
    private readonly log: StoreLog | undefined,
    private readonly pokeMs: number,
  ) {}

  /** Starts the worker and waits until it has loaded the database and replayed the journals. */
  static async open(opts: StoreClientOptions): Promise<StoreClient> {
    const log = opts.log;
    const writer = JournalWriter.open({
      dir: journalDir(opts.storageDir), writerId: opts.windowId, segmentBytes: opts.segmentBytes,
      onStatus: (s) => {
        reportWriter(s, log);
        opts.onWriterStatus?.(s);
      },
    });
    const data: StoreWorkerData = {
      storageDir: opts.storageDir, ownerId: `${opts.windowId}.${randomBytes(4).toString('hex')}`,
      wasmPath: opts.wasmPath ?? defaultWasmPath(), retentionDays: opts.retentionDays ?? 14,
      maxDbMb: opts.maxDbMb ?? 64, tickMs: opts.tickMs ?? 1000, snapshotBytes: opts.snapshotBytes,
      snapshotIntervalMs: opts.snapshotIntervalMs, lockStaleMs: opts.lockStaleMs,
    };
    const workerPath = opts.workerPath ?? path.join(__dirname, '../../worker/store-worker.ts');
    // A .ts entry (unit tests, benchmarks) needs tsx in the worker. Measured on Node 20: an inherited
    // `--import=tsx` does not cover a worker's entry file ("Unknown file extension .ts"); `--require=tsx/cjs` does.
    const execArgv = workerPath.endsWith('.ts')
      ? [...process.execArgv.filter((a) => !a.includes('tsx')), '--require=tsx/cjs']
      : undefined;
    const worker = new Worker(workerPath, { workerData: data, execArgv });
    const client = new StoreClient(worker, writer, log, opts.pokeMs ?? 200);
    const info = await client.start();
    client.readOnly = info.readOnly;
    return client;
  }

  private start(): Promise<EngineInfo> {
    return new Promise((resolve, reject) => {
      const fail = (e: Error): void => {
        this.failure = e;
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
        reject(e);
      };
      this.worker.on('message', (m: StoreMessage) => {
        if (m.type === 'ready') resolve(m.info);
        else if (m.type === 'fatal') fail(new Error(`store worker failed to start: ${m.error}`));
        else this.onMessage(m);
      });
      this.worker.on('error', (e) => {
        this.log?.error('store: worker crashed', e);
        fail(e);
      });
      this.worker.on('exit', (code) => {
        if (!this.closing) fail(new Error(`store worker exited (code ${code})`));
      });
    });
  }

  private onMessage(m: StoreMessage): void {
    if (m.type === 'reply') {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.ok) p?.resolve(m.value);
      else p?.reject(new Error(m.error));
    } else if (m.type === 'progress') {
      this.pending.get(m.id)?.progress?.(m.done, m.total, m.table);
    } else if (m.type === 'changed') {
      for (const l of this.listeners) l(m.applied);
    } else if (m.type === 'deletedElsewhere') {
      // This window's segment was deleted with the rest: write on into a new one (what was written into the
      // deleted file since the delete, under one worker tick, is lost with it).
      this.writer.rotate();
      this.log?.info(`store: another window deleted all data (epoch ${m.epoch}); this window continues into the empty store`);
      for (const l of this.deleteListeners) l();
      for (const l of this.listeners) l(0);
    } else if (m.type === 'log') {
      if (m.level === 'error') this.log?.error(m.msg);
      else this.log?.[m.level](m.msg);
    }
  }

  private request(req: RequestBody, progress?: ExportProgress): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, progress });
      this.worker.postMessage({ ...req, id });
    });
  }

  /** Records one event: one journal write on this thread; the worker is poked (debounced). Never throws. */
  append(ev: RecordedEvent): void {
    this.writer.append(ev);
    this.poke();
  }

  /** Records several events with one journal write. Never throws. */
  appendMany(evs: readonly RecordedEvent[]): void {
    this.writer.appendMany(evs);
    this.poke();
  }

  private poke(): void {
    if (this.pokeTimer || this.closing) return;
    this.pokeTimer = setTimeout(() => {
      this.pokeTimer = undefined;
      if (!this.failure && !this.closing) this.worker.postMessage({ type: 'poke' } satisfies StoreRequest);
    }, this.pokeMs);
    this.pokeTimer.unref();
  }

  /** Runs a typed query; the worker first ingests everything already appended. */
  async query<Q extends QueryName>(name: Q, args: QueryArgs[Q]): Promise<QueryResult[Q]> {
    return (await this.request({ type: 'query', name, args })) as QueryResult[Q];
  }

  /** Writes every table as JSON and CSV into a new folder inside `dir`. */
  async exportAll(dir: string, onProgress?: ExportProgress): Promise<ExportSummary> {
    return (await this.request({ type: 'export', dir }, onProgress)) as ExportSummary;
  }

  /** Removes database, snapshots and journals (this window then continues with an empty store). */
  async deleteAll(): Promise<{ removedFiles: number }> {
    const r = (await this.request({ type: 'deleteAll' })) as { removedFiles: number };
    this.writer.rotate();
    return r;
  }

  async info(): Promise<EngineInfo> {
    return (await this.request({ type: 'info' })) as EngineInfo;
  }

  /** Forces a snapshot now (only the lock owner writes one); resolves to whether it did. */
  async snapshot(): Promise<boolean> {
    return (await this.request({ type: 'snapshot' })) as boolean;
  }

  /** Writer status: recording, or paused by a failed write. */
  get writerStatus(): WriterStatus {
    return this.writer.status;
  }

  /** Fires when another window ran Delete All Data and this window's worker dropped its data. */
  onDidDeleteElsewhere(listener: () => void): Subscription {
    this.deleteListeners.add(listener);
    return { dispose: () => this.deleteListeners.delete(listener) };
  }

  /** Fires after the worker ingested new events (dashboard and status bar refresh). */
  onDidChange(listener: (applied: number) => void): Subscription {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Flushes the journal, lets the worker catch up and snapshot (if owner), then ends it. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.doClose();
    return this.closing;
  }

  private async doClose(): Promise<void> {
    clearTimeout(this.pokeTimer);
    await this.writer.close();
    try {
      if (!this.failure) await this.request({ type: 'close' });
    } catch (err) {
      this.log?.error('store: final snapshot failed (the journal still holds every event)', err);
    } finally {
      this.listeners.clear();
      this.deleteListeners.clear();
      await this.worker.terminate();
    }
  }
}

function reportWriter(s: WriterStatus, log: StoreLog | undefined): void {
  if (s.state === 'paused') {
    log?.warn(`store: capture paused, the journal cannot be written (${s.code}: ${s.message}); up to 10000 events are held in memory and written when it works again`);
  } else {
    log?.info(`store: capture resumed${s.dropped > 0 ? ` (${s.dropped} events were dropped while paused)` : ''}`);
  }
}
