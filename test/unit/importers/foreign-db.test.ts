import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, existsSync, readFileSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openForeignDb } from '../../../src/core/importers/foreign-db';
import type { ForeignDb, OpenResult } from '../../../src/core/importers/foreign-db';
import { applyWal } from '../../../src/core/util/sqlite-wal';
import { hasNodeSqlite, openWalWriter, openWriter, writerKind } from '../../support/sqlite-writer';
import type { WriterDb } from '../../support/sqlite-writer';
import { withTmp } from './helpers';

const MEM = 64 * 1024 * 1024;

/** A WAL database written by real SQLite and never checkpointed: its rows live only in the `-wal`. */
function walDb(path: string, rows: number): WriterDb {
  const db = openWalWriter(path);
  db.exec('CREATE TABLE kv (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)');
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  const ins = db.prepare('INSERT INTO kv VALUES (?, ?)');
  for (let i = 0; i < rows; i++) ins.run(`k${i}`, JSON.stringify({ i, pad: 'x'.repeat(300) }));
  return db;
}

function opened(r: OpenResult): ForeignDb {
  if ('skip' in r) throw new Error(`skipped: ${r.skip} (${r.detail})`);
  return r.db;
}

const QUERY = 'SELECT key, CAST(value AS TEXT) AS v FROM kv ORDER BY key';
const lines = (rows: Record<string, unknown>[]): string[] => rows.map((r) => `${String(r.key)}=${String(r.v)}`);

async function pick(r: OpenResult): Promise<string> {
  if ('db' in r) {
    await r.db.close();
    return 'opened';
  }
  return r.skip;
}

describe(`Read-only reader of other programs\u2019 SQLite databases (written by ${writerKind ?? 'none'})`, function () {
  before(function () {
    if (writerKind === undefined) this.skip();
  });

  for (const native of hasNodeSqlite ? [false, true] : [false]) {
    const engine = native ? 'node:sqlite' : 'sql.js';
    it(`${engine}: sees every committed row of an uncheckpointed WAL, exactly as SQLite itself reads them, and writes nothing`, async () => withTmp(async (dir) => {
      const path = join(dir, 'state.vscdb');
      const writer = walDb(path, 400);
      try {
        const walBefore = readFileSync(`${path}-wal`);
        const dbBefore = readFileSync(path);
        assert.ok(walBefore.length > 100_000, 'the rows are in the log');
        const expected = lines(writer.prepare(QUERY).all());
        const db = opened(await openForeignDb(path, { maxMemoryBytes: MEM, native }));
        assert.equal(db.engine, engine);
        assert.deepEqual(lines(db.all(QUERY)), expected);
        assert.equal(expected.length, 400);
        await db.close();
        assert.ok(readFileSync(path).equals(dbBefore) && readFileSync(`${path}-wal`).equals(walBefore), 'the program\u2019s files are untouched');
        assert.deepEqual(readdirSync(dir).sort(), ['state.vscdb', 'state.vscdb-shm', 'state.vscdb-wal']);
      } finally {
        writer.close();
      }
    }));
  }

  it('sql.js: a query run again (kept statement), with other parameters, stopped early, or from inside its own row callback, gives the rows SQLite gives', async () => withTmp(async (dir) => {
    const path = join(dir, 'state.vscdb');
    const writer = walDb(path, 30);
    try {
      const db = opened(await openForeignDb(path, { maxMemoryBytes: MEM, native: false }));
      const one = 'SELECT key FROM kv WHERE key = ?';
      const keys = (k: string): string[] => db.all(one, [k]).map((r) => String(r.key));
      assert.deepEqual(keys('k3'), ['k3']);
      assert.deepEqual(keys('k7'), ['k7'], 'the kept statement bound anew');
      assert.deepEqual(keys('nope'), []);
      let first = 0;
      db.each(QUERY, [], () => ++first < 5);
      assert.equal(first, 5, 'stopped early');
      const nested: string[] = [];
      db.each(QUERY, [], (outer) => {
        // The same SQL from inside its own callback: a statement of its own, the outer one carries on.
        if (String(outer.key) === 'k1') nested.push(...lines(db.all(QUERY)));
      });
      const expected = lines(writer.prepare(QUERY).all());
      assert.deepEqual(nested, expected);
      assert.deepEqual(lines(db.all(QUERY)), expected, 'the kept statement reset after the early stop and the nesting');
      await db.close();
    } finally {
      writer.close();
    }
  }));

  it('ignores the frames of a transaction whose commit frame is not written yet (as SQLite does)', async () => withTmp(async (dir) => {
    const path = join(dir, 'a.db');
    const writer = walDb(path, 50);
    const walAfter50 = statSync(`${path}-wal`).size;
    // One transaction of 200 rows: many frames, only the last one is a commit frame.
    writer.exec('BEGIN');
    const ins = writer.prepare('INSERT INTO kv VALUES (?, ?)');
    for (let i = 0; i < 200; i++) ins.run(`t${i}`, 'y'.repeat(500));
    writer.exec('COMMIT');
    const copy = join(dir, 'b.db');
    copyFileSync(path, copy);
    copyFileSync(`${path}-wal`, `${copy}-wal`);
    writer.close();
    const full = statSync(`${copy}-wal`).size;
    truncateSync(`${copy}-wal`, full - (24 + 4096)); // the commit frame is cut off
    assert.ok(full - (24 + 4096) > walAfter50);
    const db = opened(await openForeignDb(copy, { maxMemoryBytes: MEM, native: false }));
    assert.equal(db.all('SELECT count(*) AS n FROM kv')[0].n, 50);
    assert.ok(db.wal !== undefined && db.wal.ignoredFrames > 0);
    await db.close();
  }));

  it('applies nothing from a log whose header is damaged, and a torn last frame does not undo earlier commits', async () => withTmp(async (dir) => {
    const path = join(dir, 'c.db');
    const writer = walDb(path, 30);
    const db = readFileSync(path);
    const wal = readFileSync(`${path}-wal`);
    writer.close();
    const bad = Buffer.from(wal);
    bad[3] ^= 0xff;
    assert.equal(applyWal(db, bad).unused, 'bad magic');
    const r = applyWal(db, wal.subarray(0, wal.length - 100));
    assert.ok(r.frames > 0 && r.unused === undefined);
    await Promise.resolve();
  }));

  it('reports a database that is not SQLite (encrypted), truncated, missing, too large or mid-write in rollback mode, and never throws', async () => withTmp(async (dir) => {
    const open = (p: string, maxMemoryBytes = MEM) => openForeignDb(p, { maxMemoryBytes, native: false }).then(pick);
    const enc = join(dir, 'enc.db');
    writeFileSync(enc, Buffer.alloc(8192, 0x5a));
    assert.equal(await open(enc), 'not_sqlite');

    const whole = join(dir, 'whole.db');
    const w = openWriter(whole);
    w.exec('CREATE TABLE kv (key TEXT, value BLOB)');
    const ins = w.prepare('INSERT INTO kv VALUES (?, ?)');
    for (let i = 0; i < 300; i++) ins.run(`k${i}`, 'z'.repeat(400));
    w.close();
    const half = join(dir, 'half.db');
    writeFileSync(half, readFileSync(whole).subarray(0, 4096 * 10));
    assert.equal(await open(half), 'db_corrupt');
    const odd = join(dir, 'odd.db');
    writeFileSync(odd, readFileSync(whole).subarray(0, 5000));
    assert.equal(await open(odd), 'db_corrupt');

    const busy = join(dir, 'busy.db');
    copyFileSync(whole, busy);
    const locker = openWriter(busy);
    locker.exec('PRAGMA cache_size = 1');
    locker.exec('BEGIN EXCLUSIVE');
    const more = locker.prepare('INSERT INTO kv VALUES (?, ?)');
    for (let i = 0; i < 300; i++) more.run(`m${i}`, 'q'.repeat(400));
    assert.ok(existsSync(`${busy}-journal`), 'the writer spilled into its rollback journal');
    assert.equal(await open(busy), 'db_busy');
    locker.exec('ROLLBACK');
    locker.close();

    assert.equal(await open(join(dir, 'missing.db')), 'unreadable');
    assert.equal(await open(whole, 1000), 'too_large');
  }));

  it('skips a database that keeps changing while it is copied', async () => withTmp(async (dir) => {
    const path = join(dir, 'moving.db');
    const writer = walDb(path, 10);
    let n = 0;
    const timer = setInterval(() => appendFileSync(`${path}-wal`, Buffer.alloc(10, n++)), 0);
    try {
      const started = Date.now();
      let result = 'opened';
      // Each copy takes a few ms; the appends land between the stat before and the stat after.
      while (result === 'opened' && Date.now() - started < 3000) result = await pick(await openForeignDb(path, { maxMemoryBytes: MEM, native: false }));
      assert.equal(result, 'db_busy');
    } finally {
      clearInterval(timer);
      writer.close();
    }
  }));
});
