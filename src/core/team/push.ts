/**
 * One push of a member's figures to the team server, over two small interfaces so that the logic runs (and is
 * tested) without PostgreSQL: `TeamSource` reads the local store, `TeamSink` is the server (the `pg` adapter in
 * `src/team/pg-team.ts`). Order: claim the member name, read the server's digests (the cursor), send the changed
 * day groups in transactions of about `batchRows` rows, then refresh the team views once.
 */
import type { StoreQueries } from '../dashboard/data';
import type { DayGroup } from './plan';
import { changedGroups, packBatches } from './plan';
import type { TeamLevel, TeamTable } from './tables';
import { tablesFor } from './tables';

/** The local store, as a push reads it. */
export interface TeamSource {
  /**
   * `t.localSql`'s rows from `fromDay` on (the whole history for 0), cleaned, grouped by day and digested
   * (`groupRows`): where the store worker does it, the cleaning, sorting and hashing of a year stays off the
   * extension host's thread.
   */
  groups(t: TeamTable, fromDay: number): Promise<DayGroup[]>;
}

/** Who pushes: a member name (shared with the team), a machine id (a hash), and the sharing level. */
export interface PushIdentity {
  member: string;
  machine: string;
  level: TeamLevel;
}

/** The team server, as a push writes it. */
export interface TeamSink {
  /** Registers or re-confirms `member` for the connected role; throws when another role owns the name. */
  claimMember(id: PushIdentity): Promise<void>;
  /** `table:day` -> digest of what the server holds for this member and machine. */
  digests(id: PushIdentity): Promise<Map<string, string>>;
  /** Writes the groups and their digests in one transaction. */
  writeBatch(id: PushIdentity, groups: readonly DayGroup[]): Promise<void>;
  /** Refreshes the team views (concurrently: readers are never blocked). */
  refreshViews(): Promise<void>;
}

export interface PushOptions {
  /**
   * Read only the local days from this one on (default 0: the whole history). A push every few minutes needs
   * only the last days; a full pass now and then picks up days back-filled by an import.
   */
  fromDay?: number;
  /** Rows per transaction (default 5000). */
  batchRows?: number;
  onProgress?: (doneRows: number, totalRows: number) => void;
  /** Checked between transactions: an aborted push stops cleanly after its last commit. */
  signal?: AbortSignal;
}

export interface PushResult {
  /** Day groups and rows sent in this push. */
  groups: number;
  rows: number;
  transactions: number;
  /** Day groups the server already held unchanged. */
  unchanged: number;
  refreshed: boolean;
  ms: number;
}

/** Valid member names: what the team sees beside their figures. */
export const MEMBER_NAME = /^[A-Za-z0-9][\w.@-]{0,63}$/;

/** Pushes everything the server does not hold yet; safe to repeat, safe to interrupt. */
export async function pushTeam(source: TeamSource, sink: TeamSink, id: PushIdentity, opts: PushOptions = {}): Promise<PushResult> {
  const t0 = Date.now();
  if (!MEMBER_NAME.test(id.member)) throw new Error(`team member name ${JSON.stringify(id.member)} is not valid: letters, digits, . _ @ - (at most 64)`);
  await sink.claimMember(id);
  const server = await sink.digests(id);
  const all: DayGroup[] = [];
  for (const t of tablesFor(id.level)) all.push(...(await source.groups(t, opts.fromDay ?? 0)));
  const changed = changedGroups(all, server);
  const batches = packBatches(changed, opts.batchRows ?? 5000);
  const totalRows = changed.reduce((s, g) => s + g.rows.length, 0);
  let done = 0;
  let transactions = 0;
  for (const b of batches) {
    if (opts.signal?.aborted) break;
    await sink.writeBatch(id, b);
    transactions++;
    done += b.reduce((s, g) => s + g.rows.length, 0);
    opts.onProgress?.(done, totalRows);
  }
  const sent = batches.slice(0, transactions).flat();
  const refreshed = transactions > 0;
  if (refreshed) await sink.refreshViews();
  return {
    groups: sent.length, rows: done, transactions, unchanged: all.length - changed.length, refreshed, ms: Date.now() - t0,
  };
}

/** The local store (the worker, or the CLI's read-only engine) as a push source. */
export function storeSource(store: StoreQueries): TeamSource {
  return { groups: (t, fromDay) => store.query('teamGroups', { table: t.name, fromDay }) };
}
