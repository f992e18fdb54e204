/**
 * Team benchmark: `npm run bench:team`. A real PostgreSQL (Debian's package, PostgreSQL's default durability
 * settings) started on a temporary folder by scripts/lib/pg-server.mjs. Measures:
 * - the push of a year of one heavy member (the store bench's event mix, `--per-day=N`, default 2 000 events a day,
 *   ingested by the real store code), at `aggregate` and at `metadata` level: time, rows, transactions, and bytes
 *   on the server (tables + indexes + the views);
 * - a second push with nothing new (the cursor read and the digests; the local read and digest alone; the same
 *   over the last week only, as most pushes of the extension are), and a push after one more day;
 * - a 50-member team (the member's year copied on the server under 49 more names) and the time of the concurrent
 *   refresh of the team views, beside a plain (blocking) refresh as the reference; bytes per member-year.
 * Results: bench/results/team.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'sql.js';
import { Ingestor } from '../src/core/store/ingest';
import { loadSqlJs, openDb } from '../src/core/store/db';
import { runQuery } from '../src/core/store/queries';
import { dayStartTs, localDay } from '../src/core/model/day';
import type { RecordedEvent } from '../src/core/model/events';
import { pushTeam } from '../src/core/team/push';
import type { PushIdentity, PushResult, TeamSource } from '../src/core/team/push';
import { TEAM_TABLES } from '../src/core/team/tables';
import { TEAM_VIEWS } from '../src/core/team/migrations';
import { PgTeam } from '../src/team/pg-team';
import { everyKind, mixEvent, rng } from '../test/support/store/gen';
// @ts-expect-error: a plain .mjs helper shared with the team tier (no type declarations)
import { startPg } from '../scripts/lib/pg-server.mjs';

const perDay = Number(process.argv.find((a) => a.startsWith('--per-day='))?.slice(10) ?? 2000);
const TEAM = 50;
const r2 = (x: number): number => Math.round(x * 100) / 100;

interface Server { url: string; stop: () => void }

function dayEvents(r: () => number, d: number, seq: number): RecordedEvent[] {
  const start = dayStartTs(d);
  return [...Array.from({ length: perDay }, (_, k) => mixEvent(r, seq + k, start + Math.floor((k / perDay) * 86_000_000))), ...everyKind(`d${d}`, start + 1000)];
}

async function buildYear(): Promise<{ db: Database; ing: Ingestor; seq: number; r: () => number; events: number }> {
  const { db } = openDb(await loadSqlJs());
  const ing = new Ingestor(db);
  const r = rng(9);
  const today = localDay(Date.now());
  let seq = 1;
  for (let d = today - 365; d < today; d++) {
    const evs = dayEvents(r, d, seq);
    ing.apply([{ writer: 'w', records: evs.map((ev, k) => ({ seq: seq + k, ev, offset: 0 })) }]);
    seq += evs.length;
  }
  return { db, ing, seq, r, events: seq - 1 };
}

const source = (db: Database): TeamSource => ({ groups: (t) => Promise.resolve(runQuery(db, 'teamGroups', { table: t.name })) });

async function bytes(team: PgTeam, kinds: string): Promise<number> {
  const q = await team.query<{ b: string }>(`SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::text AS b FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'ala' AND c.relkind IN (${kinds})`);
  return Number(q.rows[0].b);
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const out = await fn();
  return [out, performance.now() - t];
}

async function pushLevel(server: Server, db: Database, id: PushIdentity, dbName: string): Promise<{ first: PushResult; firstMs: number; tableMb: number; viewMb: number; team: PgTeam }> {
  const admin = await PgTeam.connect(server.url);
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.close();
  const team = await PgTeam.connect(server.url.replace(/\/postgres$/, `/${dbName}`));
  await team.migrate();
  const [first, firstMs] = await timed(() => pushTeam(source(db), team, id));
  await team.query('VACUUM ANALYZE');
  return { first, firstMs, tableMb: (await bytes(team, "'r'")) / 2 ** 20, viewMb: (await bytes(team, "'m'")) / 2 ** 20, team };
}

/** The member's rows copied under `TEAM - 1` more names, on the server (50 pushes of a year would take the bench an hour). */
async function growTeam(team: PgTeam): Promise<void> {
  for (const t of TEAM_TABLES) {
    const cols = (await team.query<{ c: string }>(`SELECT column_name AS c FROM information_schema.columns WHERE table_schema = 'ala' AND table_name = $1 AND column_name NOT IN ('member', 'owner', 'push_tx')`, [t.name])).rows.map((x) => x.c);
    await team.query(`INSERT INTO ala.${t.name} (member, ${cols.join(', ')}) SELECT 'member' || g, ${cols.map((c) => `x.${c}`).join(', ')}
      FROM ala.${t.name} x CROSS JOIN generate_series(2, ${TEAM}) g WHERE x.member = 'heavy'`);
  }
  await team.query(`INSERT INTO ala.members (member, level) SELECT 'member' || g, 'metadata' FROM generate_series(2, ${TEAM}) g`);
  await team.query('VACUUM ANALYZE');
}

async function main(): Promise<void> {
  const server = (await startPg()) as Server;
  try {
    const [y, buildMs] = await timed(buildYear);
    const id = (level: PushIdentity['level']): PushIdentity => ({ member: 'heavy', machine: 'bench', level });
    const agg = await pushLevel(server, y.db, id('aggregate'), 'bench_agg');
    await agg.team.close();
    const meta = await pushLevel(server, y.db, id('metadata'), 'bench_meta');
    const [again, againMs] = await timed(() => pushTeam(source(y.db), meta.team, id('metadata')));
    const [, localMs] = await timed(async () => {
      for (const t of TEAM_TABLES) await source(y.db).groups(t, 0);
    });
    const [week, weekMs] = await timed(() => pushTeam(source(y.db), meta.team, id('metadata'), { fromDay: localDay(Date.now()) - 7 }));
    const today = localDay(Date.now());
    const evs = dayEvents(y.r, today, y.seq);
    y.ing.apply([{ writer: 'w', records: evs.map((ev, k) => ({ seq: y.seq + k, ev, offset: 0 })) }]);
    const [day, dayMs] = await timed(() => pushTeam(source(y.db), meta.team, id('metadata')));
    const [, refresh1Ms] = await timed(() => meta.team.refreshViews());
    await growTeam(meta.team);
    const [, refreshConcurrentMs] = await timed(() => meta.team.refreshViews());
    const [, refreshPlainMs] = await timed(async () => { for (const v of TEAM_VIEWS) await meta.team.query(`REFRESH MATERIALIZED VIEW ala.${v}`); });
    const teamTableMb = (await bytes(meta.team, "'r'")) / 2 ** 20;
    const teamViewMb = (await bytes(meta.team, "'m'")) / 2 ** 20;
    await meta.team.close();
    const res = {
      node: process.version, events_per_day: perDay, events_in_year: y.events, year_build_s: r2(buildMs / 1000),
      aggregate_push_s: r2(agg.firstMs / 1000), aggregate_rows: agg.first.rows, aggregate_transactions: agg.first.transactions,
      aggregate_server_tables_mb: r2(agg.tableMb), aggregate_server_views_mb: r2(agg.viewMb),
      metadata_push_s: r2(meta.firstMs / 1000), metadata_rows: meta.first.rows, metadata_transactions: meta.first.transactions,
      metadata_server_tables_mb: r2(meta.tableMb), metadata_server_views_mb: r2(meta.viewMb),
      push_nothing_new_ms: Math.round(againMs), push_nothing_new_rows: again.rows, local_read_and_digest_year_ms: Math.round(localMs),
      push_last_week_nothing_new_ms: Math.round(weekMs), push_last_week_rows: week.rows,
      push_one_more_day_ms: Math.round(dayMs), push_one_more_day_rows: day.rows,
      refresh_1_member_ms: Math.round(refresh1Ms),
      team_members: TEAM, refresh_50_members_concurrently_ms: Math.round(refreshConcurrentMs), refresh_50_members_plain_ms: Math.round(refreshPlainMs),
      team_50_tables_mb: r2(teamTableMb), team_50_views_mb: r2(teamViewMb),
      mb_per_member_year_metadata: r2((teamTableMb + teamViewMb) / TEAM),
      mb_per_member_year_aggregate: r2(agg.tableMb + agg.viewMb / TEAM),
    };
    console.table(Object.entries(res).map(([k, v]) => ({ figure: k, value: v })));
    fs.writeFileSync(path.join(__dirname, 'results', 'team.json'), `${JSON.stringify(res, null, 2)}\n`);
    y.ing.close();
    y.db.close();
  } finally {
    server.stop();
  }
}

void main();
