import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import { isNote } from '../../core/patterns/protocol';
import type { ArgOf, Method, ResultOf, RpcRequest, WorkerMessage, WorkerNote } from '../../core/patterns/protocol';

/** The patterns worker is gone (crashed, exited or disposed): calls fail with this. */
export class PatternsWorkerGone extends Error {
  constructor(readonly reason: string) {
    super(`patterns worker unavailable: ${reason}`);
    this.name = 'PatternsWorkerGone';
  }
}

/** A call cut short because the extension is shutting the worker down: not an error worth logging. */
export const disposedWhileRunning = (e: unknown): boolean => e instanceof PatternsWorkerGone && e.reason === 'disposed';

/**
 * Typed client for the patterns worker (`dist/patterns-worker.js`): `call(method, arg)` resolves with
 * that method's result; unasked `WorkerNote`s arrive on `onNote`. A crash rejects what is pending and
 * every later call.
 */
export class PatternsClient implements vscode.Disposable {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly notes = new vscode.EventEmitter<WorkerNote>();
  private nextId = 1;
  private gone: PatternsWorkerGone | undefined;
  readonly onNote = this.notes.event;

  constructor(workerPath: string) {
    this.worker = new Worker(workerPath);
    this.worker.on('message', (m: WorkerMessage) => this.onMessage(m));
    this.worker.on('error', (err) => this.fail(err.stack ?? err.message));
    this.worker.on('exit', (code) => this.fail(`exited with code ${code}`));
  }

  call<M extends Method>(method: M, arg: ArgOf<M>): Promise<ResultOf<M>> {
    if (this.gone) return Promise.reject(this.gone);
    const id = this.nextId++;
    return new Promise<ResultOf<M>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, method, arg } satisfies RpcRequest<M>);
    });
  }

  dispose(): void {
    this.fail('disposed');
    void this.worker.terminate();
    this.notes.dispose();
  }

  private onMessage(m: WorkerMessage): void {
    if (isNote(m)) {
      this.notes.fire(m);
      return;
    }
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (m.ok) p.resolve(m.result);
    else p.reject(new Error(m.error));
  }

  private fail(reason: string): void {
    this.gone ??= new PatternsWorkerGone(reason);
    for (const p of this.pending.values()) p.reject(this.gone);
    this.pending.clear();
  }
}
