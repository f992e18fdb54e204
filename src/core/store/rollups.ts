/**
 * Daily rollups accumulated in JS during one ingest batch, then written with one upsert per key at the end of
 * the batch (same transaction). Keeps ingest near one raw insert per event.
 */
import type { SqlValue } from 'sql.js';

/** Rollup tables: key columns (after `day`) and summed columns, as in `model/schema.ts`. */
export const ROLLUPS = {
  daily_counts: { keys: ['kind'], sums: ['n'] },
  daily_text: { keys: ['label', 'language'], sums: ['n', 'chars_added', 'chars_removed'] },
  daily_insertions: { keys: ['language', 'origin'], sums: ['n', 'chars', 'lines'] },
  daily_survival: { keys: ['language', 'origin', 'checkpoint'], sums: ['n', 'chars_kept', 'chars_total'] },
  daily_tools: { keys: ['tool', 'source'], sums: ['n', 'ok', 'failed', 'duration_ms', 'duration_n'] },
  daily_feedback: { keys: [], sums: ['n', 'rating_sum'] },
  daily_tokens: {
    keys: ['model', 'source_tool'],
    sums: ['n', 'tokens_in', 'tokens_out', 'cache_read', 'cache_write', 'cost_usd', 'cost_n'],
  },
  daily_intents: {
    keys: ['intent', 'source_tool'],
    sums: ['n', 'ok', 'failed', 'votes_up', 'votes_down', 'latency_ms', 'latency_n'],
  },
} as const;

export type RollupName = keyof typeof ROLLUPS;

const NAMES = Object.keys(ROLLUPS) as RollupName[];

interface Entry {
  key: SqlValue[];
  sums: number[];
}

/** Day -> first key -> second key ... -> entry (nested maps: no key strings built per event). */
type Level = Map<number | string, Level | Entry>;

/** Runs `sql` with `params` inside the caller's transaction (the ingestor's cached statements). */
export type RunFn = (sql: string, params: SqlValue[]) => unknown;

export class RollupBatch {
  private readonly tables = new Map<RollupName, Level>(NAMES.map((n) => [n, new Map()]));
  private readonly entries = new Map<RollupName, Entry[]>(NAMES.map((n) => [n, []]));
  private count = 0;

  /** Adds `sums` (in the table's column order) to the row (`day`, ...keys). Negative values subtract. */
  add(table: RollupName, day: number, keys: readonly string[], sums: readonly number[]): void {
    let level = this.tables.get(table)!;
    let k: number | string = day;
    for (let i = 0; i < keys.length; i++) {
      let next = level.get(k) as Level | undefined;
      if (!next) {
        next = new Map();
        level.set(k, next);
      }
      level = next;
      k = keys[i];
    }
    const e = level.get(k) as Entry | undefined;
    if (!e) {
      const entry: Entry = { key: [day, ...keys], sums: sums.slice() };
      level.set(k, entry);
      this.entries.get(table)!.push(entry);
      this.count++;
      return;
    }
    const s = e.sums;
    for (let i = 0; i < sums.length; i++) s[i] += sums[i];
  }

  get size(): number {
    return this.count;
  }

  /** Drops everything accumulated (the transaction it belonged to was rolled back). */
  clear(): void {
    for (const m of this.tables.values()) m.clear();
    for (const l of this.entries.values()) l.length = 0;
    this.count = 0;
  }

  /** Writes every accumulated row with one upsert per key (inside the caller's transaction) and clears. */
  flush(run: RunFn): void {
    for (const [table, list] of this.entries) {
      if (list.length === 0) continue;
      const sql = upsertSql(table);
      for (const e of list) run(sql, [...e.key, ...e.sums]);
    }
    this.clear();
  }
}

const SQL = new Map<RollupName, string>();

/** The upsert of one rollup row (built once per table). */
export function upsertSql(table: RollupName): string {
  let sql = SQL.get(table);
  if (sql) return sql;
  const { keys, sums } = ROLLUPS[table];
  const cols = ['day', ...keys, ...sums];
  const marks = cols.map(() => '?').join(', ');
  const set = sums.map((s) => `${s} = ${s} + excluded.${s}`).join(', ');
  sql = `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${marks}) ON CONFLICT(${['day', ...keys].join(', ')}) DO UPDATE SET ${set}`;
  SQL.set(table, sql);
  return sql;
}
