import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'sql.js';
import { JournalWriter } from '../../../src/core/store/journal-writer';
import { StoreEngine } from '../../../src/core/store/engine';
import { Ingestor } from '../../../src/core/store/ingest';
import { all, loadSqlJs, openDb } from '../../../src/core/store/db';
import { MemoryLog, silentLog } from '../../../src/core/store/log';
import { journalDir } from '../../../src/core/store/segments';
import { applyRetention } from '../../../src/core/store/retention';
import { runQuery } from '../../../src/core/store/queries';
import { ROLLUPS } from '../../../src/core/store/rollups';
import { RAW_TABLES } from '../../../src/core/model/schema';
import type { JournalRecord } from '../../../src/core/store/record';
import type { RecordedEvent } from '../../../src/core/model/events';
import { localDay } from '../../../src/core/model/day';
import { mixEvent, rng } from '../../support/store/gen';

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'store-ingest-'));
const recs = (evs: RecordedEvent[], seq0 = 1): JournalRecord[] => evs.map((ev, k) => ({ seq: seq0 + k, ev, offset: 0 }));
const text = (i: number, fileHash = 'f'): RecordedEvent => ({ kind: 'text_change', ts: Date.now(), fileHash, language: 'ts', label: 'typed', precision: 'strong', charsAdded: 10, charsRemoved: 0, linesAdded: 1, count: i });

/** Every rollup table's rows in key order (float sums rounded: chunking changes the order of additions). */
function rollupSql(): [string, string][] {
  return Object.entries(ROLLUPS).map(([t, d]) => [t, `SELECT * FROM ${t} ORDER BY ${['day', ...d.keys].join(', ')}`]);
}
function rounded(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v])));
}
function rollupRows(db: Database): Record<string, unknown[]> {
  return Object.fromEntries(rollupSql().map(([t, q]) => [t, rounded(all(db, q))]));
}

/** Mixed events over the last three days (every rollup gets rows). */
function mix(n: number, seed: number): RecordedEvent[] {
  const r = rng(seed);
  const now = Date.now();
  return Array.from({ length: n }, (_, i) => mixEvent(r, i, now - 3 * 86_400_000 + i * 50_000));
}

describe('store ingest', () => {
  it('a record whose statement fails is skipped alone: the rest of its transaction and their rollups land', async () => {
    const { db } = openDb(await loadSqlJs());
    db.exec(`CREATE TRIGGER poison BEFORE INSERT ON text_changes WHEN NEW.file_hash = 'poison'
      BEGIN SELECT RAISE(ABORT, 'poisoned'); END`);
    const ing = new Ingestor(db);
    const evs = Array.from({ length: 10 }, (_, i) => text(i, i === 4 ? 'poison' : 'f'));
    const res = ing.apply([{ writer: 'w', records: recs(evs) }]);
    assert.equal(res.applied, 9);
    assert.equal(res.quarantined, 1);
    assert.match(res.firstError ?? '', /poisoned/);
    assert.equal(all<{ n: number }>(db, 'SELECT count(*) AS n FROM text_changes')[0].n, 9);
    assert.equal(all<{ n: number }>(db, 'SELECT sum(n) AS n FROM daily_text')[0].n, 9);
    assert.equal(all<{ n: number }>(db, "SELECT n FROM daily_counts WHERE kind = 'text_change'")[0].n, 9);
    assert.equal(ing.highWater('w'), 10, 'the high-water mark covers the skipped record too');
    ing.close();
    db.close();
  });

  it('catch-up in 5k-record transactions, segment by segment, gives the same rollups as one transaction', async function () {
    this.timeout(60_000);
    const evs = mix(12_000, 7);
    const dir = tmp();
    const w = JournalWriter.open({ dir: journalDir(dir), writerId: 'w', segmentBytes: 256 * 1024 });
    for (const ev of evs) w.append(ev);
    await w.close();
    const e = StoreEngine.open({ storageDir: dir, ownerId: 'a', SQL: await loadSqlJs(), log: silentLog });
    const viaEngine = Object.fromEntries(rollupSql().map(([t, q]) => [t, rounded(e.sql(q))]));
    e.close();
    const { db } = openDb(await loadSqlJs());
    const ing = new Ingestor(db);
    ing.apply([{ writer: 'w', records: recs(evs) }]);
    assert.deepEqual(viaEngine, rollupRows(db));
    assert.ok((viaEngine.daily_survival as unknown[]).length > 0);
    ing.close();
    db.close();
  });

  it('dashboard results are identical before and after retention deletes every raw row', async () => {
    const { db } = openDb(await loadSqlJs());
    const ing = new Ingestor(db);
    ing.apply([{ writer: 'w', records: recs(mix(3000, 9)) }]);
    const today = localDay(Date.now());
    const range = { fromDay: today - 10, toDay: today };
    const dash = (): unknown[] => [
      runQuery(db, 'dailyCounts', range), runQuery(db, 'insertionSurvival', range), runQuery(db, 'toolSuccess', range),
      runQuery(db, 'feedbackTrend', range), runQuery(db, 'tokensByModel', range), runQuery(db, 'interactionsByIntent', range),
      runQuery(db, 'eventCount', {}), runQuery(db, 'textChangesByLanguage', { sinceTs: Date.now() - 10 * 86_400_000 }),
    ];
    const before = dash();
    const rawBefore = RAW_TABLES.reduce((n, t) => n + all<{ n: number }>(db, `SELECT count(*) AS n FROM ${t}`)[0].n, 0);
    const r = applyRetention(db, 1, 1024, Date.now() + 30 * 86_400_000);
    assert.ok(rawBefore >= 2500, `raw rows: ${rawBefore}`);
    assert.equal(r.deleted, rawBefore, 'every raw row (interaction history is kept)');
    assert.equal(all<{ n: number }>(db, 'SELECT count(*) AS n FROM text_changes')[0].n, 0);
    assert.deepEqual(dash(), before);
    ing.close();
    db.close();
  });
});

describe('store: pattern outcome from survival', () => {
  const ts = Date.now();
  const pattern: RecordedEvent = { kind: 'pattern', ts, id: 'p1', op: 'upsert', name: 'retry', language: 'typescript' };
  const inserted = (id: string): RecordedEvent => ({ kind: 'ai_insertion', ts, id, origin: 'pattern', patternId: 'p1', fileHash: 'f'.repeat(16), language: 'typescript', chars: 100, lines: 5, precision: 'exact', confidence: 1, textHash: 'a'.repeat(16) });
  const surv = (insertionId: string, checkpoint: '30s' | '10m' | 'commit', charsKept: number): RecordedEvent =>
    ({ kind: 'survival', ts: ts + 1000, insertionId, checkpoint, charsKept, charsTotal: 100 });
  const outcomes = (e: StoreEngine): { id: string; action: string }[] =>
    e.sql("SELECT id, action FROM pattern_usage WHERE action IN ('kept', 'discarded') ORDER BY id");

  async function session(dir: string, evs: RecordedEvent[]): Promise<void> {
    const w = JournalWriter.open({ dir: journalDir(dir), writerId: 'win' });
    for (const ev of evs) w.append(ev);
    await w.close();
  }

  it('decides each pattern insertion once, at its first 10m or commit checkpoint, and survives replay and retention', async () => {
    const dir = tmp();
    const e = StoreEngine.open({ storageDir: dir, ownerId: 'a', SQL: await loadSqlJs(), log: new MemoryLog() });
    await session(dir, [pattern, inserted('ins-1'), surv('ins-1', '30s', 20)]);
    assert.equal(e.query('patterns', {})[0].successCount, 0, '30s decides nothing (even at 20%)');
    await session(dir, [surv('ins-1', '10m', 80)]);
    assert.equal(e.query('patterns', {})[0].successCount, 1, 'kept: 80 of 100 chars at 10m');

    await session(dir, [inserted('ins-2'), surv('ins-2', '10m', 10), surv('ins-1', 'commit', 90)]);
    assert.equal(e.query('patterns', {})[0].successCount, 1, 'ins-2 discarded; ins-1 already decided');
    assert.deepEqual(outcomes(e), [{ id: 'outcome:ins-1', action: 'kept' }, { id: 'outcome:ins-2', action: 'discarded' }]);

    await session(dir, [inserted('ins-3'), surv('ins-3', 'commit', 50), surv('ins-3', '10m', 0)]);
    assert.equal(e.query('patterns', {})[0].successCount, 2, 'commit first decides (50% counts as kept); the later 10m does not');

    // A replay under another writer key (the high-water mark cannot filter it), then again after retention
    // removed the raw insertion rows: the stored decisions hold.
    const all3 = [pattern, inserted('ins-1'), surv('ins-1', '10m', 0), inserted('ins-2'), surv('ins-2', '10m', 100)];
    await session(dir, all3);
    assert.equal(e.query('patterns', {})[0].successCount, 2);
    e.sql('DELETE FROM ai_insertions'); // what retention does to raw insertion rows
    assert.equal(e.sql<{ n: number }>('SELECT count(*) AS n FROM ai_insertions')[0].n, 0);
    await session(dir, [surv('ins-1', '10m', 100), surv('ins-2', 'commit', 100), surv('ins-3', '10m', 100)]);
    assert.equal(e.query('patterns', {})[0].successCount, 2);
    assert.equal(outcomes(e).length, 3);
    e.close();

    const e2 = StoreEngine.open({ storageDir: dir, ownerId: 'b', SQL: await loadSqlJs(), log: new MemoryLog() });
    assert.equal(e2.query('patterns', {})[0].successCount, 2, 'reopened (snapshot + journal replay): unchanged');
    e2.close();
  });

  it('ignores survival of non-pattern insertions and of unknown insertions', async () => {
    const dir = tmp();
    await session(dir, [pattern, { ...inserted('ins-x'), origin: 'inline' } as RecordedEvent, surv('ins-x', '10m', 100), surv('nope', '10m', 100)]);
    const e = StoreEngine.open({ storageDir: dir, ownerId: 'a', SQL: await loadSqlJs(), log: new MemoryLog() });
    assert.equal(e.query('patterns', {})[0].successCount, 0);
    assert.deepEqual(outcomes(e), []);
    e.close();
  });
});
