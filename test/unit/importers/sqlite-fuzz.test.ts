import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { RecordedEvent } from '../../../src/core/model/events';
import { importFile } from '../../../src/core/importers/run-import';
import type { ImportFormat } from '../../../src/core/importers/types';
import { validateEvent } from '../../../src/core/store/validate';
import { writeCursorState } from '../../support/sqlite-fixtures';
import { openWriter, writerKind } from '../../support/sqlite-writer';
import { QUIET, withTmp } from './helpers';

/** Deterministic random numbers (a fixed seed: a failure can be replayed). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const WRONG: unknown[] = [null, -1, 1e300, -1e300, 'x', '', [], {}, true, 1.5, Number.MAX_SAFE_INTEGER * 4, '2026-13-45T99:99:99Z', { inputTokens: 'many' }, [1, 2]];

/** Replaces one random field (at any depth) of a JSON value with a wrong type or an absurd value. */
function mutate(value: unknown, r: () => number): unknown {
  if (value === null || typeof value !== 'object') return WRONG[Math.floor(r() * WRONG.length)];
  const keys = Object.keys(value);
  if (keys.length === 0) return WRONG[Math.floor(r() * WRONG.length)];
  const k = keys[Math.floor(r() * keys.length)];
  const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<string, unknown>;
  copy[k] = r() < 0.5 ? WRONG[Math.floor(r() * WRONG.length)] : mutate(copy[k], r);
  return copy;
}

async function importAll(path: string, format: ImportFormat): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  await importFile({ path, format, source: 'cursor' }, undefined, QUIET, (e) => events.push(JSON.parse(JSON.stringify(e)) as RecordedEvent));
  return events;
}

describe('SQLite importers under fuzz (wrong types, absurd values in every row)', function () {
  before(function () {
    if (writerKind === undefined) this.skip();
  });

  for (const [format, table, column] of [['cursor-state', 'cursorDiskKV', 'value'], ['opencode-db', 'part', 'data'], ['opencode-db', 'message', 'data']] as const) {
    it(`${format} (${table}): 40 mutated databases import without an exception, and every event passes the journal's checks untouched`, async () => withTmp(async (dir) => {
      const r = rng(table.length * 7919);
      for (let round = 0; round < 40; round++) {
        const path = join(dir, `${round}.db`);
        if (format === 'cursor-state') writeCursorState(path).close();
        else {
          const db = openWriter(path);
          db.exec(`CREATE TABLE message (id TEXT PRIMARY KEY, session_id TEXT NOT NULL, time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, data TEXT NOT NULL);
            CREATE TABLE part (id TEXT PRIMARY KEY, message_id TEXT NOT NULL, session_id TEXT NOT NULL, time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, data TEXT NOT NULL)`);
          db.prepare('INSERT INTO message VALUES (?, ?, ?, ?, ?)').run('u', 's', 1764000000000, 1764000000000, JSON.stringify({ role: 'user', time: { created: 1764000000000 } }));
          db.prepare('INSERT INTO message VALUES (?, ?, ?, ?, ?)').run('a', 's', 1764000001000, 1764000009000, JSON.stringify({ role: 'assistant', parentID: 'u', modelID: 'gpt-5', time: { created: 1764000001000, completed: 1764000009000 }, cost: 0.5, tokens: { input: 10, output: 20, reasoning: 5, cache: { read: 1, write: 2 } } }));
          db.prepare('INSERT INTO part VALUES (?, ?, ?, ?, ?, ?)').run('p1', 'u', 's', 1, 1, JSON.stringify({ type: 'text', text: 'fix the bug' }));
          db.prepare('INSERT INTO part VALUES (?, ?, ?, ?, ?, ?)').run('p2', 'a', 's', 2, 2, JSON.stringify({ type: 'tool', tool: 'edit', callID: 'c', state: { status: 'completed', time: { start: 1764000002000, end: 1764000003000 } } }));
          db.close();
        }
        const db = openWriter(path);
        const rows = db.prepare(`SELECT rowid AS r, ${column} AS v FROM ${table}`).all();
        for (const row of rows) {
          if (r() < 0.5) continue;
          let parsed: unknown;
          try {
            parsed = JSON.parse(typeof row.v === 'string' ? row.v : Buffer.from(row.v as Uint8Array).toString('utf8'));
          } catch {
            continue;
          }
          db.prepare(`UPDATE ${table} SET ${column} = ? WHERE rowid = ?`).run(JSON.stringify(mutate(parsed, r)), row.r);
        }
        db.close();
        const events = await importAll(path, format);
        // Cursor events carry the test clock (QUIET's far future); the records are what is checked.
        for (const e of events.filter((x) => x.kind !== 'import_cursor')) {
          const before = JSON.stringify(e);
          const v = validateEvent(e);
          assert.ok(v.ok, `round ${round}: ${before} ${v.ok ? '' : v.reason}`);
          assert.equal(v.dropped, 0, `round ${round}: the journal had to drop a field of ${before}`);
        }
      }
    }));
  }
});
