/**
 * Daily rollups accumulated in JS during one ingest batch, then written with one upsert per key at the end of
 * the batch (same transaction). Keeps ingest near one raw insert per event.
 */
import type { Database } from 'sql.js';
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

interface Entry {
  table: RollupName;
  key: SqlValue[];
  sums: number[];
}

export class RollupBatch {
  private readonly entries = new Map<string, Entry>();

  /** Adds `sums` (in the table's column order) to the row (`day`, ...keys). Negative values subtract. */
  add(table: RollupName, day: number, keys: string[], sums: number[]): void {
    const k = `${table}\u0000${day}\u0000${keys.join('\u0000')}`;
    const e = this.entries.get(k);
    if (!e) {
      this.entries.set(k, { table, key: [day, ...keys], sums: sums.slice() });
      return;
    }
    for (let i = 0; i < sums.length; i++) e.sums[i] += sums[i];
  }

  get size(): number {
    return this.entries.size;
  }

  /** Writes every accumulated row (inside the caller's transaction) and clears the batch. */
  flush(db: Database): void {
    const byTable = new Map<RollupName, Entry[]>();
    for (const e of this.entries.values()) {
      const list = byTable.get(e.table) ?? [];
      list.push(e);
      byTable.set(e.table, list);
    }
    for (const [table, list] of byTable) {
      const st = db.prepare(upsertSql(table));
      try {
        for (const e of list) st.run([...e.key, ...e.sums]);
      } finally {
        st.free();
      }
    }
    this.entries.clear();
  }
}

function upsertSql(table: RollupName): string {
  const { keys, sums } = ROLLUPS[table];
  const cols = ['day', ...keys, ...sums];
  const marks = cols.map(() => '?').join(', ');
  const set = sums.map((s) => `${s} = ${s} + excluded.${s}`).join(', ');
  return `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${marks}) ON CONFLICT(${['day', ...keys].join(', ')}) DO UPDATE SET ${set}`;
}
