import assert from 'node:assert/strict';
import type { Database } from 'sql.js';
import initSqlJs from 'sql.js';
import { all, dbBytes, loadSqlJs, openDb } from '../../../src/core/store/db';
import { Ingestor } from '../../../src/core/store/ingest';
import { applyRetention } from '../../../src/core/store/retention';
import type { RecordedEvent } from '../../../src/core/model/events';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 30, 12);

/** An imported Claude Code request `daysAgo` days before NOW, with prompt text (as when the user opted in). */
const interaction = (i: number, daysAgo: number): RecordedEvent => ({
  kind: 'ai_interaction', ts: NOW - daysAgo * DAY, id: `req-${i}`, sourceTool: 'claude-code', interaction: 'agent',
  intent: 'debugging', model: 'claude-sonnet-4-6', tokensIn: 1200, tokensOut: 300, costUsd: 0.0081,
  promptChars: 400, prompt: `why does the build fail ${'x'.repeat(400)} ${i}`,
});
/** A raw edit-level event `daysAgo` days before NOW. */
const textChange = (i: number, daysAgo: number): RecordedEvent => ({
  kind: 'text_change', ts: NOW - daysAgo * DAY - i, fileHash: `file-${i % 97}-${'f'.repeat(24)}`, language: 'typescript',
  label: 'typed', precision: 'strong', charsAdded: 10, charsRemoved: 0, linesAdded: 1, count: 1,
});

function ingest(db: Database, evs: RecordedEvent[]): void {
  const ing = new Ingestor(db);
  ing.apply([{ writer: 'w', records: evs.map((ev, k) => ({ seq: k + 1, ev, offset: 0 })) }]);
  ing.close();
}
const count = (db: Database, sql: string): number => all<{ n: number }>(db, sql)[0].n;
const interactions = (db: Database): number => count(db, 'SELECT count(*) AS n FROM ai_interactions');
const rawRows = (db: Database): number => count(db, 'SELECT count(*) AS n FROM text_changes');

/** History two years deep (one request every 5 days) and 8000 raw edits spread over the last 10 days. */
async function loaded(): Promise<Database> {
  const { db } = openDb(await loadSqlJs());
  ingest(db, [
    ...Array.from({ length: 146 }, (_, i) => interaction(i, 20 + i * 5)),
    ...Array.from({ length: 8000 }, (_, i) => textChange(i, i % 10)),
  ]);
  return db;
}

/** The size the database would have without raw rows older than `keepDays` (and after `more`), measured on a copy. */
async function sizeWithRawDays(db: Database, keepDays: number, more = ''): Promise<number> {
  const SQL = await initSqlJs();
  const copy = new SQL.Database(db.export());
  copy.run('DELETE FROM text_changes WHERE ts < ?', [NOW - keepDays * DAY]);
  if (more !== '') copy.exec(more);
  copy.exec('PRAGMA incremental_vacuum');
  const bytes = dbBytes(copy);
  copy.close();
  return bytes;
}

describe('store retention', () => {
  it('keeps interactions older than 14 days and older than retentionDays; raw rows age out', async () => {
    const db = await loaded();
    assert.equal(interactions(db), 146);
    const r = applyRetention(db, 3, 1024, NOW);
    assert.equal(interactions(db), 146, 'every interaction, the oldest 745 days old, is still there');
    assert.equal(count(db, `SELECT count(*) AS n FROM ai_interactions WHERE ts < ${NOW - 365 * DAY}`), 76, "days 370 to 745 (i = 70..145)");
    assert.equal(count(db, 'SELECT count(*) AS n FROM ai_interactions WHERE prompt IS NOT NULL'), 146, 'opted-in text kept');
    assert.equal(rawRows(db), 2400, 'raw edits of the last 3 days only (days 0, 1, 2: 800 each)');
    assert.equal(r.deleted, 5600);
    assert.deepEqual([r.effectiveDays, r.promptsCleared, r.interactionsDeleted], [3, 0, 0]);
    db.close();
  });

  it('the size cap drops raw events first, and interactions only once raw rows are down to one day', async () => {
    const db = await loaded();
    const full = dbBytes(db);
    const withoutOldRaw = await sizeWithRawDays(db, 5);
    assert.ok(withoutOldRaw < full, `${withoutOldRaw} < ${full}`);
    // A cap between the two sizes: shortening raw retention alone must make it fit.
    const capMb = (withoutOldRaw + (full - withoutOldRaw) / 2) / (1024 * 1024);
    const r = applyRetention(db, 14, capMb, NOW);
    assert.ok(r.effectiveDays < 14 && r.effectiveDays >= 5, `raw retention shortened to ${r.effectiveDays} days`);
    assert.ok(r.bytesAfter <= capMb * 1024 * 1024);
    assert.equal(interactions(db), 146, 'no interaction touched');
    assert.equal(r.promptsCleared + r.interactionsDeleted, 0);
    db.close();
  });

  it('past one day of raw rows, the cap clears prompt text and then deletes the oldest interactions first', async () => {
    const db = await loaded();
    // A cap that fits one day of raw rows and the newer half of the history without its text.
    const cap = await sizeWithRawDays(db, 1, `UPDATE ai_interactions SET prompt = NULL; DELETE FROM ai_interactions WHERE ts < ${NOW - 385 * DAY}`);
    const r = applyRetention(db, 14, cap / (1024 * 1024), NOW);
    assert.equal(r.effectiveDays, 1);
    assert.equal(rawRows(db), 800, 'the last day of raw edits is kept');
    assert.equal(r.promptsCleared, 146, 'every prompt text went before any interaction');
    assert.equal(count(db, 'SELECT count(*) AS n FROM ai_interactions WHERE prompt IS NOT NULL'), 0);
    assert.ok(r.interactionsDeleted > 0 && r.interactionsDeleted < 146, `${r.interactionsDeleted} deleted`);
    assert.equal(interactions(db), 146 - r.interactionsDeleted);
    const left = all<{ ts: number }>(db, 'SELECT ts FROM ai_interactions ORDER BY ts');
    // What is left is the newest history: every deleted row was older than every kept one.
    const kept = new Set(left.map((x) => x.ts));
    const allTs = Array.from({ length: 146 }, (_, i) => NOW - (20 + i * 5) * DAY).sort((a, b) => a - b);
    assert.deepEqual(allTs.filter((t) => kept.has(t)), allTs.slice(allTs.length - left.length));
    db.close();
  });
});
