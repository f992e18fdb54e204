import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { StoreClient } from '../../../src/core/store/client';
import { dashboardData } from '../../../src/core/dashboard/data';
import { mixEvent, rng } from '../../support/store/gen';
import { buildStore, cli, listing } from './store-fixture';

describe('ai-learning CLI while VS Code writes the store', function () {
  this.timeout(120_000);

  it('reads snapshot + journals beside a live store worker: no lock, no file written, the same figures', async () => {
    const f = await buildStore(20, 100);
    // "VS Code": the real client and worker, owning the lock, appending all along.
    const client = await StoreClient.open({ storageDir: f.dir, windowId: 'live', tickMs: 100, snapshotBytes: 2 ** 40, snapshotIntervalMs: 3_600_000 });
    const lock = (): { owner: string } => JSON.parse(fs.readFileSync(path.join(f.dir, 'owner.lock'), 'utf8')) as { owner: string };
    const owner = lock().owner;
    assert.match(owner, /^live\./);
    const r = rng(11);
    let i = 0;
    const timer = setInterval(() => {
      for (let k = 0; k < 20; k++, i++) client.append(mixEvent(r, 1_000_000 + i, Date.now()));
    }, 5);
    try {
      const before = listing(f.dir);
      // The CLI runs in this process, mostly synchronously: give the writer's timer a turn before and between
      // the commands, so appends land between the CLI's reads (without this the timer could starve: seen in CI).
      const writerTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 30));
      for (const cmd of ['dashboard', 'daily', 'insights', 'session']) {
        await writerTurn();
        const res = await cli([cmd, '--json', '--store', f.dir]);
        assert.equal(res.code, 0, res.out);
        JSON.parse(res.out);
      }
      const after = listing(f.dir);
      const mine = (name: string): boolean => name === 'owner.lock' || path.basename(name).startsWith(`${client.writer.key}-`);
      for (const [name, stat] of before) {
        if (!mine(name)) assert.equal(after.get(name), stat, `${name} changed while the CLI ran`);
      }
      const added = [...after.keys()].filter((n) => !before.has(n));
      assert.deepEqual(added.filter((n) => !mine(n)), [], 'the CLI created no file');
      assert.equal(lock().owner, owner, 'the CLI never took the lock');
      assert.ok(i > 0, 'the writer appended while the CLI ran');
      clearInterval(timer);
      // Writer idle but still open (journal not closed): both sides now see every event.
      await client.query('eventCount', {});
      const want = await dashboardData({ kind: 'days', days: 7 }, false, client, { textByLanguage: () => [] });
      const got = JSON.parse((await cli(['dashboard', '--days', '7', '--json', '--store', f.dir])).out) as typeof want;
      assert.deepEqual(got.daily, want.daily);
      // Costs are sums of doubles, added in another order by each database: equal to a nano-dollar.
      const rounded = (rows: typeof want.tokens) => rows?.map((r) => ({ ...r, costUsd: r.costUsd == null ? r.costUsd : Math.round(r.costUsd * 1e9) / 1e9 }));
      assert.deepEqual(rounded(got.tokens), rounded(want.tokens));
      const liveEvents = (want.daily ?? []).reduce((s, d) => s + d.n, 0);
      assert.ok(liveEvents >= i, `the CLI read the live journal (${liveEvents} events in 7 days, ${i} appended live)`);
    } finally {
      // Also on failure: an open worker would keep mocha from ever exiting.
      clearInterval(timer);
      await client.close();
      fs.rmSync(f.dir, { recursive: true, force: true });
    }
  });
});
