/**
 * CLI benchmark: `npm run bench:cli` (needs `npm run build` first: it runs dist/cli.js as a user does).
 * A year of the store bench's event mix (1 000 events a day by default) is ingested and snapshotted, plus one day
 * left in a journal; then each command's wall time (median of 3 runs) beside the reference: `node -e 0` (Node's
 * own start) and `dist/cli.js --help` (loading the bundle without the store). Results: bench/results/cli.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { Ingestor } from '../src/core/store/ingest';
import { dbBytes, loadSqlJs, openDb } from '../src/core/store/db';
import { writeSnapshot } from '../src/core/store/snapshot';
import { JournalWriter } from '../src/core/store/journal-writer';
import { journalDir } from '../src/core/store/segments';
import { dayStartTs, localDay } from '../src/core/model/day';
import { everyKind, mixEvent, rng } from '../test/support/store/gen';

const perDay = Number(process.argv.find((a) => a.startsWith('--per-day='))?.slice(10) ?? 1000);
const cli = path.join(__dirname, '..', 'dist', 'cli.js');

async function buildYear(dir: string): Promise<{ events: number; snapMb: number }> {
  const { db } = openDb(await loadSqlJs());
  const ing = new Ingestor(db);
  const r = rng(4);
  const today = localDay(Date.now());
  let seq = 1;
  for (let d = today - 364; d < today; d++) {
    const start = dayStartTs(d);
    const evs = [...Array.from({ length: perDay }, (_, k) => mixEvent(r, seq + k, start + Math.floor((k / perDay) * 86_000_000))), ...everyKind(`d${d}`, start + 1000)];
    ing.apply([{ writer: 'w', records: evs.map((ev, k) => ({ seq: seq + k, ev, offset: 0 })) }]);
    seq += evs.length;
  }
  const bytes = db.export();
  writeSnapshot(path.join(dir, 'snapshots'), 1, bytes, ing.highWaters(), 'bench');
  const snapMb = dbBytes(db) / 1024 / 1024;
  ing.close();
  db.close();
  const w = JournalWriter.open({ dir: journalDir(dir), writerId: 'today' });
  for (let k = 0; k < perDay; k++) w.append(mixEvent(r, seq + k, dayStartTs(today) + k * 10));
  await w.close();
  return { events: seq - 1 + perDay, snapMb };
}

function wall(args: string[]): number {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const res = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
    runs.push(performance.now() - t);
    if (res.status !== 0) throw new Error(`${args.join(' ')}: ${res.stderr}`);
  }
  return Math.round(runs.sort((a, b) => a - b)[1]);
}

async function main(): Promise<void> {
  if (!fs.existsSync(cli)) throw new Error('run npm run build first (dist/cli.js)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-bench-'));
  const y = await buildYear(dir);
  const res: Record<string, number | string> = {
    node: process.version, events_per_day: perDay, events: y.events, snapshot_mb: Math.round(y.snapMb * 10) / 10,
    node_start_ms: wall(['-e', '0']), cli_help_ms: wall([cli, '--help']),
  };
  for (const cmd of [['dashboard'], ['dashboard', '--days', '365'], ['daily', '--days', '365'], ['monthly'], ['models'], ['insights'], ['patterns', 'search', 'retry']]) {
    res[`${cmd.join('_').replace(/-/g, '')}_ms`] = wall([cli, ...cmd, '--json', '--store', dir]);
  }
  console.table(Object.entries(res).map(([k, v]) => ({ figure: k, value: v })));
  fs.writeFileSync(path.join(__dirname, 'results', 'cli.json'), `${JSON.stringify(res, null, 2)}\n`);
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();
