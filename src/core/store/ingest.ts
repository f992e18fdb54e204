/**
 * Applies journal records to the database: one transaction per batch holding the raw rows, the daily rollups
 * and each writer's high-water sequence number, so replaying a segment adds nothing twice. Events are
 * normalised in JS (no `json_extract`, no SQL date math), so one bad event cannot poison a batch; an event
 * whose statement still fails is skipped and counted.
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

const HWM_SQL = 'INSERT INTO ingest_state (writer, seq, updated_ts) VALUES (?, ?, ?) ON CONFLICT(writer) DO UPDATE SET seq = excluded.seq, updated_ts = excluded.updated_ts';
const ONE = [1] as const;

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
  failed: number;
  firstError?: string;
}

export class Ingestor {
  private readonly stmts = new Map<string, Statement>();
  private readonly hwm = new Map<string, number>();
  readonly days = new DayCache();
  private readonly rollups = new RollupBatch();
  /** Built once (not per event): `day` is updated before each event. */
  private readonly ctx: ApplyContext;

  constructor(private readonly db: Database) {
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

  /** Applies the batches in one transaction: raw rows, rollups (one upsert per key) and high-water marks. */
  apply(batches: WriterBatch[]): IngestResult {
    const res: IngestResult = { applied: 0, replayed: 0, duplicates: 0, failed: 0 };
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
          this.applyOne(rec.ev, res);
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
    return res;
  }

  /** Frees every prepared statement. */
  close(): void {
    for (const st of this.stmts.values()) st.free();
    this.stmts.clear();
  }

  private applyOne(ev: RecordedEvent, res: IngestResult): void {
    const ctx = this.ctx;
    try {
      ctx.day = this.days.of(ev.ts);
      if (!applyEvent(ev, ctx)) {
        res.duplicates++;
        return;
      }
      this.rollups.add('daily_counts', ctx.day, [ev.kind], ONE);
      res.applied++;
    } catch (err) {
      res.failed++;
      res.firstError ??= `${ev.kind}: ${err instanceof Error ? err.message : String(err)}`;
    }
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
