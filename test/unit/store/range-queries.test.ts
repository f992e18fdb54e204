import assert from 'node:assert/strict';
import type { Database } from 'sql.js';
import { loadSqlJs, openDb } from '../../../src/core/store/db';
import { Ingestor } from '../../../src/core/store/ingest';
import { runQuery } from '../../../src/core/store/queries';
import { localDay } from '../../../src/core/model/day';
import type { RecordedEvent } from '../../../src/core/model/events';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 30, 12);
const today = localDay(NOW);

const request = (id: string, daysAgo: number, more: Partial<Extract<RecordedEvent, { kind: 'ai_interaction' }>> = {}): RecordedEvent => ({
  kind: 'ai_interaction', ts: NOW - daysAgo * DAY, id, sourceTool: 'claude-code', interaction: 'agent', intent: 'debugging',
  model: 'claude-sonnet-4-6', ...more,
});
const edit = (daysAgo: number, chars: number): RecordedEvent => ({
  kind: 'text_change', ts: NOW - daysAgo * DAY, fileHash: 'f'.repeat(16), language: 'typescript', label: 'typed',
  precision: 'strong', charsAdded: chars, charsRemoved: 0, linesAdded: 1, count: 1,
});

async function store(evs: RecordedEvent[]): Promise<Database> {
  const { db } = openDb(await loadSqlJs());
  const ing = new Ingestor(db);
  ing.apply([{ writer: 'w', records: evs.map((ev, k) => ({ seq: k + 1, ev, offset: 0 })) }]);
  ing.close();
  return db;
}

describe('store queries over a range', () => {
  it('counts requests before, in and after a range, and the span of all history', async () => {
    // 26 requests imported from last year (400 to 425 days ago), 3 in the last week, 1 dated tomorrow.
    const db = await store([
      ...Array.from({ length: 26 }, (_, i) => request(`old-${i}`, 400 + i)),
      request('a', 1), request('b', 2), request('c', 6), request('future', -1),
    ]);
    const year = { fromDay: today - 364, toDay: today };
    assert.deepEqual(runQuery(db, 'requestsAround', year),
      { before: 26, inRange: 3, after: 1, firstDay: localDay(NOW - 425 * DAY), lastDay: today + 1 });
    assert.deepEqual(runQuery(db, 'requestsAround', { fromDay: today - 100, toDay: today - 50 }),
      { before: 26, inRange: 0, after: 4, firstDay: localDay(NOW - 425 * DAY), lastDay: today + 1 });
    db.close();
  });

  it('text changes by language stop at the range end', async () => {
    const db = await store([edit(40, 100), edit(10, 30), edit(0, 5)]);
    const chars = (toDay?: number): number => runQuery(db, 'textChangesByLanguage', { sinceTs: NOW - 45 * DAY, toDay })[0]?.charsAdded ?? 0;
    assert.equal(chars(), 135);
    assert.equal(chars(today - 5), 130);
    assert.equal(chars(today - 20), 100);
    db.close();
  });

  it('models by task obey the range: the EMA of its interactions only, oldest first', async () => {
    const db = await store([
      request('old', 400, { success: true, latencyMs: 9000 }),
      request('r1', 5, { success: true, latencyMs: 1000 }),
      request('r2', 3, { vote: -1, latencyMs: 3000, costUsd: 0.02 }),
      request('other', 2, { intent: 'refactor', model: 'gpt-5.2', cancelled: true }),
    ]);
    const week = runQuery(db, 'modelPerformance', { fromDay: today - 6, toDay: today });
    // debugging: quality 0.7 + 0.1 * (1 - 0.7) = 0.73, then 0.73 + 0.1 * (0 - 0.73) = 0.657; latency 1000, then
    // 1000 + 0.1 * (3000 - 1000) = 1200; cost first seen 0.02; n 2, confidence 0.5 + 2/100 * 0.45 = 0.509.
    // refactor: cancelled is quality 0: 0.7 + 0.1 * (0 - 0.7) = 0.63, n 1, confidence 0.5045.
    const round = (v: number | null): number | null => (v === null ? null : Math.round(v * 1e9) / 1e9);
    assert.deepEqual(week.map((r) => [r.taskType, r.model, r.n, round(r.quality), round(r.latencyMs), r.costUsd, round(r.confidence)]), [
      ['debugging', 'claude-sonnet-4-6', 2, 0.657, 1200, 0.02, 0.509],
      ['refactor', 'gpt-5.2', 1, 0.63, null, null, 0.5045],
    ]);
    // Over all of history the fold gives what the store folded as the requests arrived (in time order here).
    const all = runQuery(db, 'modelPerformance', { fromDay: today - 500, toDay: today });
    const stored = runQuery(db, 'modelPerformance', {});
    assert.deepEqual(all.map((r) => ({ ...r, quality: round(r.quality), latencyMs: round(r.latencyMs) })),
      stored.map((r) => ({ ...r, quality: round(r.quality), latencyMs: round(r.latencyMs) })));
    assert.equal(stored.find((r) => r.taskType === 'debugging')?.n, 3);
    db.close();
  });
});
