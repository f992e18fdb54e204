/**
 * Store worker entry (bundled to `dist/store-worker.js`): the only thread that runs SQL. Owns a `StoreEngine`,
 * ticks it, and answers `StoreRequest`s from `StoreClient`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { StoreEngine } from '../core/store/engine';
import { loadSqlJs } from '../core/store/db';
import type { StoreLog } from '../core/store/log';
import type { StoreMessage, StoreRequest, StoreWorkerData } from '../core/store/protocol';

const port = parentPort!;
const data = workerData as StoreWorkerData;
const post = (m: StoreMessage): void => port.postMessage(m);
const log: StoreLog = {
  info: (msg) => post({ type: 'log', level: 'info', msg }),
  warn: (msg) => post({ type: 'log', level: 'warn', msg }),
  error: (msg, err) => post({ type: 'log', level: 'error', msg: err instanceof Error ? `${msg}: ${err.stack ?? err.message}` : msg }),
};

function handle(engine: StoreEngine, req: Exclude<StoreRequest, { type: 'poke' }>): unknown {
  switch (req.type) {
    case 'query':
      return engine.query(req.name, req.args);
    case 'export':
      return engine.exportAll(req.dir, (done, total, table) => post({ type: 'progress', id: req.id, done, total, table }));
    case 'deleteAll':
      return engine.deleteAll();
    case 'info':
      return engine.info();
    case 'snapshot':
      return engine.snapshot();
    case 'close':
      engine.close();
      return true;
  }
}

async function main(): Promise<void> {
  const SQL = await loadSqlJs(data.wasmPath);
  const engine = StoreEngine.open({ ...data, SQL, log });
  let closed = false;
  let epoch = engine.currentEpoch;
  /** Tells the window when its worker followed another window's Delete All Data (not its own). */
  const epochNews = (): void => {
    if (engine.currentEpoch === epoch) return;
    epoch = engine.currentEpoch;
    post({ type: 'deletedElsewhere', epoch });
  };
  const step = (fn: () => { applied: number }): void => {
    try {
      const r = fn();
      epochNews();
      if (r.applied > 0) post({ type: 'changed', applied: r.applied });
    } catch (err) {
      log.error('store: background step failed', err);
    }
  };
  let lastTick = Date.now();
  const tick = (): void => {
    lastTick = Date.now();
    step(() => engine.tick());
  };
  const timer = setInterval(tick, data.tickMs);
  port.on('message', (req: StoreRequest) => {
    if (closed) return;
    // Under a stream of pokes whose catch-ups take longer than their spacing, the port's queue never drains
    // and the interval never fires (measured: no snapshot, no lock heartbeat for a whole run); so a poke that
    // finds the tick overdue runs it.
    if (req.type === 'poke') return Date.now() - lastTick >= data.tickMs ? tick() : step(() => engine.catchUp());
    try {
      // Queries catch up first (read-your-writes); what that applies is news for every listener too.
      if (req.type === 'query') step(() => engine.catchUp());
      const value = handle(engine, req);
      if (req.type === 'deleteAll') epoch = engine.currentEpoch;
      else epochNews();
      if (req.type === 'close') {
        closed = true;
        clearInterval(timer);
      }
      post({ type: 'reply', id: req.id, ok: true, value });
    } catch (err) {
      post({ type: 'reply', id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  });
  post({ type: 'ready', info: engine.info() });
}

main().catch((err: unknown) => post({ type: 'fatal', error: err instanceof Error ? (err.stack ?? err.message) : String(err) }));
