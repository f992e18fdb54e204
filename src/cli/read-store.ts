/**
 * The CLI's view of the store: the newest valid snapshot plus every journal, loaded into an in-memory sql.js
 * database by the extension's own `StoreEngine` in passive mode. Read-only towards the extension's files: no
 * lock, no snapshot, no segment removed, nothing created. Works while VS Code runs (it only reads).
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadSqlJs, defaultWasmPath } from '../core/store/db';
import { StoreEngine } from '../core/store/engine';
import type { StoreLog } from '../core/store/log';
import type { QueryArgs, QueryName, QueryResult } from '../core/store/queries';
import type { StoreQueries } from '../core/dashboard/data';
import type { ExportFormat, ExportProgress, ExportSummary } from '../core/store/export';

/** sql.js's wasm beside the bundle (`dist/sql-wasm.wasm`), else the one in node_modules (tests under tsx). */
export function wasmPath(): string {
  const beside = path.join(__dirname, 'sql-wasm.wasm');
  return fs.existsSync(beside) ? beside : defaultWasmPath();
}

export class ReadStore implements StoreQueries {
  private constructor(private readonly engine: StoreEngine, readonly dir: string) {}

  /** Fails with a clear message when `dir` is not a store folder (unless `allowEmpty`: `import` may start one). */
  static async open(dir: string, log: StoreLog, allowEmpty = false): Promise<ReadStore> {
    if (!allowEmpty && !fs.existsSync(path.join(dir, 'snapshots')) && !fs.existsSync(path.join(dir, 'journal'))) {
      throw new Error(`${dir} is not an AI Learning Analytics store (no snapshots/ or journal/ folder in it)`);
    }
    const SQL = await loadSqlJs(wasmPath());
    const engine = StoreEngine.open({ storageDir: dir, ownerId: 'cli-reader', SQL, log, passive: true });
    return new ReadStore(engine, dir);
  }

  query<Q extends QueryName>(name: Q, args: QueryArgs[Q]): Promise<QueryResult[Q]> {
    return Promise.resolve(this.engine.query(name, args));
  }

  /** Writes every table of the in-memory copy into a new folder inside `dir` (never into the store). */
  exportAll(dir: string, formats: readonly ExportFormat[], onProgress?: ExportProgress): ExportSummary {
    return this.engine.exportAll(dir, onProgress, formats);
  }

  /** Snapshot generation loaded, journal segments read, damaged regions skipped. */
  info(): { generation: number; segments: number; badRegions: number; quarantined: number; readOnly: string | null } {
    const i = this.engine.info();
    return { generation: i.generation, segments: i.segments, badRegions: i.badRegions, quarantined: i.quarantined, readOnly: i.readOnly };
  }

  close(): void {
    this.engine.close();
  }
}
