import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'sql.js';
import { JournalWriter } from '../../../src/core/store/journal-writer';
import { StoreEngine } from '../../../src/core/store/engine';
import { Ingestor } from '../../../src/core/store/ingest';
import { all, loadSqlJs, openDb } from '../../../src/core/store/db';
import { MemoryLog } from '../../../src/core/store/log';
import { journalDir } from '../../../src/core/store/segments';
import { ROLLUPS } from '../../../src/core/store/rollups';
import type { JournalRecord } from '../../../src/core/store/record';
import type { RecordedEvent } from '../../../src/core/model/events';
import { everyKind } from '../../support/store/gen';

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'store-poison-'));
const recs = (evs: RecordedEvent[]): JournalRecord[] => evs.map((ev, k) => ({ seq: k + 1, ev, offset: 0 }));
const count = (db: Database, sql: string): number => all<{ n: number }>(db, sql)[0].n;
const KINDS = everyKind('k', Date.now()).map((e) => e.kind);

/** Every kind's table, and the column a trigger can recognise a poisoned row by (its timestamp). */
const TABLE_OF: Record<RecordedEvent['kind'], [string, string]> = {
  text_change: ['text_changes', 'ts'], ai_insertion: ['ai_insertions', 'ts'], survival: ['survival', 'ts'],
  commit: ['commits', 'ts'], commit_attribution: ['commit_attributions', 'ts'], tool_run: ['tool_usage', 'ts'], ai_interaction: ['ai_interactions', 'ts'],
  feedback: ['user_feedback', 'ts'], context: ['context_events', 'ts'], session: ['sessions', 'start_ts'],
  pattern: ['patterns', 'updated_ts'], pattern_usage: ['pattern_usage', 'ts'], import_cursor: ['import_cursors', 'ts'],
  learning: ['learning_events', 'ts'],
};

function rollups(db: Database): Record<string, unknown[]> {
  return Object.fromEntries(Object.entries(ROLLUPS).map(([t, d]) => [t, all(db, `SELECT * FROM ${t} ORDER BY ${['day', ...d.keys].join(', ')}`)]));
}

/** `everyKind` with ids tagged, its survival pointing at its own insertion. */
const good = (tag: string, ts: number): RecordedEvent[] => everyKind(tag, ts);

describe('store: poison records (one per kind) are quarantined, the rest of the batch lands', () => {
  it('covers every kind of the model', () => {
    assert.deepEqual([...KINDS].sort(), Object.keys(TABLE_OF).sort());
  });

  it('a record whose statements fail after validation (a trigger per kind\'s table): set aside with its rollups', async () => {
    const ts = Date.now();
    const poisonTs = ts - 54_321;
    const SQL = await loadSqlJs();
    const { db } = openDb(SQL);
    for (const [kind, [table, col]] of Object.entries(TABLE_OF)) {
      const at = kind === 'survival' ? poisonTs + 30_000 : poisonTs; // everyKind's survival comes 30 s later
      db.exec(`CREATE TRIGGER poison_${kind} BEFORE INSERT ON ${table} WHEN NEW.${col} = ${at}
        BEGIN SELECT RAISE(ABORT, 'poisoned ${kind}'); END`);
    }
    // Interleaved: good of kind k, poison of kind k (the pattern's own updated_ts is its ts; the session's start_ts too).
    const goodEvs = good('g', ts);
    const poison = good('p', poisonTs);
    const evs = goodEvs.flatMap((g, i) => [g, poison[i]]);
    const ing = new Ingestor(db);
    const res = ing.apply([{ writer: 'w', records: recs(evs) }]);
    assert.equal(res.quarantined, KINDS.length, res.firstError);
    assert.equal(res.applied, KINDS.length);
    assert.equal(ing.highWater('w'), evs.length, 'the high-water mark covers the quarantined records too');
    const reasons = all<{ kind: string; reason: string }>(db, 'SELECT kind, reason FROM quarantine ORDER BY seq');
    assert.deepEqual(reasons.map((r) => r.kind), KINDS);
    for (const r of reasons) assert.match(r.reason, new RegExp(`poisoned ${r.kind}`));
    for (const [table, col] of Object.values(TABLE_OF)) {
      assert.equal(count(db, `SELECT count(*) AS n FROM ${table} WHERE ${col} IN (${poisonTs}, ${poisonTs + 30_000})`), 0, `${table}: nothing of the poison`);
    }
    // Same rollups as a database that only ever saw the good records.
    const { db: ref } = openDb(SQL);
    const refIng = new Ingestor(ref);
    refIng.apply([{ writer: 'w', records: recs(goodEvs) }]);
    assert.deepEqual(rollups(db), rollups(ref));
    assert.equal(count(db, "SELECT count(*) AS n FROM dedup_ids WHERE key LIKE 'i:ai-p%'"), 0, 'dedup of the failed interaction rolled back');
    ing.close();
    refIng.close();
    db.close();
    ref.close();
  });

  it('a journal with a 1e16 timestamp of every kind (and other bad records) opens; counted once, not again on re-open', async () => {
    const dir = tmp();
    const ts = Date.now();
    const bad: RecordedEvent[] = [
      ...good('bad', 1e16), // microseconds or nanoseconds taken for milliseconds
      { ...good('neg', ts)[6], ts: -5 },
      { ...good('str', ts)[6], ts: String(ts) } as unknown as RecordedEvent,
      { kind: 'nonsense', ts } as unknown as RecordedEvent,
      { kind: 'ai_interaction', ts, sourceTool: 'codex', interaction: 'chat', intent: 'other' } as RecordedEvent, // no id
      { kind: 'session', ts, id: 's-x', phase: 'middle' } as unknown as RecordedEvent,
    ];
    const absurd = { ...good('abs', ts)[6], tokensIn: 1e20, costUsd: -3, latencyMs: 1e300 } as RecordedEvent;
    const w = JournalWriter.open({ dir: journalDir(dir), writerId: 'imp' });
    w.appendMany([...good('a', ts), ...bad, absurd, ...good('b', ts)]);
    await w.close();

    const log = new MemoryLog();
    const e = StoreEngine.open({ storageDir: dir, ownerId: 'a', SQL: await loadSqlJs(), log });
    const health = e.query('storeHealth', {});
    assert.equal(health.quarantined, bad.length);
    assert.match(health.lastReason ?? '', /./);
    const byKind = e.query('eventCount', {}).byKind;
    for (const k of KINDS) assert.ok((byKind[k] ?? 0) >= 2, `${k}: both good copies stored (${byKind[k]})`);
    assert.equal(byKind.ai_interaction, 3, 'two good interactions and the one with absurd values');
    const row = e.sql<Record<string, unknown>>("SELECT tokens_in, cost_usd, latency_ms, tokens_out FROM ai_interactions WHERE id = 'ai-abs'")[0];
    assert.deepEqual(row, { tokens_in: null, cost_usd: null, latency_ms: null, tokens_out: 200 }, 'absurd values dropped, the rest kept');
    assert.ok(log.lines.some((l) => l.startsWith('warn') && l.includes(`${bad.length} journal record(s) set aside`)), log.lines.join('\n'));
    assert.ok(log.lines.some((l) => l.includes('3 out-of-range value(s) dropped')), log.lines.join('\n'));
    assert.equal(e.info().quarantined, bad.length);
    e.close();

    for (const id of ['b', 'c']) {
      const log2 = new MemoryLog();
      const e2 = StoreEngine.open({ storageDir: dir, ownerId: id, SQL: await loadSqlJs(), log: log2 });
      assert.equal(e2.query('storeHealth', {}).quarantined, bad.length, `re-open ${id}: not counted again`);
      assert.equal(e2.info().quarantined, 0);
      assert.ok(!log2.lines.some((l) => l.includes('quarantine')), log2.lines.join('\n'));
      e2.close();
    }
  });
});
