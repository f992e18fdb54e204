/** Runs the kill -9 child (`crash-child.ts`) and checks what a fresh window recovers afterwards. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { StoreEngine } from '../../../src/core/store/engine';
import { loadSqlJs } from '../../../src/core/store/db';
import { MemoryLog } from '../../../src/core/store/log';

const CHILD = path.join(__dirname, 'crash-child.ts');

/** Runs the child until `killAfterMs` after it is ready (or until it kills itself); returns the last ack. */
export function runChild(args: string[], killAfterMs: number | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import=tsx', CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      const had = out.includes('ready');
      out += d.toString();
      if (!had && out.includes('ready') && killAfterMs !== null) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`child ended without SIGKILL: ${err}`));
      const acks = [...out.matchAll(/ack (\d+)/g)];
      resolve(acks.length ? Number(acks[acks.length - 1][1]) : -1);
    });
  });
}

/** Per run: indexes recovered, duplicated and missing below the highest acknowledged one. */
export interface Recovered {
  runs: number;
  acknowledged: number;
  lost: number;
  duplicated: number;
}

/** Opens the store as a fresh window and counts, per run, what was lost or duplicated. */
export async function recover(dir: string, lastAck: ReadonlyMap<string, number>): Promise<Recovered> {
  const e = StoreEngine.open({ storageDir: dir, ownerId: 'verify', SQL: await loadSqlJs(), log: new MemoryLog() });
  const rows = e.sql<{ run: string; i: number; n: number }>(
    'SELECT file_hash AS run, count AS i, count(*) AS n FROM text_changes GROUP BY file_hash, count');
  e.close();
  const out: Recovered = { runs: lastAck.size, acknowledged: 0, lost: 0, duplicated: 0 };
  const byRun = new Map<string, Map<number, number>>();
  for (const r of rows) {
    if (!byRun.has(r.run)) byRun.set(r.run, new Map());
    byRun.get(r.run)!.set(r.i, r.n);
  }
  for (const [run, ack] of lastAck) {
    const mine = byRun.get(run) ?? new Map<number, number>();
    out.acknowledged += ack + 1;
    for (let i = 0; i <= ack; i++) if (!mine.has(i)) out.lost++;
    for (const n of mine.values()) out.duplicated += n - 1;
  }
  return out;
}

/** Asserts that every acknowledged event of every run is stored exactly once. */
export async function verify(dir: string, lastAck: ReadonlyMap<string, number>): Promise<void> {
  const r = await recover(dir, lastAck);
  assert.deepEqual({ lost: r.lost, duplicated: r.duplicated }, { lost: 0, duplicated: 0 }, `of ${r.acknowledged} acknowledged`);
}
