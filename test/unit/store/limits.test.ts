import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JournalWriter } from '../../../src/core/store/journal-writer';
import { StoreEngine } from '../../../src/core/store/engine';
import { loadSqlJs } from '../../../src/core/store/db';
import { MemoryLog } from '../../../src/core/store/log';
import { journalDir, listSegments } from '../../../src/core/store/segments';
import { parseRecords } from '../../../src/core/store/record';
import { MAX_RECORD_BYTES, MAX_TEXT_CHARS } from '../../../src/core/store/limits';
import type { RecordedEvent } from '../../../src/core/model/events';

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'store-limits-'));

function records(dir: string): { records: unknown[]; bad: number } {
  const out = { records: [] as unknown[], bad: 0 };
  for (const s of listSegments(journalDir(dir))) {
    const p = parseRecords(fs.readFileSync(path.join(journalDir(dir), s.file)));
    out.records.push(...p.records.map((r) => r.ev));
    out.bad += p.bad.length;
  }
  return out;
}

describe('store: one record size limit for writer and reader', () => {
  it('a 30 MB prompt: the interaction is stored, its prompt cut to the limit, and the record says so', async function () {
    this.timeout(60_000);
    const dir = tmp();
    const prompt = 'fix the build '.repeat(Math.ceil(30e6 / 14)).slice(0, 30_000_000);
    const ev: RecordedEvent = { kind: 'ai_interaction', ts: Date.now(), id: 'big', sourceTool: 'claude-code', interaction: 'chat', intent: 'debugging', promptChars: prompt.length, tokensIn: 7_000_000, prompt };
    const w = JournalWriter.open({ dir: journalDir(dir), writerId: 'imp' });
    w.append(ev);
    w.append({ ...ev, id: 'small', prompt: 'hi', promptChars: 2 });
    await w.close();
    assert.equal(w.rejected, 0);
    const j = records(dir);
    assert.equal(j.bad, 0, 'the reader takes what the writer wrote');
    const rec = j.records[0] as { truncated: Record<string, number>; prompt: string };
    assert.deepEqual(rec.truncated, { prompt: 30_000_000 });
    assert.ok(rec.prompt.endsWith(`[truncated: 30000000 characters, the first ${MAX_TEXT_CHARS - 80} kept]`));
    assert.ok(rec.prompt.length <= MAX_TEXT_CHARS);
    const e = StoreEngine.open({ storageDir: dir, ownerId: 'a', SQL: await loadSqlJs(), log: new MemoryLog() });
    const rows = e.sql<{ id: string; len: number; promptChars: number }>('SELECT id, length(prompt) AS len, prompt_chars AS promptChars FROM ai_interactions ORDER BY id');
    e.close();
    assert.equal(rows.length, 2);
    assert.equal(rows[0].id, 'big');
    assert.equal(rows[0].len, rec.prompt.length, 'stored with its note, not cut again by the reader');
    assert.equal(rows[0].promptChars, 30_000_000, 'the true size is kept');
    assert.equal(ev.prompt, prompt, 'the caller\'s event is not modified');
  });

  it('a record still over the limit after cutting text (a huge structured field) is refused by the writer and counted, never written', async () => {
    const dir = tmp();
    const w = JournalWriter.open({ dir: journalDir(dir), writerId: 'imp' });
    const data = { parts: Array.from({ length: 20 }, () => 'x'.repeat(MAX_TEXT_CHARS)) };
    w.append({ kind: 'learning', ts: Date.now(), id: 'huge', what: 'x', data });
    w.append({ kind: 'learning', ts: Date.now(), id: 'ok', what: 'x', data: {} });
    await w.close();
    assert.equal(w.rejected, 1);
    const j = records(dir);
    assert.deepEqual([j.bad, j.records.length], [0, 1]);
    assert.ok(JSON.stringify(data).length > MAX_RECORD_BYTES);
  });
});
