import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StoreClient } from '../../../src/core/store/client';
import { MemoryLog } from '../../../src/core/store/log';
import { localDay } from '../../../src/core/model/day';
import { everyKind } from '../../support/store/gen';

describe('StoreClient (main thread journal + worker_thread sql.js)', function () {
  this.timeout(30_000);

  it('runs the TypeScript worker under tsx, answers typed queries, notifies changes, survives a reopen', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-client-'));
    const log = new MemoryLog();
    const c = await StoreClient.open({ storageDir: dir, windowId: 'w1', log, pokeMs: 10 });
    const changed = new Promise<number>((resolve) => c.onDidChange(resolve));
    const ts = Date.now();
    for (const ev of everyKind('a', ts)) c.append(ev);
    assert.ok((await changed) > 0, 'onDidChange fired after the worker ingested');
    const d = localDay(ts);
    const counts = await c.query('dailyCounts', { fromDay: d, toDay: d });
    assert.equal(counts.reduce((s, r) => s + r.n, 0), 14);
    for (const ev of everyKind('b', ts)) c.append(ev);
    assert.equal((await c.query('eventCount', {})).total, 28, 'a query reads its own writes');
    const exported = await c.exportAll(dir);
    assert.ok(exported.tables.some((t) => t.table === 'ai_interactions' && t.rows === 2));
    await c.close();
    assert.ok(fs.readdirSync(path.join(dir, 'snapshots')).some((f) => f.endsWith('.db')), 'close() wrote a snapshot');
    const c2 = await StoreClient.open({ storageDir: dir, windowId: 'w1', log });
    assert.equal((await c2.query('eventCount', {})).total, 28);
    const del = await c2.deleteAll();
    assert.ok(del.removedFiles > 0);
    assert.equal((await c2.query('eventCount', {})).total, 0);
    c2.append(everyKind('c', ts)[1]);
    assert.equal((await c2.query('eventCount', {})).total, 1, 'capture continues after Delete All Data');
    await c2.close();
  });
});
