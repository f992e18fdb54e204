import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JournalWriter } from '../../../src/core/store/journal-writer';
import { StoreEngine } from '../../../src/core/store/engine';
import { loadSqlJs } from '../../../src/core/store/db';
import { MemoryLog } from '../../../src/core/store/log';
import { journalDir } from '../../../src/core/store/segments';
import type { AiInteractionEvent } from '../../../src/core/model/events';
import type { QueryResult } from '../../../src/core/store/queries';

async function engine(dir: string, id: string): Promise<StoreEngine> {
  return StoreEngine.open({ storageDir: dir, ownerId: id, SQL: await loadSqlJs(), log: new MemoryLog() });
}

const T0 = Date.UTC(2025, 0, 6, 12);

function ai(id: string, i: number, extra: Partial<AiInteractionEvent>): AiInteractionEvent {
  return { kind: 'ai_interaction', ts: T0 + i * 1000, id, sourceTool: 'copilot-chat', interaction: 'chat', intent: 'debugging', ...extra };
}

/** Two models on one intent; one interaction without a model; one with nothing to learn from. */
const EVENTS: AiInteractionEvent[] = [
  ai('a1', 1, { model: 'model-a', success: true, latencyMs: 1000, costUsd: 0.01 }),
  ai('b1', 2, { model: 'model-b', success: false, vote: 1, latencyMs: 3000 }),
  ai('a2', 3, { model: 'model-a', success: true, vote: -1, latencyMs: 2000, costUsd: 0.03 }),
  ai('a3', 4, { model: 'model-a', cancelled: true, latencyMs: 500 }),
  ai('b2', 5, { model: 'model-b', latencyMs: 1000 }),
  ai('x1', 6, { success: true, latencyMs: 10 }),
  ai('b3', 7, { model: 'model-b' }),
];

const round = (rows: QueryResult['modelPerformance']): QueryResult['modelPerformance'] =>
  rows.map((r) => ({
    ...r, quality: +r.quality.toFixed(12), confidence: +r.confidence.toFixed(12),
    latencyMs: r.latencyMs === null ? null : +r.latencyMs.toFixed(9), costUsd: r.costUsd === null ? null : +r.costUsd.toFixed(12),
  }));

// model-a: quality 0.7 -> 0.73 (success) -> 0.657 (vote -1 overrides success) -> 0.5913 (cancelled);
//          latency 1000 -> 1100 -> 1040; cost 0.01 -> 0.012 (a3 has no cost); n 3, confidence 0.5 + 0.0135.
// model-b: quality 0.7 -> 0.73 (vote +1 overrides failure); b2 has no quality (latency only): 3000 -> 2800.
const EXPECTED: QueryResult['modelPerformance'] = [
  { taskType: 'debugging', model: 'model-b', n: 1, quality: 0.73, latencyMs: 2800, costUsd: null, confidence: 0.5045 },
  { taskType: 'debugging', model: 'model-a', n: 3, quality: 0.5913, latencyMs: 1040, costUsd: 0.012, confidence: 0.5135 },
];

describe('store: model performance', () => {
  it('folds new interactions into per-(intent, model) EMAs; duplicates and replays change nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-perf-'));
    const w = JournalWriter.open({ dir: journalDir(dir), writerId: 'win' });
    for (const ev of EVENTS) w.append(ev);
    w.append(EVENTS[0]); // the same interaction twice in one journal
    await w.flush();
    const e1 = await engine(dir, 'a');
    assert.deepEqual(round(e1.query('modelPerformance', {})), EXPECTED);
    assert.deepEqual(round(e1.query('modelPerformance', { minN: 2 })), [EXPECTED[1]]);
    assert.deepEqual(e1.sql('SELECT count(*) AS n FROM model_performance'), [{ n: 2 }], 'no row without a model');

    // The same interactions imported again by another writer: all duplicates.
    const again = JournalWriter.open({ dir: journalDir(dir), writerId: 'reimport' });
    for (const ev of EVENTS) again.append(ev);
    await again.close();
    e1.catchUp();
    assert.equal(e1.query('eventCount', {}).byKind.ai_interaction, EVENTS.length);
    const afterReplay = e1.query('modelPerformance', {});
    assert.deepEqual(round(afterReplay), EXPECTED);
    assert.ok(e1.snapshot());
    e1.close();

    // Reopened from the snapshot with the journal still there: nothing applied twice.
    const e2 = await engine(dir, 'b');
    assert.deepEqual(e2.query('modelPerformance', {}), afterReplay);
    e2.close();
    await w.close();
  });
});
