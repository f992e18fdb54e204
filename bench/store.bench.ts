/**
 * Store benchmark: `npm run bench:store` (full) or `npm run bench:store -- --quick` (< 30 s).
 * Each figure is measured beside its reference in the same run; results go to bench/results/store.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Database } from 'sql.js';
import { JournalWriter } from '../src/core/store/journal-writer';
import { StoreEngine } from '../src/core/store/engine';
import { Ingestor } from '../src/core/store/ingest';
import { dbBytes, loadSqlJs, openDb } from '../src/core/store/db';
import { silentLog } from '../src/core/store/log';
import { exportAll } from '../src/core/store/export';
import { applyRetention } from '../src/core/store/retention';
import { runQuery } from '../src/core/store/queries';
import type { QueryArgs, QueryName } from '../src/core/store/queries';
import { parseRecords } from '../src/core/store/record';
import type { JournalRecord } from '../src/core/store/record';
import type { WriterBatch } from '../src/core/store/ingest';
import { ChunkedApply } from '../src/core/store/chunked-apply';
import { validateEvent } from '../src/core/store/validate';
import type { Validation } from '../src/core/store/validate';
import { journalDir, listSegments } from '../src/core/store/segments';
import { MIGRATIONS } from '../src/core/model/schema';
import type { RecordedEvent } from '../src/core/model/events';
import type { EventSink } from '../src/core/model/sink';
import { localDay, dayStartTs } from '../src/core/model/day';
import { mixEvent, rng } from '../test/support/store/gen';

const quick = process.argv.includes('--quick');

/** The few better-sqlite3 calls used here (dev dependency, no bundled types). */
interface NativeDb {
  prepare(sql: string): { all(...p: unknown[]): unknown[]; run(...p: unknown[]): { changes: number }; reader: boolean };
  exec(sql: string): void;
  close(): void;
}
const BetterSqlite = createRequire(__filename)('better-sqlite3') as new (data?: Buffer | string) => NativeDb;
const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'store-bench-'));
const pct = (xs: number[], p: number): number => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const median = (xs: number[]): number => pct(xs, 0.5);
const r2 = (x: number): number => Math.round(x * 100) / 100;
const MB = 1024 * 1024;

/** Main-thread append latency vs a no-op sink, interleaved so both see the same noise. */
function appendLatency(n: number): { p50: number; p99: number; noopP50: number; noopP99: number } {
  const dir = tmp();
  const w = JournalWriter.open({ dir: journalDir(dir), writerId: 'bench' });
  let sunk = 0;
  const noop: EventSink = { append: (e) => { sunk += e.ts & 1; } };
  const r = rng(1);
  const evs = Array.from({ length: 1000 }, (_, i) => mixEvent(r, i, Date.now()));
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < n; i++) {
    const e = evs[i % evs.length];
    let t = process.hrtime.bigint();
    w.append(e);
    a.push(Number(process.hrtime.bigint() - t) / 1000);
    t = process.hrtime.bigint();
    noop.append(e);
    b.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  void w.close();
  if (sunk < 0) console.log(sunk);
  return { p50: pct(a, 0.5), p99: pct(a, 0.99), noopP50: pct(b, 0.5), noopP99: pct(b, 0.99) };
}

interface IngestFigures {
  /** sql.js engine catch-up (journal read + decode + apply + rollups), events/s wall clock and per CPU second. */
  rate: number;
  cpuRate: number;
  /** References on the same journal bytes in the same run: the bare decode loop, and decode + the same
   *  Ingestor (same rows + rollups, 5k-record transactions) on better-sqlite3 in memory. */
  decodeRate: number;
  nativeRate: number;
  nativeCpuRate: number;
  /** The same sql.js Ingestor over the same decoded records, with field validation and with a no-op in its place (per CPU second). */
  validatedRate: number;
  unvalidatedRate: number;
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Reads and decodes every segment of a journal directory (the follower's work without the bookkeeping). */
function decodeAll(dir: string, onBatch?: (b: WriterBatch) => void): number {
  let n = 0;
  for (const seg of listSegments(dir)) {
    const p = parseRecords(fs.readFileSync(path.join(dir, seg.file)));
    n += p.records.length;
    onBatch?.({ writer: seg.writer, records: p.records });
  }
  return n;
}

/** Worker ingest: engine.catchUp over a fresh journal, after a warm-up round (JIT), beside its references. */
async function ingestRate(n: number): Promise<IngestFigures> {
  let f: IngestFigures = { rate: 0, cpuRate: 0, decodeRate: 0, nativeRate: 0, nativeCpuRate: 0, validatedRate: 0, unvalidatedRate: 0 };
  for (const size of [Math.min(20_000, n), n]) {
    const dir = tmp();
    const eng = StoreEngine.open({ storageDir: dir, ownerId: 'b', SQL: await loadSqlJs(), log: silentLog, snapshotBytes: 1 << 40 });
    const w = JournalWriter.open({ dir: journalDir(dir), writerId: 'bench', segmentBytes: 4 * MB });
    const r = rng(2);
    const now = Date.now();
    for (let i = 0; i < size; i++) w.append(mixEvent(r, i, now - (size - i)));
    await w.close();
    let t = performance.now();
    let c = cpuMs();
    const got = eng.catchUp().applied;
    const rate = size / ((performance.now() - t) / 1000);
    const cpuRate = size / ((cpuMs() - c) / 1000);
    eng.close();
    if (got !== size) throw new Error(`ingested ${got} of ${size}`);
    t = performance.now();
    if (decodeAll(journalDir(dir)) !== size) throw new Error('decode count');
    const decodeRate = size / ((performance.now() - t) / 1000);
    const native = new BetterSqlite(':memory:');
    native.exec('PRAGMA journal_mode=MEMORY');
    native.exec(MIGRATIONS.map((m) => m.sql).join('\n'));
    const ing = new Ingestor(nativeAdapter(native, true));
    t = performance.now();
    c = cpuMs();
    const chunks = new ChunkedApply((b) => ing.apply(b));
    decodeAll(journalDir(dir), (b) => chunks.push(b));
    if (chunks.finish().applied !== size) throw new Error('native ingest count');
    const nativeRate = size / ((performance.now() - t) / 1000);
    const nativeCpuRate = size / ((cpuMs() - c) / 1000);
    native.close();
    const v = await validationCost(journalDir(dir), size);
    f = { rate, cpuRate, decodeRate, nativeRate, nativeCpuRate, ...v };
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return f;
}

/** Ingest with and without field validation, alternating three rounds each on fresh databases (median rates per CPU second). */
async function validationCost(dir: string, size: number): Promise<{ validatedRate: number; unvalidatedRate: number }> {
  const SQL = await loadSqlJs();
  const noop = (ev: RecordedEvent): Validation => ({ ok: true, ev, dropped: 0 });
  const rates: Record<'on' | 'off', number[]> = { on: [], off: [] };
  for (let round = 0; round < 3; round++) {
    for (const mode of ['on', 'off'] as const) {
      const batches: WriterBatch[] = [];
      decodeAll(dir, (b) => batches.push(b)); // decoded before timing: both modes apply the same records
      const { db } = openDb(SQL);
      const ing = new Ingestor(db, mode === 'on' ? validateEvent : noop);
      // CPU time, not wall: on a shared, loaded machine the wall clock of one round is mostly other work.
      const c = cpuMs();
      const chunks = new ChunkedApply((b) => ing.apply(b));
      for (const b of batches) chunks.push(b);
      if (chunks.finish().applied !== size) throw new Error(`validation ${mode}: count`);
      rates[mode].push(size / ((cpuMs() - c) / 1000));
      ing.close();
      db.close();
    }
  }
  return { validatedRate: median(rates.on), unvalidatedRate: median(rates.off) };
}

function records(events: RecordedEvent[], seq0: number): JournalRecord[] {
  return events.map((ev, k) => ({ seq: seq0 + k, ev, offset: 0 }));
}

/** Builds a database of `n` raw events over the last days, then exports it. */
async function exportAt(n: number): Promise<{ ms: number; exportMb: number; dbMb: number }> {
  const { db } = openDb(await loadSqlJs());
  const ing = new Ingestor(db);
  const r = rng(3);
  const now = Date.now();
  for (let i = 0; i < n; i += 10_000) {
    const evs = Array.from({ length: Math.min(10_000, n - i) }, (_, k) => mixEvent(r, i + k, now - 5 * 86_400_000 + (i + k) * 300));
    ing.apply([{ writer: 'w', records: records(evs, i + 1) }]);
  }
  const dbMb = dbBytes(db) / MB;
  const out = tmp();
  const s = exportAll(db, out);
  fs.rmSync(out, { recursive: true, force: true });
  ing.close();
  db.close();
  return { ms: s.ms, exportMb: s.totalBytes / MB, dbMb };
}

/** The dashboard's queries over the simulated year. */
function yearQueries(today: number, now: number): [QueryName, QueryArgs[QueryName]][] {
  const year = { fromDay: today - 364, toDay: today };
  return [
    ['dailyCounts', year], ['textChangesByLanguage', { sinceTs: now - 30 * 86_400_000 }],
    ['insertionSurvival', { fromDay: today - 89, toDay: today }], ['toolSuccess', year], ['feedbackTrend', year],
    ['tokensByModel', year], ['interactionsByIntent', year], ['todaySummary', { dayStartTs: dayStartTs(today) }],
    ['eventCount', {}],
    // Issue 13's time and cost sections (codingTime replays the edit-level rows kept 14 days).
    ['codingTime', { fromTs: dayStartTs(today - 364), toTs: dayStartTs(today + 1) }],
    ['costByDay', year], ['costByDay', { ...year, filter: { project: ['w'.repeat(16)] } }], ['costByProject', year],
    ['costBySession', year], ['requestsSince', { sinceTs: now - 2 * 86_400_000, tool: 'claude-code' }],
    ['filterOptions', { ...year, fromTs: dayStartTs(today - 364), toTs: dayStartTs(today + 1) }],
  ];
}

/**
 * better-sqlite3 behind the few sql.js calls `runQuery` and `Ingestor` make, so both engines run the same SQL.
 * Queries prepare per call, as `all()` does on sql.js; the ingestor's statements are cached on both.
 */
function nativeAdapter(n: NativeDb, cacheStatements = false): Database {
  let changes = 0;
  const cache = new Map<string, ReturnType<NativeDb['prepare']>>();
  return {
    exec(sql: string) { n.exec(sql); return []; },
    getRowsModified() { return changes; },
    prepare(sql: string) {
      let st = cache.get(sql);
      if (!st) {
        st = n.prepare(sql);
        if (cacheStatements) cache.set(sql, st); // the Ingestor keeps its sql.js statements too
      }
      const s = st;
      let rows: Record<string, unknown>[] = [];
      let i = -1;
      return {
        bind(p: unknown[]) { rows = s.all(...(p ?? [])) as Record<string, unknown>[]; i = -1; return true; },
        step() { i++; return i < rows.length; },
        get() { return Object.values(rows[i]); },
        getAsObject() { return rows[i]; },
        run(p: unknown[]) { changes = s.run(...(p ?? [])).changes; return true; },
        reset() { rows = []; i = -1; return true; },
        free() { return true; },
      };
    },
  } as unknown as Database;
}

function timeQueries(db: Database, qs: [QueryName, QueryArgs[QueryName]][], reps: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, args] of qs) {
    const ts: number[] = [];
    for (let k = 0; k < reps; k++) {
      const t = performance.now();
      runQuery(db, name, args as never);
      ts.push(performance.now() - t);
    }
    out[name in out ? `${name}Filtered` : name] = median(ts);
  }
  return out;
}

async function year(perDay: number): Promise<{ sqljs: Record<string, number>; native: Record<string, number>; sizeMb: number; ms: number }> {
  const { db } = openDb(await loadSqlJs());
  const ing = new Ingestor(db);
  const r = rng(4);
  const today = localDay(Date.now());
  const t0 = performance.now();
  // The mix's rows belong to session 'sess': one session row (as capture writes) so coding time has rows to join.
  ing.apply([{ writer: 's', records: records([{ kind: 'session', ts: dayStartTs(today - 364), id: 'sess', phase: 'start', workspaceHash: 'w'.repeat(16) }], 1) }]);
  let seq = 1;
  for (let d = today - 364; d <= today; d++) {
    const start = dayStartTs(d);
    const evs = Array.from({ length: perDay }, (_, k) => mixEvent(r, seq + k, start + Math.floor((k / perDay) * 86_000_000)));
    ing.apply([{ writer: 'w', records: records(evs, seq) }]);
    seq += perDay;
    applyRetention(db, 14, 64, start + 86_399_999);
  }
  const ms = performance.now() - t0;
  const now = Date.now();
  const qs = yearQueries(today, now);
  const sqljs = timeQueries(db, qs, 7);
  const native = new BetterSqlite(Buffer.from(db.export()));
  const nat = timeQueries(nativeAdapter(native), qs, 7);
  native.close();
  const sizeMb = dbBytes(db) / MB;
  ing.close();
  db.close();
  return { sqljs, native: nat, sizeMb, ms };
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const lat = appendLatency(quick ? 50_000 : 200_000);
  const ingest = await ingestRate(quick ? 50_000 : 200_000);
  const e100k = await exportAt(100_000);
  const e1m = quick ? null : await exportAt(1_000_000);
  const perDay = quick ? 1_000 : 10_000;
  const y = await year(perDay);
  const res = {
    mode: quick ? 'quick' : 'full',
    node: process.version,
    append_p50_us: r2(lat.p50), append_p99_us: r2(lat.p99), noop_p50_us: r2(lat.noopP50), noop_p99_us: r2(lat.noopP99),
    ingest_events_per_s: Math.round(ingest.rate), ingest_cpu_events_per_s: Math.round(ingest.cpuRate),
    decode_events_per_s: Math.round(ingest.decodeRate),
    native_ingest_events_per_s: Math.round(ingest.nativeRate), native_ingest_cpu_events_per_s: Math.round(ingest.nativeCpuRate),
    ingest_validated_events_per_s: Math.round(ingest.validatedRate), ingest_unvalidated_events_per_s: Math.round(ingest.unvalidatedRate),
    export_ms_100k: Math.round(e100k.ms), export_mb_100k: r2(e100k.exportMb), db_mb_100k: r2(e100k.dbMb),
    export_ms_1m: e1m ? Math.round(e1m.ms) : null, export_mb_1m: e1m ? r2(e1m.exportMb) : null, db_mb_1m: e1m ? r2(e1m.dbMb) : null,
    year_events_per_day: perDay, year_build_s: r2(y.ms / 1000),
    query_year_ms_max: r2(Math.max(...Object.values(y.sqljs))), native_query_year_ms_max: r2(Math.max(...Object.values(y.native))),
    ...Object.fromEntries(Object.entries(y.sqljs).map(([k, v]) => [`query_${k}_ms`, r2(v)])),
    ...Object.fromEntries(Object.entries(y.native).map(([k, v]) => [`native_${k}_ms`, r2(v)])),
    size_after_year_mb: r2(y.sizeMb),
    total_s: r2((performance.now() - t0) / 1000),
  };
  const rows: [string, unknown, unknown, string][] = [
    ['append p50 / p99 (us)', `${res.append_p50_us} / ${res.append_p99_us}`, `no-op ${res.noop_p50_us} / ${res.noop_p99_us}`, 'p99 <= 20'],
    ['ingest (events/s, wall / CPU)', `${res.ingest_events_per_s} / ${res.ingest_cpu_events_per_s}`,
      `better-sqlite3 ${res.native_ingest_events_per_s} / ${res.native_ingest_cpu_events_per_s}; decode only ${res.decode_events_per_s}`, '>= 100000'],
    ['ingest: validated / not (events per CPU s)', `${res.ingest_validated_events_per_s} / ${res.ingest_unvalidated_events_per_s}`,
      'same Ingestor, same records, validation replaced by a no-op', ''],
    ['export 100k (ms, MB)', `${res.export_ms_100k}, ${res.export_mb_100k}`, `db ${res.db_mb_100k} MB`, ''],
    ['export 1M (ms, MB)', `${res.export_ms_1m}, ${res.export_mb_1m}`, `db ${res.db_mb_1m} MB`, ''],
    [`year queries max (ms, ${perDay}/day)`, res.query_year_ms_max, `better-sqlite3 ${res.native_query_year_ms_max}`, '<= 20'],
    ['size after year (MB)', res.size_after_year_mb, '', '<= 60'],
  ];
  console.table(rows.map(([metric, value, reference, target]) => ({ metric, value, reference, target })));
  const out = path.join(__dirname, 'results', 'store.json');
  fs.writeFileSync(out, `${JSON.stringify(res, null, 2)}\n`);
  console.log(`wrote ${out} in ${res.total_s} s`);
}

void main();
