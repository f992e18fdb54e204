import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JournalWriter } from '../../../src/core/store/journal-writer';
import { StoreEngine } from '../../../src/core/store/engine';
import { loadSqlJs } from '../../../src/core/store/db';
import { MemoryLog } from '../../../src/core/store/log';
import { journalDir, listSegments } from '../../../src/core/store/segments';
import { listGenerations } from '../../../src/core/store/snapshot';
import type { RecordedEvent } from '../../../src/core/model/events';

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'store-windows-'));
const ev = (i: number, tag: string): RecordedEvent => ({ kind: 'text_change', ts: Date.now(), fileHash: tag, language: 'ts', label: 'typed', precision: 'strong', charsAdded: 1, charsRemoved: 0, linesAdded: 0, count: i });
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Distinct indexes stored per tag, and rows per tag (equal when nothing is duplicated), by a fresh window. */
async function stored(dir: string): Promise<Record<string, { rows: number; distinct: number }>> {
  const c = StoreEngine.open({ storageDir: dir, ownerId: 'check', SQL: await loadSqlJs(), log: new MemoryLog() });
  const rows = c.sql<{ tag: string; n: number; d: number }>('SELECT file_hash AS tag, count(*) AS n, count(DISTINCT count) AS d FROM text_changes GROUP BY file_hash');
  c.close();
  return Object.fromEntries(rows.map((r) => [r.tag, { rows: r.n, distinct: r.d }]));
}

describe('store: two windows and journal GC', () => {
  // B is open from the start; it polls (catches up) once after `bPollsAt` of A's events, or never.
  for (const bPollsAt of [null, 50, 150, 250]) {
    it(`A writes and snapshots twice while B ${bPollsAt === null ? 'never polls' : `polls only after ${bPollsAt} events`}; B takes over and snapshots: 0 of 300 lost`, async () => {
      const dir = tmp();
      const SQL = await loadSqlJs();
      const opts = { snapshotBytes: 1 << 30, lockStaleMs: 1000 };
      const logB = new MemoryLog();
      const a = StoreEngine.open({ storageDir: dir, ownerId: 'A', SQL, log: new MemoryLog(), ...opts });
      const b = StoreEngine.open({ storageDir: dir, ownerId: 'B', SQL, log: logB, ...opts });
      assert.deepEqual([a.isOwner, b.isOwner], [true, false]);
      const wa = JournalWriter.open({ dir: journalDir(dir), writerId: 'A', segmentBytes: 2048 });
      for (let i = 0; i < 300; i++) {
        wa.append(ev(i, 'A'));
        if (i === bPollsAt) b.catchUp();
        if (i === 99 || i === 199) {
          a.tick(); // heartbeat and catch-up
          assert.ok(a.snapshot());
        }
      }
      await wa.close();
      const firstStart = listSegments(journalDir(dir)).filter((s) => s.writer === wa.key)[0].startSeq;
      assert.ok(firstStart > 1, `A's GC removed its first segments (first left starts at ${firstStart})`);
      await sleep(1050); // A's window is gone without closing (crash): its lock goes stale
      b.tick();
      assert.equal(b.isOwner, true);
      assert.ok(b.snapshot(), logB.lines.join('\n'));
      assert.equal(b.sql<{ n: number }>('SELECT count(*) AS n FROM text_changes')[0].n, 300);
      b.close();
      // A's GC (at its 2nd snapshot, event 199) removed what generation 1 covers (the first 100): B rebased
      // exactly when its read position was then below 100, or when it first read after that GC.
      const rebased = logB.lines.some((l) => l.includes('reloading from the newest snapshot'));
      assert.equal(rebased, bPollsAt === null || bPollsAt < 99 || bPollsAt >= 199, logB.lines.join('\n'));
      assert.deepEqual(await stored(dir), { A: { rows: 300, distinct: 300 } });
    });
  }

  it('both windows write, ownership moves back and forth across many snapshots: every event exactly once', async () => {
    const dir = tmp();
    const SQL = await loadSqlJs();
    const opts = { snapshotBytes: 1500, lockStaleMs: 100_000 };
    const mk = (id: string): StoreEngine => StoreEngine.open({ storageDir: dir, ownerId: id, SQL, log: new MemoryLog(), ...opts });
    let a = mk('A0');
    let b = mk('B0');
    const wa = JournalWriter.open({ dir: journalDir(dir), writerId: 'A', segmentBytes: 1024 });
    const wb = JournalWriter.open({ dir: journalDir(dir), writerId: 'B', segmentBytes: 1024 });
    for (let i = 0; i < 1200; i++) {
      wa.append(ev(i, 'A'));
      wb.append(ev(i, 'B'));
      if (i % 10 === 0) a.tick(); // A polls often, B rarely: B falls behind A's GC
      if (i % 170 === 0) b.tick();
      if (i % 300 === 299) {
        // The owner closes (hands the lock over) and its window reopens as a follower.
        const owner = a.isOwner ? a : b;
        owner.close();
        if (owner === a) a = mk(`A${i}`);
        else b = mk(`B${i}`);
        (owner === a ? b : a).tick();
      }
    }
    await wa.close();
    await wb.close();
    a.close();
    b.close();
    assert.ok(listGenerations(path.join(dir, 'snapshots')).length === 2);
    assert.deepEqual(await stored(dir), { A: { rows: 1200, distinct: 1200 }, B: { rows: 1200, distinct: 1200 } });
  });
});
