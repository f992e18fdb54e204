/**
 * Applies journal records to the database: one transaction per batch holding the raw rows, the daily rollups
 * and each writer's high-water sequence number, so replaying a segment adds nothing twice. Events are
 * normalised in JS (no `json_extract`, no SQL date math) and validated field by field (`validateEvent`).
 *
 * A record that fails validation, or whose statements still fail, is quarantined (the `quarantine` table,
 * counted, logged by the engine) and the rest of the batch lands: the batch is first applied in one go; if any
 * statement throws, that transaction is rolled back and the batch applied again with a savepoint per record,
 * so only the failing record is set aside (with its rollups), and its sequence number is still covered.
 */
import type { Database, Statement, SqlValue } from 'sql.js';
import type { RecordedEvent } from '../model/events';
import { DayCache } from '../model/day';
import { shortHash } from '../util/hash';
import { RollupBatch } from './rollups';
import type { JournalRecord } from './record';
import { all } from './db';
import { SQL_BY_KIND, applyEvent } from './apply';
import type { ApplyContext } from './apply';
import { validateEvent } from './validate';
import type { Validation } from './validate';

const HWM_SQL = 'INSERT INTO ingest_state (writer, seq, updated_ts) VALUES (?, ?, ?) ON CONFLICT(writer) DO UPDATE SET seq = excluded.seq, updated_ts = excluded.updated_ts';
const QUARANTINE_SQL = 'INSERT OR IGNORE INTO quarantine (writer, seq, ts, kind, reason, record) VALUES (?, ?, ?, ?, ?, ?)';
const ONE = [1] as const;
/** How much of a quarantined record is kept (enough to see what it was)... */
const QUARANTINE_KEEP_CHARS = 4096;
/** ... for the first this many; later ones are counted with their reason only (the database stays small). */
const QUARANTINE_KEEP_ROWS = 1000;

/** Records of one writer session, in sequence order. */
export interface WriterBatch {
  writer: string;
  records: JournalRecord[];
}

export interface IngestResult {
  applied: number;
  /** Already ingested (sequence at or below the writer's high-water mark). */
  replayed: number;
  /** Duplicates by id (e.g. an interaction imported twice). */
  duplicates: number;
  /** Set aside in `quarantine`: failed validation, or its statements failed. */
  quarantined: number;
  /** Absurd optional values dropped by validation (the record itself landed). */
  dropped: number;
  /** Why the first quarantined record was set aside. */
  firstError?: string;
}

/** An empty result (to add to). */
export const noIngest = (): IngestResult => ({ applied: 0, replayed: 0, duplicates: 0, quarantined: 0, dropped: 0 });

export class Ingestor {
  private readonly stmts = new Map<string, Statement>();
  private readonly hwm = new Map<string, number>();
  /** Rows in `quarantine` (committed), to know when to stop keeping record text. */
  private quarantineRows: number;
  readonly days = new DayCache();
  private readonly rollups = new RollupBatch();
  /** Built once (not per event): `day` is updated before each event. */
  private readonly ctx: ApplyContext;

  /** `validate` is `validateEvent`; the benchmark passes a no-op beside it to measure what validation costs. */
  constructor(
    private readonly db: Database,
    private readonly validate: (ev: RecordedEvent) => Validation = validateEvent,
  ) {
    this.quarantineRows = all<{ n: number }>(db, 'SELECT count(*) AS n FROM quarantine')[0].n;
    for (const r of all<{ writer: string; seq: number }>(db, 'SELECT writer, seq FROM ingest_state')) {
      this.hwm.set(r.writer, r.seq);
    }
    this.ctx = {
      day: 0,
      run: (sql, params) => this.run(sql, params),
      get: (sql, params) => this.get(sql, params),
      firstSeen: (key) => this.run(SQL_BY_KIND.dedup, [key.length > 40 ? shortHash(key) : key]) === 1,
      rollups: this.rollups,
    };
  }

  /** The last sequence number of `writer` that the database holds (0 if none). */
  highWater(writer: string): number {
    return this.hwm.get(writer) ?? 0;
  }

  /** All writers' high-water marks. */
  highWaters(): ReadonlyMap<string, number> {
    return this.hwm;
  }

  /**
   * Applies the batches in one transaction: raw rows, rollups (one upsert per key) and high-water marks. Never
   * fails for a record's sake (see the file comment); throws only when the database itself cannot be written.
   */
  apply(batches: WriterBatch[]): IngestResult {
    try {
      return this.applyAll(batches, false);
    } catch {
      return this.applyAll(batches, true);
    }
  }

  /** One transaction; `careful`: a savepoint per record, its rollups flushed inside it, failures quarantined. */
  private applyAll(batches: WriterBatch[], careful: boolean): IngestResult {
    const res = noIngest();
    const marks = new Map<string, number>();
    this.rollups.clear();
    this.db.exec('BEGIN');
    try {
      for (const b of batches) {
        let mark = marks.get(b.writer) ?? this.highWater(b.writer);
        for (const rec of b.records) {
          if (rec.seq <= mark) {
            res.replayed++;
            continue;
          }
          mark = rec.seq;
          const v = this.validate(rec.ev);
          if (!v.ok) this.quarantine(b.writer, rec, v.reason, res);
          else {
            res.dropped += v.dropped;
            if (careful) this.applyIsolated(b.writer, rec, res);
            else this.count(this.applyOne(rec.ev), res);
          }
        }
        if (mark > (marks.get(b.writer) ?? this.highWater(b.writer))) marks.set(b.writer, mark);
      }
      this.rollups.flush((sql, params) => this.run(sql, params));
      const now = Date.now();
      for (const [w, s] of marks) this.run(HWM_SQL, [w, s, now]);
      this.db.exec('COMMIT');
    } catch (err) {
      this.rollups.clear();
      this.db.exec('ROLLBACK');
      throw err;
    }
    for (const [w, s] of marks) this.hwm.set(w, s);
    this.quarantineRows += res.quarantined;
    return res;
  }

  private count(applied: boolean, res: IngestResult): void {
    if (applied) res.applied++;
    else res.duplicates++;
  }

  /** Applies one record inside its own savepoint (rollups included); quarantines it when anything throws. */
  private applyIsolated(writer: string, rec: JournalRecord, res: IngestResult): void {
    this.db.exec('SAVEPOINT rec');
    try {
      const applied = this.applyOne(rec.ev);
      this.rollups.flush((sql, params) => this.run(sql, params));
      this.db.exec('RELEASE rec');
      this.count(applied, res);
    } catch (err) {
      this.rollups.clear();
      this.db.exec('ROLLBACK TO rec; RELEASE rec');
      this.quarantine(writer, rec, `could not be applied: ${err instanceof Error ? err.message : String(err)}`, res);
    }
  }

  private quarantine(writer: string, rec: JournalRecord, reason: string, res: IngestResult): void {
    const kind = typeof rec.ev.kind === 'string' ? rec.ev.kind.slice(0, 64) : null;
    let json: string | null = null;
    if (this.quarantineRows + res.quarantined < QUARANTINE_KEEP_ROWS) {
      try {
        json = JSON.stringify(rec.ev).slice(0, QUARANTINE_KEEP_CHARS);
      } catch {
        json = '(not serialisable)';
      }
    }
    this.run(QUARANTINE_SQL, [writer, rec.seq, Date.now(), kind, reason.slice(0, 500), json]);
    res.quarantined++;
    res.firstError ??= `${kind ?? '?'} #${rec.seq} of ${writer}: ${reason}`;
  }

  /** Frees every prepared statement. */
  close(): void {
    for (const st of this.stmts.values()) st.free();
    this.stmts.clear();
  }

  /** Applies one valid event; true when it was new, false for a duplicate by id. Throws when a statement fails. */
  private applyOne(ev: RecordedEvent): boolean {
    const ctx = this.ctx;
    ctx.day = this.days.of(ev.ts);
    if (!applyEvent(ev, ctx)) return false;
    this.rollups.add('daily_counts', ctx.day, [ev.kind], ONE);
    return true;
  }

  private stmt(sql: string): Statement {
    let st = this.stmts.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.stmts.set(sql, st);
    }
    return st;
  }

  /** Runs a write; returns the number of rows it changed. */
  private run(sql: string, params: SqlValue[]): number {
    this.stmt(sql).run(params);
    return this.db.getRowsModified();
  }

  private get(sql: string, params: SqlValue[]): SqlValue[] | undefined {
    const st = this.stmt(sql);
    try {
      st.bind(params);
      return st.step() ? st.get() : undefined;
    } finally {
      st.reset();
    }
  }
}
