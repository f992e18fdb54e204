/**
 * A push killed half-way (SIGKILL, in its own process) and resumed: nothing lost, nothing doubled. The resumed
 * push sends only what the killed one had not committed; the server's figures then equal the member's local ones.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ReadStore } from '../../src/cli/read-store';
import { localDay } from '../../src/core/model/day';
import { pushTeam, storeSource } from '../../src/core/team/push';
import { PgTeam } from '../../src/team/pg-team';
import { adminSql, freshDb, memberRole, memberStore } from './helpers';

const DB = 'team_resume';
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const num = (v: unknown): number => Number(v ?? 0);

/** Runs the child push and kills it with SIGKILL once it has committed `after` transactions. */
function pushAndKill(dir: string, url: string, after: number): Promise<{ batches: number; finished: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import=tsx', path.join(__dirname, 'push-child.mts'), dir, url, 'dave', 'd1'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let batches = 0;
    let finished = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (s: string) => {
      batches += (s.match(/^batch /gm) ?? []).length;
      if (s.includes('done')) finished = true;
      if (batches >= after) child.kill('SIGKILL');
    });
    child.once('error', reject);
    child.once('exit', () => resolve({ batches, finished }));
  });
}

describe('team push: killed half-way and resumed', function () {
  this.timeout(180_000);

  it('loses nothing and doubles nothing', async () => {
    const admin = await freshDb(DB);
    const t = await PgTeam.connect(admin);
    await t.migrate();
    await t.close();
    const url = await memberRole('dave', DB);
    const m = await memberStore(31, 30, 120);
    await m.client.close(); // snapshot written: the child and the resumed push read it read-only

    const killed = await pushAndKill(m.dir, url, 3);
    assert.equal(killed.finished, false, 'the child was killed before the end of its push');
    const committed = num((await adminSql(DB, "SELECT count(*) AS n FROM ala.push_state WHERE member = 'dave'")).rows[0].n);
    assert.ok(committed > 0, 'some transactions committed before the kill');

    const store = await ReadStore.open(m.dir, quiet);
    const team = await PgTeam.connect(url);
    try {
      const resumed = await pushTeam(storeSource(store), team, { member: 'dave', machine: 'd1', level: 'metadata' });
      assert.equal(resumed.unchanged, committed, 'the resumed push skips exactly the groups the killed one committed');
      assert.ok(resumed.rows > 0);
      const again = await pushTeam(storeSource(store), team, { member: 'dave', machine: 'd1', level: 'metadata' });
      assert.equal(again.rows, 0, 'a third push finds nothing to send');

      const all = { fromDay: 0, toDay: localDay(Date.now()) + 1 };
      const tokens = await store.query('tokensByModel', all);
      const s = (await adminSql(DB, "SELECT sum(n) AS n, sum(tokens_in) AS ti FROM ala.daily_tokens WHERE member = 'dave'")).rows[0];
      assert.equal(num(s.n), tokens.reduce((x, r) => x + r.n, 0));
      assert.equal(num(s.ti), tokens.reduce((x, r) => x + r.tokensIn, 0));
      const interactions = num((await adminSql(DB, "SELECT count(*) AS n FROM ala.interactions WHERE member = 'dave'")).rows[0].n);
      const ids = new Set(m.events.filter((e) => e.kind === 'ai_interaction').map((e) => e.id));
      assert.equal(interactions, ids.size, 'one row per local interaction');
      const tools = await store.query('toolSuccess', all);
      const st = (await adminSql(DB, "SELECT sum(n) AS n, sum(ok) AS ok FROM ala.daily_tools WHERE member = 'dave'")).rows[0];
      assert.deepEqual([num(st.n), num(st.ok)], [tools.reduce((x, r) => x + r.n, 0), tools.reduce((x, r) => x + r.ok, 0)]);
    } finally {
      await team.close();
      store.close();
    }
  });
});
