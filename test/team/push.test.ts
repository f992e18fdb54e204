/**
 * Two members push to a real PostgreSQL at the same time; the team views then equal the sum of the members' own
 * figures (the dashboard's queries over their local stores, and counts from the events they recorded); each
 * member reads team aggregates and their own rows only; at `aggregate` no planted path, prompt or code is anywhere.
 */
import assert from 'node:assert/strict';
import { localDay } from '../../src/core/model/day';
import type { RecordedEvent } from '../../src/core/model/events';
import { pushTeam, storeSource } from '../../src/core/team/push';
import type { PushIdentity } from '../../src/core/team/push';
import { PgTeam } from '../../src/team/pg-team';
import { SECRETS, adminSql, closeStore, freshDb, memberRole, memberStore } from './helpers';
import type { MemberStore } from './helpers';

const DB = 'team_push';
const all = { fromDay: 0, toDay: localDay(Date.now()) + 1 };
const num = (v: unknown): number => Number(v ?? 0);

async function pushAs(url: string, m: MemberStore, id: PushIdentity): Promise<Awaited<ReturnType<typeof pushTeam>>> {
  const team = await PgTeam.connect(url);
  try {
    return await pushTeam(storeSource(m.client), team, id, { batchRows: 700 });
  } finally {
    await team.close();
  }
}

/** Requests per `model|intent` and their outcomes, straight from each member's events (deduplicated by id within a store, as the store does). */
function requestsByModelTask(members: readonly (readonly RecordedEvent[])[]): Map<string, { n: number; ok: number; failed: number }> {
  const out = new Map<string, { n: number; ok: number; failed: number }>();
  for (const events of members) countRequests(events, out);
  return out;
}

function countRequests(events: readonly RecordedEvent[], out: Map<string, { n: number; ok: number; failed: number }>): void {
  const seen = new Set<string>();
  for (const e of events) {
    if (e.kind !== 'ai_interaction' || seen.has(e.id)) continue;
    seen.add(e.id);
    const k = `${e.model ?? ''}|${e.intent ?? ''}`;
    const s = out.get(k) ?? { n: 0, ok: 0, failed: 0 };
    s.n++;
    if (e.success === true) s.ok++;
    if (e.success === false) s.failed++;
    out.set(k, s);
  }
}

describe('team push: two members at once, views, privacy', function () {
  this.timeout(180_000);
  let alice: MemberStore;
  let bob: MemberStore;
  let aliceUrl: string;
  let bobUrl: string;
  const aliceId: PushIdentity = { member: 'alice', machine: 'a1', level: 'aggregate' };
  const bobId: PushIdentity = { member: 'bob', machine: 'b1', level: 'metadata' };

  before(async () => {
    const admin = await freshDb(DB);
    const t = await PgTeam.connect(admin);
    await t.migrate();
    await t.close();
    [aliceUrl, bobUrl] = [await memberRole('alice', DB), await memberRole('bob', DB)];
    [alice, bob] = await Promise.all([memberStore(11, 40, 150), memberStore(23, 30, 150)]);
  });
  after(async () => {
    await Promise.all([alice && closeStore(alice), bob && closeStore(bob)]);
  });

  it('pushes both members concurrently, then a second push sends nothing', async () => {
    const [a, b] = await Promise.all([pushAs(aliceUrl, alice, aliceId), pushAs(bobUrl, bob, bobId)]);
    assert.ok(a.rows > 1000 && a.transactions > 1, `alice sent ${a.rows} rows in ${a.transactions} transactions`);
    assert.ok(b.rows > a.rows * 0.5, `bob (metadata) sent ${b.rows} rows`);
    const again = await pushAs(aliceUrl, alice, aliceId);
    assert.equal(again.rows, 0);
    assert.equal(again.refreshed, false);
    assert.equal(again.unchanged, a.groups);
  });

  it('team views equal the sum of the members\' local figures', async () => {
    const sumOf = async (m: MemberStore) => {
      const [intents, tokens, tools, ins] = await Promise.all([m.client.query('interactionsByIntent', all),
        m.client.query('tokensByModel', all), m.client.query('toolSuccess', all), m.client.query('insertionSurvival', all)]);
      return { intents, tokens, tools, ins: ins.insertions };
    };
    const [la, lb] = await Promise.all([sumOf(alice), sumOf(bob)]);
    const s = (await adminSql(DB, `SELECT sum(requests) AS n, sum(ok) AS ok, sum(failed) AS failed, sum(tokens_in) AS ti,
      sum(tokens_out) AS tout, sum(cost_usd) AS cost FROM ala.ai_performance_summary`)).rows[0];
    const local = [la, lb];
    assert.equal(num(s.n), local.flatMap((l) => l.intents).reduce((x, r) => x + r.n, 0));
    assert.equal(num(s.ok), local.flatMap((l) => l.intents).reduce((x, r) => x + r.ok, 0));
    assert.equal(num(s.failed), local.flatMap((l) => l.intents).reduce((x, r) => x + r.failed, 0));
    assert.equal(num(s.ti), local.flatMap((l) => l.tokens).reduce((x, r) => x + r.tokensIn, 0));
    assert.equal(num(s.tout), local.flatMap((l) => l.tokens).reduce((x, r) => x + r.tokensOut, 0));
    assert.ok(Math.abs(num(s.cost) - local.flatMap((l) => l.tokens).reduce((x, r) => x + (r.costUsd ?? 0), 0)) < 1e-9);

    const tools = new Map((await adminSql(DB, 'SELECT tool, usage_count, ok, failed FROM ala.tool_effectiveness_ranking WHERE source = $1', ['terminal'])).rows.map((r) => [r.tool as string, r]));
    for (const name of ['npm', 'git', 'pytest', 'tsc', 'jest']) {
      const l = local.flatMap((x) => x.tools).filter((t) => t.tool === name && t.source === 'terminal');
      assert.equal(num(tools.get(name)?.usage_count), l.reduce((x, r) => x + r.n, 0), `runs of ${name}`);
      assert.equal(num(tools.get(name)?.ok), l.reduce((x, r) => x + r.ok, 0), `successes of ${name}`);
    }
    // The planted script's path is shared as its file name only.
    assert.equal(num(tools.get('deploy.sh')?.usage_count), 70);

    const models = (await adminSql(DB, 'SELECT model, task_type, requests, ok, failed FROM ala.model_performance')).rows;
    const expected = requestsByModelTask([alice.events, bob.events]);
    assert.equal(models.length, expected.size);
    for (const r of models) {
      const e = expected.get(`${r.model}|${r.task_type}`);
      assert.deepEqual({ n: num(r.requests), ok: num(r.ok), failed: num(r.failed) }, e, `${r.model} / ${r.task_type}`);
    }

    const quality = (await adminSql(DB, 'SELECT language, sum(insertions) AS n, sum(chars) AS chars FROM ala.code_generation_quality GROUP BY language')).rows;
    for (const q of quality) {
      const l = local.flatMap((x) => x.ins).filter((i) => i.language === q.language);
      assert.equal(num(q.n), l.reduce((x, r) => x + r.n, 0), `insertions in ${q.language}`);
      assert.equal(num(q.chars), l.reduce((x, r) => x + r.chars, 0), `characters in ${q.language}`);
    }
  });

  it('a member reads the team views and their own rows, never another member\'s', async () => {
    const t = await PgTeam.connect(aliceUrl);
    try {
      const own = await t.query<{ member: string; n: string }>('SELECT member, count(*) AS n FROM ala.daily_tokens GROUP BY member');
      assert.deepEqual(own.rows.map((r) => r.member), ['alice']);
      assert.equal((await t.query('SELECT * FROM ala.interactions')).rowCount, 0, 'bob\'s interaction rows are hidden from alice');
      assert.equal((await t.query('SELECT * FROM ala.push_state WHERE member = $1', ['bob'])).rowCount, 0);
      const views = await t.query<{ n: string }>('SELECT count(*) AS n FROM ala.model_performance');
      assert.ok(Number(views.rows[0].n) > 0);
      // Writing as someone else is refused by row-level security.
      await assert.rejects(t.query("INSERT INTO ala.daily_feedback (member, machine, owner, day, n, rating_sum) VALUES ('bob', 'x', 'bob', 1, 1, 1)"), /row-level security/);
      await assert.rejects(t.query("INSERT INTO ala.daily_feedback (member, machine, day, n, rating_sum) VALUES ('bob', 'x', 1, 1, 1)"), /row-level security/, 'not under another member\'s name');
      await assert.rejects(t.query("INSERT INTO ala.daily_feedback (member, machine, day, n, rating_sum) VALUES ('nobody', 'x', 1, 1, 1)"), /row-level security/, 'not under an unclaimed name');
      await assert.rejects(pushTeam(storeSource(alice.client), t, { member: 'bob', machine: 'a1', level: 'aggregate' }), /belongs to another database role/);
    } finally {
      await t.close();
    }
  });

  it('no column on the server carries a planted path, prompt, code, command or feedback text', async () => {
    const tables = (await adminSql(DB, `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'ala' AND c.relkind IN ('r', 'm')`)).rows.map((r) => r.name as string);
    assert.ok(tables.includes('interactions') && tables.includes('model_performance'));
    let values = 0;
    for (const name of tables) {
      for (const row of (await adminSql(DB, `SELECT * FROM ala.${name}`)).rows) {
        for (const [col, v] of Object.entries(row)) {
          const text = typeof v === 'string' ? v : v !== null && typeof v === 'object' ? JSON.stringify(v) : '';
          if (!text) continue;
          values++;
          for (const secret of Object.values(SECRETS)) assert.ok(!text.includes(secret), `${name}.${col} carries ${secret}`);
          assert.ok(!/secret-project|\/home\/|token-SECRET/.test(text), `${name}.${col} = ${text}`);
        }
      }
    }
    assert.ok(values > 1000, `${values} text values checked`);
    // At aggregate level nothing per request is pushed; bob's metadata has no text column beyond labels.
    assert.equal(num((await adminSql(DB, "SELECT count(*) AS n FROM ala.interactions WHERE member = 'alice'")).rows[0].n), 0);
    const cols = (await adminSql(DB, `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'ala'`)).rows
      .map((r) => `${r.table_name}.${r.column_name}`);
    assert.deepEqual(cols.filter((c) => /prompt$|\.text$|path|code$|command|session|workspace|conversation|reason$/.test(c)), []);
  });

  it('migrates a database from version 1 (rows kept); a member role on a database behind gets a clear error; TLS when offered', async () => {
    const adminUrl = await freshDb('team_behind');
    const admin = await PgTeam.connect(adminUrl);
    assert.deepEqual(await admin.migrate(1), { from: 0, to: 1 });
    await admin.query("INSERT INTO ala.daily_intents (member, machine, day, intent, source_tool, n, ok, failed, votes_up, votes_down, latency_ms, latency_n) VALUES ('old', 'm', 20000, 'debugging', 'codex', 5, 4, 1, 0, 0, 100, 1)");
    assert.equal(await admin.schemaVersion(), 1);
    const url = await memberRole('carol', 'team_behind');
    const carol = await PgTeam.connect(url);
    try {
      assert.equal(carol.tls, true);
      const ssl = await carol.query<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
      assert.equal(ssl.rows[0].ssl, true);
      await assert.rejects(carol.migrate(), /schema version 1 .*ask the team's admin/);
      // Two admins migrating at once: each migration applied once, the old row kept and in the new views.
      const admin2 = await PgTeam.connect(adminUrl);
      const [x, y] = await Promise.all([admin.migrate(), admin2.migrate()]);
      await admin2.close();
      assert.deepEqual([x.to, y.to], [3, 3]);
      const versions = await admin.query<{ version: number }>('SELECT version FROM ala.schema_migrations ORDER BY version');
      assert.deepEqual(versions.rows.map((r) => r.version), [1, 2, 3]);
      await admin.refreshViews();
      const day = await admin.query<{ requests: string }>('SELECT requests FROM ala.ai_performance_summary WHERE day = 20000');
      assert.equal(Number(day.rows[0].requests), 5);
      assert.equal(await carol.schemaVersion(), 3);
    } finally {
      await carol.close();
      await admin.close();
    }
    const plain = await PgTeam.connect(`${url}?sslmode=disable`);
    assert.equal(plain.tls, false);
    await plain.close();
  });
});
