import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JournalWriter } from '../../../src/core/store/journal-writer';
import { StoreEngine } from '../../../src/core/store/engine';
import { loadSqlJs } from '../../../src/core/store/db';
import { MemoryLog } from '../../../src/core/store/log';
import { journalDir } from '../../../src/core/store/segments';
import { listGenerations, snapshotPath } from '../../../src/core/store/snapshot';
import { TABLES } from '../../../src/core/model/schema';
import { mixEvent, rng } from '../../support/store/gen';

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'store-snap-'));
const snapDir = (dir: string): string => path.join(dir, 'snapshots');

async function open(dir: string, log = new MemoryLog(), id = 'e'): Promise<StoreEngine> {
  return StoreEngine.open({ storageDir: dir, ownerId: id, SQL: await loadSqlJs(), log });
}

/** Every stored value, table by table, rows sorted (ingest_state without its wall-clock column). */
function dump(e: StoreEngine): string {
  return JSON.stringify(TABLES.map((t) => {
    const sql = t.name === 'ingest_state' ? 'SELECT writer, seq FROM ingest_state' : `SELECT * FROM ${t.name}`;
    return [t.name, e.sql<Record<string, unknown>>(sql).map((r) => JSON.stringify(r)).sort()];
  }));
}

/** A store with three generations written (two kept) over 900 mixed events, the journal after the older kept. */
async function build(): Promise<string> {
  const dir = tmp();
  const r = rng(21);
  const now = Date.now();
  const w = JournalWriter.open({ dir: journalDir(dir), writerId: 'w', segmentBytes: 8192 });
  const e = await open(dir, new MemoryLog(), 'builder');
  for (let i = 0; i < 900; i++) {
    w.append(mixEvent(r, i, now - 2 * 86_400_000 + i * 60_000));
    if (i % 300 === 299) {
      await w.flush();
      e.tick();
      assert.ok(e.snapshot());
    }
  }
  for (let i = 900; i < 950; i++) w.append(mixEvent(r, i, now - 60_000 + i));
  await w.close();
  e.close();
  assert.equal(listGenerations(snapDir(dir)).length, 2);
  return dir;
}

describe('store snapshots', () => {
  it('opening with nothing new writes no snapshot and keeps both generations as they are', async () => {
    const dir = await build();
    const files = (): [string, number][] => fs.readdirSync(snapDir(dir)).sort().map((f) => [f, fs.statSync(path.join(snapDir(dir), f)).mtimeMs]);
    const before = files();
    const newestBefore = listGenerations(snapDir(dir))[0];
    for (const id of ['a', 'b']) {
      const e = await open(dir, new MemoryLog(), id);
      e.tick();
      e.close();
    }
    assert.deepEqual(files(), before, 'no new generation, the fallback not rotated away');
    const w = JournalWriter.open({ dir: journalDir(dir), writerId: 'w2' });
    w.append(mixEvent(rng(1), 0, Date.now()));
    await w.close();
    const e = await open(dir, new MemoryLog(), 'c');
    e.close();
    assert.equal(listGenerations(snapDir(dir))[0], newestBefore + 1, 'one new event: one new generation');
  });

  it('marks without a checksum (an older version\'s snapshot) still load, on the header and quick_check', async () => {
    const dir = await build();
    const ref = await open(dir, new MemoryLog(), 'ref');
    const expected = dump(ref);
    ref.close();
    for (const gen of listGenerations(snapDir(dir))) {
      const marks = snapshotPath(snapDir(dir), gen).replace(/\.db$/, '.hwm.json');
      const { gen: g, hwm } = JSON.parse(fs.readFileSync(marks, 'utf8')) as { gen: number; hwm: unknown };
      fs.writeFileSync(marks, JSON.stringify({ gen: g, hwm }));
    }
    const log = new MemoryLog();
    const e = await open(dir, log, 'old');
    assert.equal(dump(e), expected);
    assert.ok(!log.lines.some((l) => l.includes('unusable')), log.lines.join('\n'));
    e.close();
  });

  it('single-bit flips at random offsets of the newest snapshot: each detected (older generation + journals) or harmless, none changes a value', async function () {
    this.timeout(300_000);
    const pristine = await build();
    const ref = await open(pristine, new MemoryLog(), 'ref');
    const expected = dump(ref);
    ref.close();
    const newest = path.basename(snapshotPath(snapDir(pristine), listGenerations(snapDir(pristine))[0]));
    const size = fs.statSync(path.join(snapDir(pristine), newest)).size;
    const r = rng(5);
    // Random offsets over the whole file, plus some in the SQLite header's first 100 bytes.
    const offsets = [
      ...Array.from({ length: 110 }, () => Math.floor(r() * size)),
      ...Array.from({ length: 16 }, () => Math.floor(r() * 100)),
    ];
    let detected = 0;
    let harmless = 0;
    const silent: string[] = [];
    for (const off of offsets) {
      const bit = Math.floor(r() * 8);
      const dir = tmp();
      fs.cpSync(pristine, dir, { recursive: true });
      const file = path.join(snapDir(dir), newest);
      const b = fs.readFileSync(file);
      b[off] ^= 1 << bit;
      fs.writeFileSync(file, b);
      const log = new MemoryLog();
      const e = await open(dir, log, 'flip');
      const got = dump(e);
      e.close();
      fs.rmSync(dir, { recursive: true, force: true });
      const fellBack = log.lines.some((l) => l.includes(`${newest} is unusable`));
      if (got !== expected) silent.push(`byte ${off} bit ${bit}${fellBack ? ' (after fallback)' : ''}`);
      else if (fellBack) detected++;
      else harmless++;
    }
    if (process.env.FLIP_REPORT) console.log(JSON.stringify({ flips: offsets.length, detected, harmless, silent: silent.length }));
    assert.deepEqual(silent, [], 'a flip changed stored values');
    assert.equal(detected + harmless, offsets.length);
    assert.ok(detected >= offsets.length * 0.99, `detected ${detected} of ${offsets.length}`);
  });
});
