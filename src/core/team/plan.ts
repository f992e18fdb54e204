/**
 * What a push sends: the member's local rows, cleaned (`privacy.ts`), grouped by table and day, each group with a
 * digest of its content. The server keeps, per (member, machine, table, day), the digest of what it holds, written
 * in the same transaction as the rows: that is the push cursor. A push sends only the groups whose digest differs,
 * so a day back-filled by an import is sent again, an unchanged year is not, and a push killed half-way resumes
 * where its last committed transaction ended (a group is never split across transactions).
 */
import { createHash } from 'node:crypto';
import { cleanerFor } from './privacy';
import type { LocalRow, TeamTable } from './tables';

/** One row as sent: its key texts (in `table.keys` order) and its values (in `table.values` order). */
export interface TeamRow {
  keys: string[];
  values: (number | null)[];
}

/** All the rows of one table and one day: sent whole, in one transaction. */
export interface DayGroup {
  table: string;
  day: number;
  rows: TeamRow[];
  digest: string;
}

/** `table:day`, the key of the server's digests. */
export const groupKey = (table: string, day: number): string => `${table}:${day}`;

function num(v: string | number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * Cleans and groups one table's local rows. Rows whose keys become equal after cleaning (two scripts both
 * called `other`) are merged by summing, so each key is sent once.
 */
export function groupRows(t: TeamTable, rows: readonly LocalRow[]): DayGroup[] {
  const cleaners = t.keys.map(cleanerFor);
  const byDay = new Map<number, Map<string, TeamRow>>();
  for (const r of rows) {
    const day = num(r.day);
    if (day === null) continue;
    const keys = t.keys.map((k, i) => cleaners[i](String(r[k] ?? '')));
    const values = t.values.map((v) => num(r[v]));
    let m = byDay.get(day);
    if (!m) byDay.set(day, (m = new Map<string, TeamRow>()));
    const id = JSON.stringify(t.name === 'interactions' ? keys[0] : keys);
    const prev = m.get(id);
    if (!prev) m.set(id, { keys, values });
    else prev.values = prev.values.map((x, i) => (x === null && values[i] === null ? null : (x ?? 0) + (values[i] ?? 0)));
  }
  return [...byDay.entries()].sort((a, b) => a[0] - b[0]).map(([day, m]) => {
    const sorted = [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, row]) => row);
    return { table: t.name, day, rows: sorted, digest: digestOf(sorted) };
  });
}

/** 32 hex characters of SHA-256 over the rows' JSON: equal content, equal digest. */
export function digestOf(rows: readonly TeamRow[]): string {
  const h = createHash('sha256');
  for (const r of rows) h.update(JSON.stringify([r.keys, r.values])).update('\n');
  return h.digest('hex').slice(0, 32);
}

/** The groups the server does not hold as they are now. */
export function changedGroups(groups: readonly DayGroup[], server: ReadonlyMap<string, string>): DayGroup[] {
  return groups.filter((g) => server.get(groupKey(g.table, g.day)) !== g.digest);
}

/**
 * Packs groups into transactions of about `maxRows` rows (a larger group gets a transaction of its own, never
 * split: the digest and the rows it covers commit together).
 */
export function packBatches(groups: readonly DayGroup[], maxRows: number): DayGroup[][] {
  const out: DayGroup[][] = [];
  let cur: DayGroup[] = [];
  let n = 0;
  for (const g of groups) {
    if (cur.length > 0 && n + g.rows.length > maxRows) {
      out.push(cur);
      cur = [];
      n = 0;
    }
    cur.push(g);
    n += g.rows.length;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}
