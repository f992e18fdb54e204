import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JournalWriter } from '../../../src/core/store/journal-writer';
import type { JournalFs, WriterStatus } from '../../../src/core/store/journal-writer';
import { StoreEngine } from '../../../src/core/store/engine';
import { loadSqlJs } from '../../../src/core/store/db';
import { MemoryLog } from '../../../src/core/store/log';
import { journalDir, listSegments } from '../../../src/core/store/segments';
import { listGenerations, snapshotPath } from '../../../src/core/store/snapshot';
import type { RecordedEvent } from '../../../src/core/model/events';
import { crc32 } from '../../../src/core/store/record';

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'store-faults-'));
const ev = (i: number, tag = 't'): RecordedEvent => ({ kind: 'text_change', ts: Date.now(), fileHash: tag, language: 'ts', label: 'typed', precision: 'strong', charsAdded: 1, charsRemoved: 0, linesAdded: 0, count: i });

async function open(dir: string, log = new MemoryLog(), id = 'e'): Promise<StoreEngine> {
  return StoreEngine.open({ storageDir: dir, ownerId: id, SQL: await loadSqlJs(), log });
}
async function counts(dir: string, log = new MemoryLog()): Promise<number[]> {
  const e = await open(dir, log, 'check');
  const rows = e.sql<{ i: number }>('SELECT count AS i FROM text_changes ORDER BY count');
  e.close();
  return rows.map((r) => r.i);
}
const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, k) => a + k);

/** 50 records in one segment, then `damage` applied to the file; a later session appends 10 more. */
async function damaged(damage: (file: string, offsets: number[]) => void): Promise<{ got: number[]; log: MemoryLog }> {
  const dir = tmp();
  const w = JournalWriter.open({ dir: journalDir(dir), writerId: 'w' });
  const offsets: number[] = [];
  for (let i = 0; i < 50; i++) {
    offsets.push(fs.existsSync(w.segmentPath ?? '') ? fs.statSync(w.segmentPath!).size : 0);
    w.append(ev(i));
  }
  await w.close();
  damage(w.segmentPath!, offsets);
  const w2 = JournalWriter.open({ dir: journalDir(dir), writerId: 'w' });
  for (let i = 100; i < 110; i++) w2.append(ev(i));
  await w2.close();
  const log = new MemoryLog();
  return { got: await counts(dir, log), log };
}
const warnings = (log: MemoryLog): string[] => log.lines.filter((l) => l.startsWith('warn') && l.includes('journal'));

describe('store faults: damaged journal tails', () => {
  it('a record torn at every third byte offset of the last record: the rest kept, one log line', async function () {
    this.timeout(60_000);
    const dir = tmp();
    const w = JournalWriter.open({ dir: journalDir(dir), writerId: 'w' });
    for (let i = 0; i < 50; i++) w.append(ev(i));
    await w.close();
    const full = fs.readFileSync(w.segmentPath!);
    const last = full.lastIndexOf(Buffer.from('EVJ1'));
    // Every 3rd offset inside the last record keeps the test short (the record is ~190 B).
    for (let cut = last + 1; cut < full.length; cut += 3) {
      fs.writeFileSync(w.segmentPath!, full.subarray(0, cut));
      fs.utimesSync(w.segmentPath!, new Date(0), new Date(0));
      const log = new MemoryLog();
      assert.deepEqual(await counts(dir, log), range(0, 49), `cut at ${cut}`);
      assert.equal(warnings(log).length, 1, `one line at cut ${cut}: ${log.lines.join('|')}`);
    }
  });

  it('a zero-filled 4 KiB tail, a garbage tail: rejected, everything before and after kept', async () => {
    for (const fill of [Buffer.alloc(4096), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251))]) {
      const { got, log } = await damaged((f) => fs.appendFileSync(f, fill));
      assert.deepEqual(got, [...range(0, 50), ...range(100, 110)]);
      assert.equal(warnings(log).length, 1, log.lines.join('|'));
    }
  });

  it('a bit flip or a corrupt length in record 20: only that record lost, resync finds 21', async () => {
    for (const at of [40, 5]) {
      const { got, log } = await damaged((f, offsets) => {
        const b = fs.readFileSync(f);
        b[offsets[20] + at] ^= 0x10;
        fs.writeFileSync(f, b);
      });
      assert.deepEqual(got, [...range(0, 20), ...range(21, 50), ...range(100, 110)], `flip at +${at}`);
      assert.equal(warnings(log).length, 1, log.lines.join('|'));
    }
  });

  it('a CRC-valid record that is not an event is rejected alone', async () => {
    const dir = tmp();
    const w = JournalWriter.open({ dir: journalDir(dir), writerId: 'w' });
    w.append(ev(0));
    w.append({ kind: 'nonsense', ts: 1 } as unknown as RecordedEvent);
    w.append({ ...ev(2), charsAdded: 'many' } as unknown as RecordedEvent); // wrong type: stored as NULL, not thrown
    await w.close();
    const log = new MemoryLog();
    assert.deepEqual(await counts(dir, log), [0, 2]);
    assert.equal(warnings(log).length, 1);
  });
});

describe('store faults: snapshots, failing writes, newer schema, two windows', () => {
  it('a corrupt newest snapshot: the older generation plus journals restore everything', async () => {
    const dir = tmp();
    const w = JournalWriter.open({ dir: journalDir(dir), writerId: 'w', segmentBytes: 4096 });
    const e = await open(dir);
    for (let i = 0; i < 300; i++) {
      w.append(ev(i));
      if (i % 100 === 99) {
        e.catchUp();
        assert.ok(e.snapshot());
      }
    }
    await w.close();
    e.close();
    const gens = listGenerations(path.join(dir, 'snapshots'));
    assert.equal(gens.length, 2);
    const newest = snapshotPath(path.join(dir, 'snapshots'), gens[0]);
    fs.truncateSync(newest, fs.statSync(newest).size - 1024);
    const log = new MemoryLog();
    assert.deepEqual(await counts(dir, log), range(0, 300));
    assert.ok(log.lines.some((l) => l.includes('unusable') && l.includes('its marks say')), log.lines.join('|'));
  });

  it('ENOSPC (injected into writeSync/openSync): capture pauses with one report, nothing corrupted, resumes when writing works', async () => {
    const dir = tmp();
    let failWith: string | null = null;
    const failing: JournalFs = {
      ...fs,
      writeSync: ((fd: number, b: Buffer, o: number, l: number) => {
        if (failWith) throw Object.assign(new Error(`${failWith}: simulated`), { code: failWith });
        return fs.writeSync(fd, b, o, l);
      }) as typeof fs.writeSync,
      openSync: ((p: string, f: string) => {
        if (failWith) throw Object.assign(new Error(`${failWith}: simulated`), { code: failWith });
        return fs.openSync(p, f);
      }) as typeof fs.openSync,
    };
    const reports: WriterStatus[] = [];
    const w = JournalWriter.open({ dir: journalDir(dir), writerId: 'w', fs: failing, retryMs: 20, maxBacklog: 30, onStatus: (s) => reports.push(s) });
    for (let i = 0; i < 10; i++) w.append(ev(i));
    failWith = 'ENOSPC';
    for (let i = 10; i < 50; i++) w.append(ev(i)); // 30 held, 10 dropped and counted
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(reports.length, 1, 'reported once, although retries keep failing');
    assert.deepEqual([reports[0].state, (reports[0] as { code: string }).code], ['paused', 'ENOSPC']);
    assert.deepEqual(await counts(dir), range(0, 10), 'what was written is intact');
    failWith = null;
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(w.status.state, 'ok');
    assert.equal(w.status.dropped, 10);
    w.append(ev(50));
    await w.close();
    assert.deepEqual(await counts(dir), [...range(0, 40), 50]);
    assert.equal(reports.length, 2);
  });

  it('a failed very first write (its segment file left behind) does not keep capture paused', async () => {
    const dir = tmp();
    let failWrites = true;
    const failing: JournalFs = {
      ...fs,
      writeSync: ((fd: number, b: Buffer, o: number, l: number) => {
        if (failWrites) throw Object.assign(new Error('ENOSPC: simulated'), { code: 'ENOSPC' });
        return fs.writeSync(fd, b, o, l);
      }) as typeof fs.writeSync,
    };
    const w = JournalWriter.open({ dir: journalDir(dir), writerId: 'w', fs: failing, retryMs: 20 });
    for (let i = 0; i < 5; i++) w.append(ev(i));
    assert.equal(w.status.state, 'paused');
    failWrites = false;
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(w.status.state, 'ok', 'the retry found a fresh segment name');
    w.append(ev(5));
    await w.close();
    assert.deepEqual(await counts(dir), range(0, 6));
  });

  it('a real failing directory (a file where the journal folder should be) pauses, then resumes', async () => {
    const dir = tmp();
    fs.writeFileSync(journalDir(dir), 'not a directory');
    const reports: WriterStatus[] = [];
    const w = JournalWriter.open({ dir: journalDir(dir), writerId: 'w', retryMs: 20, onStatus: (s) => reports.push(s) });
    w.append(ev(0));
    assert.equal(w.status.state, 'paused');
    fs.rmSync(journalDir(dir));
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(w.status.state, 'ok');
    await w.close();
    assert.deepEqual(await counts(dir), [0]);
    assert.equal(reports.length, 2);
  });

  it('a database written by a newer schema: clear message, read-only, nothing destroyed', async () => {
    const dir = tmp();
    const w = JournalWriter.open({ dir: journalDir(dir), writerId: 'w' });
    w.append(ev(1));
    await w.close();
    const e = await open(dir);
    e.sql('SELECT 1');
    e.snapshot();
    e.close();
    const snapDir = path.join(dir, 'snapshots');
    const SQL = await loadSqlJs();
    const file = snapshotPath(snapDir, listGenerations(snapDir)[0]);
    const db = new SQL.Database(fs.readFileSync(file));
    db.exec('PRAGMA user_version=99');
    const bytes = db.export();
    fs.writeFileSync(file, bytes);
    // As a newer version would write it: its marks carry the new file's checksum.
    const marksFile = file.replace(/\.db$/, '.hwm.json');
    const marks = JSON.parse(fs.readFileSync(marksFile, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(marksFile, JSON.stringify({ ...marks, bytes: bytes.length, crc32: crc32(bytes) }));
    const before = fs.readFileSync(file);
    const segsBefore = listSegments(journalDir(dir)).length;
    const log = new MemoryLog();
    const e2 = await open(dir, log, 'old');
    assert.match(e2.readOnly ?? '', /newer version.*schema 99.*read-only/);
    assert.ok(log.lines.some((l) => l.startsWith('warn') && l.includes('read-only')));
    assert.equal(e2.snapshot(), false);
    e2.close();
    assert.ok(before.equals(fs.readFileSync(file)), 'snapshot untouched');
    assert.equal(listSegments(journalDir(dir)).length, segsBefore, 'journals untouched');
  });

  it('two windows writing at once, ownership handed over: every event exactly once', async () => {
    const dir = tmp();
    const opts = { snapshotBytes: 2048, lockStaleMs: 200 };
    const SQL = await loadSqlJs();
    const mk = (id: string): StoreEngine => StoreEngine.open({ storageDir: dir, ownerId: id, SQL, log: new MemoryLog(), ...opts });
    const a = mk('A');
    const b = mk('B');
    assert.deepEqual([a.isOwner, b.isOwner], [true, false]);
    const wa = JournalWriter.open({ dir: journalDir(dir), writerId: 'A', segmentBytes: 1500 });
    const wb = JournalWriter.open({ dir: journalDir(dir), writerId: 'B', segmentBytes: 1500 });
    for (let i = 0; i < 400; i++) {
      wa.append(ev(i, 'A'));
      wb.append(ev(i, 'B'));
      if (i % 25 === 0) { a.tick(); b.tick(); }
    }
    a.close(); // releases the lock: B takes over on its next tick
    b.tick();
    assert.equal(b.isOwner, true);
    for (let i = 400; i < 600; i++) {
      wb.append(ev(i, 'B'));
      if (i % 25 === 0) b.tick();
    }
    await wa.close();
    await wb.close();
    const fromB = b.sql<{ tag: string; n: number; d: number }>('SELECT file_hash AS tag, count(*) AS n, count(DISTINCT count) AS d FROM text_changes GROUP BY file_hash');
    b.close();
    assert.deepEqual(fromB, [{ tag: 'A', n: 400, d: 400 }, { tag: 'B', n: 600, d: 600 }]);
    const c = mk('C');
    const fresh = c.sql<{ tag: string; n: number; d: number }>('SELECT file_hash AS tag, count(*) AS n, count(DISTINCT count) AS d FROM text_changes GROUP BY file_hash');
    c.close();
    assert.deepEqual(fresh, fromB, 'a fresh window (snapshot + remaining journals) sees the same');
    assert.ok(listGenerations(path.join(dir, 'snapshots')).length === 2);
  });
});
