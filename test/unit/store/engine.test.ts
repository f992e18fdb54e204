import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JournalWriter } from '../../../src/core/store/journal-writer';
import { StoreEngine } from '../../../src/core/store/engine';
import { loadSqlJs } from '../../../src/core/store/db';
import { MemoryLog } from '../../../src/core/store/log';
import { journalDir } from '../../../src/core/store/segments';
import { localDay } from '../../../src/core/model/day';
import { everyKind } from '../../support/store/gen';

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'store-engine-'));
}

async function engine(dir: string, id = 'a', extra = {}): Promise<StoreEngine> {
  return StoreEngine.open({ storageDir: dir, ownerId: id, SQL: await loadSqlJs(), log: new MemoryLog(), ...extra });
}

describe('store engine', () => {
  it('lands every event kind in its table and rollups, and dedupes by id', async () => {
    const dir = tmpDir();
    const w = JournalWriter.open({ dir: journalDir(dir), writerId: 'win' });
    const ts = Date.now();
    for (const ev of everyKind('x', ts)) w.append(ev);
    for (const ev of everyKind('x', ts)) w.append(ev); // same ids again: imported twice
    await w.close();
    const e = await engine(dir);
    const count = e.query('eventCount', {});
    // Kinds without ids (text_change, context, survival upsert, session, cursor upsert, pattern upsert) land twice.
    assert.equal(count.byKind.ai_interaction, 1);
    assert.equal(count.byKind.feedback, 1);
    assert.equal(count.byKind.tool_run, 1);
    assert.equal(count.byKind.pattern_usage, 1);
    assert.equal(count.byKind.commit, 1);
    assert.equal(count.byKind.learning, 1);
    assert.equal(count.byKind.text_change, 2);
    const day = localDay(ts);
    const surv = e.query('insertionSurvival', { fromDay: day, toDay: day });
    assert.deepEqual(surv.insertions, [{ language: 'typescript', origin: 'inline', n: 1, chars: 120, lines: 4 }]);
    assert.deepEqual(surv.survival, [{ language: 'typescript', origin: 'inline', checkpoint: '30s', n: 1, charsKept: 100, charsTotal: 120 }]);
    const tokens = e.query('tokensByModel', { fromDay: day, toDay: day });
    assert.equal(tokens[0].tokensIn, 1000);
    assert.equal(tokens[0].costUsd, 0.01);
    const pats = e.query('patterns', {});
    assert.equal(pats[0].usageCount, 1);
    assert.deepEqual(pats[0].tags, ['async']);
    assert.equal(e.query('importCursors', { source: 'claude-code' }).length, 1);
    assert.equal(e.query('toolSuccess', { fromDay: day, toDay: day })[0].ok, 1);
    assert.equal(e.query('feedbackTrend', { fromDay: day, toDay: day })[0].avgRating, 4);
    assert.equal(e.query('interactionsByIntent', { fromDay: day, toDay: day })[0].votesUp, 1);
    const today = e.query('todaySummary', { dayStartTs: ts - 1000 });
    assert.deepEqual(today, {
      newChars: 20, aiChars: 120, aiKeptChars: 100, aiMeasuredChars: 120, insertions: 1,
      patternChars: 0, patternKeptChars: 0, patternMeasuredChars: 0, patternInsertions: 0, activeMs: 0,
    });
    e.close();
  });

  it("today's summary counts the user's own pattern insertions apart from AI, each with its kept share, and active time", async () => {
    const dir = tmpDir();
    const w = JournalWriter.open({ dir: journalDir(dir), writerId: 'win' });
    const ts = Date.now();
    const ins = (id: string, origin: 'chat' | 'pattern', chars: number) => ({
      kind: 'ai_insertion' as const, ts, id, origin, fileHash: 'f', language: 'typescript', chars, lines: 3,
      precision: 'strong' as const, confidence: 1, textHash: '', ...(origin === 'pattern' ? { patternId: 'p1' } : {}),
    });
    const surv = (insertionId: string, kept: number, total: number) => ({
      kind: 'survival' as const, ts: ts + 30_000, insertionId, checkpoint: '30s' as const, charsKept: kept, charsTotal: total,
    });
    w.append({ kind: 'text_change', ts, fileHash: 'f', language: 'typescript', label: 'typed', precision: 'strong', charsAdded: 100, charsRemoved: 0, linesAdded: 0, count: 10 });
    w.append(ins('c1', 'chat', 200));
    w.append(ins('p1', 'pattern', 300));
    w.append(ins('p2', 'pattern', 50));
    w.append(surv('c1', 150, 200));
    w.append(surv('p1', 0, 300));
    // Sessions: active time counts on the day the session ended; one still running is not in the store yet.
    w.append({ kind: 'session', ts: ts - 8_000_000, id: 's1', phase: 'start' });
    w.append({ kind: 'session', ts, id: 's1', phase: 'end', activeMs: 7_500_000 });
    w.append({ kind: 'session', ts, id: 's2', phase: 'start' });
    await w.close();
    const e = await engine(dir);
    assert.deepEqual(e.query('todaySummary', { dayStartTs: ts - 1000 }), {
      newChars: 100, aiChars: 200, aiKeptChars: 150, aiMeasuredChars: 200, insertions: 1,
      patternChars: 350, patternKeptChars: 0, patternMeasuredChars: 300, patternInsertions: 2, activeMs: 7_500_000,
    });
    e.close();
  });

  it('survival upsert corrects the rollup instead of adding twice', async () => {
    const dir = tmpDir();
    const w = JournalWriter.open({ dir: journalDir(dir), writerId: 'win' });
    const ts = Date.now();
    w.append(everyKind('s', ts)[2]);
    w.append({ kind: 'survival', ts, insertionId: 'ins-s', checkpoint: '2m', charsKept: 80, charsTotal: 120 });
    w.append({ kind: 'survival', ts, insertionId: 'ins-s', checkpoint: '2m', charsKept: 60, charsTotal: 120 });
    await w.close();
    const e = await engine(dir);
    const d = localDay(ts);
    assert.deepEqual(e.query('insertionSurvival', { fromDay: d, toDay: d }).survival,
      [{ language: 'typescript', origin: 'inline', checkpoint: '2m', n: 1, charsKept: 60, charsTotal: 120 }]);
    e.close();
  });

  it('replays nothing twice after a snapshot, and keeps rollups when raw rows age out', async () => {
    const dir = tmpDir();
    const w = JournalWriter.open({ dir: journalDir(dir), writerId: 'win' });
    const old = Date.now() - 30 * 86_400_000;
    for (let i = 0; i < 50; i++) w.append(everyKind(`o${i}`, old)[1]);
    for (const ev of everyKind('new', Date.now())) w.append(ev);
    await w.flush();
    const e1 = await engine(dir, 'a');
    assert.equal(e1.query('eventCount', {}).total, 64);
    assert.ok(e1.snapshot());
    e1.close();
    const e2 = await engine(dir, 'b');
    assert.equal(e2.query('eventCount', {}).total, 64, 'loaded from snapshot, journal replay skipped');
    const d = localDay(old);
    assert.equal(e2.query('dailyCounts', { fromDay: d, toDay: d })[0].n, 50, 'rollup kept after retention');
    w.append({ kind: 'context', ts: Date.now(), what: 'blur' });
    await w.close();
    assert.equal(e2.query('eventCount', {}).total, 65);
    e2.close();
  });
});
