import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StoreEngine } from '../../../src/core/store/engine';
import { loadSqlJs } from '../../../src/core/store/db';
import { MemoryLog } from '../../../src/core/store/log';
import { rng } from '../../support/store/gen';

const CHILD = path.join(__dirname, '../../support/store/crash-child.ts');
/** Random kills with the real client (worker + journal); 6 keeps the suite near a minute on 2 cores. */
const RANDOM_KILLS = 6;

/** Runs the child until `killAfterMs` after it is ready (or until it kills itself); returns the last ack. */
function runChild(args: string[], killAfterMs: number | null): Promise<number> {
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

async function verify(dir: string, lastAck: Map<string, number>): Promise<void> {
  const log = new MemoryLog();
  const e = StoreEngine.open({ storageDir: dir, ownerId: 'verify', SQL: await loadSqlJs(), log });
  const rows = e.sql<{ run: string; i: number; n: number }>(
    'SELECT file_hash AS run, count AS i, count(*) AS n FROM text_changes GROUP BY file_hash, count');
  e.close();
  for (const [run, ack] of lastAck) {
    const mine = rows.filter((r) => r.run === run);
    const dup = mine.filter((r) => r.n !== 1);
    assert.deepEqual(dup, [], `run ${run}: duplicates`);
    const max = mine.length ? Math.max(...mine.map((r) => r.i)) : -1;
    assert.equal(mine.length, max + 1, `run ${run}: gaps (have ${mine.length}, max ${max})`);
    assert.ok(max >= ack, `run ${run}: acknowledged ${ack} but only ${max} recovered`);
  }
}

describe('store crash recovery (kill -9)', function () {
  this.timeout(120_000);

  it(`random SIGKILLs of a writing client (worker snapshotting every 16 KB), ${RANDOM_KILLS} times`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-crash-'));
    const r = rng(7);
    const acks = new Map<string, number>();
    for (let k = 0; k < RANDOM_KILLS; k++) {
      const run = `r${k}`;
      acks.set(run, await runChild(['client', dir, run], 100 + Math.floor(r() * 500)));
      if (process.env.CRASH_DEBUG) console.log(dir, acks, fs.readdirSync(dir, { recursive: true }));
      await verify(dir, acks);
    }
    assert.ok([...acks.values()].every((a) => a > 0), 'every child appended before dying');
  });

  for (const step of ['tmp-half', 'tmp-synced', 'renamed', 'dir-synced', 'before-gc']) {
    it(`SIGKILL mid-snapshot at ${step}: every acknowledged event recovered once`, async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-crash-'));
      const acks = new Map([[step, await runChild(['step', dir, step, step], null)]]);
      await verify(dir, acks);
      assert.ok(acks.get(step)! >= 599, 'killed during the third snapshot');
    });
  }
});
