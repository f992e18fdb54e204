import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StoreClient } from '../../../src/core/store/client';
import { StoreEngine } from '../../../src/core/store/engine';
import { loadSqlJs } from '../../../src/core/store/db';
import { MemoryLog } from '../../../src/core/store/log';
import type { RecordedEvent } from '../../../src/core/model/events';
import { JournalWriter } from '../../../src/core/store/journal-writer';
import { journalDir } from '../../../src/core/store/segments';
import { listGenerations, writeSnapshot } from '../../../src/core/store/snapshot';
import { EPOCH_FILE, raiseEpoch, readEpoch } from '../../../src/core/store/epoch';

const ev = (i: number, tag: string): RecordedEvent => ({ kind: 'text_change', ts: Date.now(), fileHash: tag, language: 'ts', label: 'typed', precision: 'strong', charsAdded: 1, charsRemoved: 0, linesAdded: 0, count: i });

/** Rows per tag, as a fresh window opening the folder sees them. */
async function stored(dir: string): Promise<Record<string, number>> {
  const c = StoreEngine.open({ storageDir: dir, ownerId: 'check', SQL: await loadSqlJs(), log: new MemoryLog(), passive: true });
  const rows = c.sql<{ tag: string; n: number }>('SELECT file_hash AS tag, count(*) AS n FROM text_changes GROUP BY file_hash');
  c.close();
  return Object.fromEntries(rows.map((r) => [r.tag, r.n]));
}

const rowsOf = async (c: StoreClient): Promise<number> => (await c.query('eventCount', {})).total;

/**
 * Two windows (two real StoreClients: main-thread journal writer + worker thread with sql.js) on one folder.
 * Window A deletes all data; window B's worker still holds the old rows in memory. B must drop them, never
 * write them back (its next snapshot, its final snapshot at close), and keep what both windows write after.
 */
describe('store: Delete All Data with a second window open', function () {
  this.timeout(60_000);

  for (const deleter of ['the snapshot owner', 'the other window'] as const) {
    it(`${deleter} deletes; the other window drops the old rows and never writes them back`, async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-delete-'));
      const log = new MemoryLog();
      const opts = { storageDir: dir, log, tickMs: 50, pokeMs: 10, lockStaleMs: 500 };
      const first = await StoreClient.open({ ...opts, windowId: 'first' });
      const second = await StoreClient.open({ ...opts, windowId: 'second' });
      assert.deepEqual([(await first.info()).owner, (await second.info()).owner], [true, false]);
      for (let i = 0; i < 50; i++) first.append(ev(i, 'old-first'));
      for (let i = 0; i < 50; i++) second.append(ev(i, 'old-second'));
      assert.equal(await rowsOf(first), 100);
      assert.equal(await rowsOf(second), 100);
      // The owner's snapshot holds every old row; then both windows' journals are covered (B loaded nothing else).
      assert.ok(await first.snapshot());

      const [a, b] = deleter === 'the snapshot owner' ? [first, second] : [second, first];
      const heard = new Promise<void>((resolve) => b.onDidDeleteElsewhere(resolve));
      let aHeard = false;
      a.onDidDeleteElsewhere(() => (aHeard = true));
      await a.deleteAll();
      assert.equal(await rowsOf(a), 0);
      a.append(ev(1, 'new-a'));
      // B learns of the delete at its next catch-up (its tick, or a query, which catches up first). What B
      // writes before that goes into its deleted segment and is lost with it (kept or not, not asserted).
      b.append(ev(1, 'new-b-before'));
      const rowsB = await rowsOf(b);
      await heard;
      assert.ok(rowsB <= 2, `B dropped the 100 old rows at once (it holds ${rowsB})`);
      b.append(ev(1, 'new-b'));
      assert.ok(await b.snapshot() === (await b.info()).owner, 'the owner snapshots the new rows only');
      const seen = await a.query('eventCount', {});
      assert.ok(seen.total >= 2 && seen.total <= 3, `A sees only the new rows (${seen.total})`);
      assert.equal(aHeard, false, 'the deleting window is not told of its own delete');
      await b.close(); // the owner's final snapshot, if B owns the lock
      await a.close();
      const left = await stored(dir);
      delete left['new-b-before'];
      assert.deepEqual(left, { 'new-a': 1, 'new-b': 1 }, log.lines.join('\n'));
    });
  }

  /**
   * The race the epoch in each snapshot's marks closes: window B (owner) writes a snapshot of the old rows
   * just after window A raised the epoch and removed the folder's contents. No window ever loads it.
   */
  it('a snapshot written under an older epoch is removed, never loaded', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-epoch-'));
    const SQL = await loadSqlJs();
    const w = JournalWriter.open({ dir: journalDir(dir), writerId: 'B' });
    for (let i = 0; i < 20; i++) w.append(ev(i, 'old'));
    await w.close();
    const b = StoreEngine.open({ storageDir: dir, ownerId: 'B', SQL, log: new MemoryLog() });
    assert.equal(b.sql<{ n: number }>('SELECT count(*) AS n FROM text_changes')[0].n, 20);
    assert.ok(b.snapshot());
    const snaps = path.join(dir, 'snapshots');
    const valid = fs.readFileSync(path.join(snaps, fs.readdirSync(snaps).find((f) => f.endsWith('.db'))!));
    // A's delete, as its engine does it, while B is between its epoch check and its write.
    assert.equal(raiseEpoch(dir, 0, 'A'), 1);
    fs.rmSync(snaps, { recursive: true, force: true });
    fs.rmSync(journalDir(dir), { recursive: true, force: true });
    writeSnapshot(snaps, 1, valid, new Map([['B', 20]]), 'B', undefined, 0);
    assert.deepEqual(listGenerations(snaps), [1], 'a valid snapshot of the 20 old rows, marked epoch 0');
    const log = new MemoryLog();
    const fresh = StoreEngine.open({ storageDir: dir, ownerId: 'C', SQL, log });
    assert.equal(fresh.sql<{ n: number }>('SELECT count(*) AS n FROM text_changes')[0].n, 0);
    assert.equal(fresh.info().epoch, 1);
    assert.deepEqual(listGenerations(snaps), [], log.lines.join('\n'));
    assert.ok(log.lines.some((l) => l.includes('written before Delete All Data')), log.lines.join('\n'));
    fresh.close();
    // B itself drops its rows at its next catch-up, and its snapshot holds none of them.
    b.tick();
    assert.equal(b.sql<{ n: number }>('SELECT count(*) AS n FROM text_changes')[0].n, 0);
    assert.equal(b.info().epoch, 1);
    b.close();
    assert.equal(readEpoch(dir), 1);
    assert.ok(fs.existsSync(path.join(dir, EPOCH_FILE)));
  });
});
