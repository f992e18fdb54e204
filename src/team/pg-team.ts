/**
 * The team server over node-postgres: connection (TLS when offered), migrations, the push transactions and the
 * report's reads. Thin on purpose: what to push and in which order is decided in `src/core/team`.
 */
import pg from 'pg';
import type { DayGroup } from '../core/team/plan';
import { groupKey } from '../core/team/plan';
import type { PushIdentity, TeamSink } from '../core/team/push';
import { MIGRATIONS_TABLE_SQL, TEAM_MIGRATIONS, TEAM_SCHEMA_VERSION, primaryKey } from '../core/team/migrations';
import { teamTable } from '../core/team/tables';
import type { TeamTable } from '../core/team/tables';
import { serverOffersTls } from './tls-probe';

/** The team database refused or failed something, said in words a member can act on. */
export class TeamError extends Error {}

/** Lock id held while migrating ("ala" in ASCII, then 1). */
const MIGRATION_LOCK = 6384737;
/** Parameters per INSERT stay under PostgreSQL's 65535. */
const MAX_PARAMS = 30_000;

/** Connection settings from a `postgres://` URL: TLS as its `sslmode` says, or when the server offers it. */
async function clientConfig(url: string, connectTimeoutMs: number): Promise<pg.ClientConfig> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new TeamError('the team database URL is not a valid postgres:// URL');
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw new TeamError(`the team database URL must start with postgres:// (got ${u.protocol}//)`);
  const mode = u.searchParams.get('sslmode');
  const base: pg.ClientConfig = { connectionString: url, connectionTimeoutMillis: connectTimeoutMs, application_name: 'ai-learning-analytics' };
  if (mode !== null && mode !== 'prefer') return base; // disable, require, verify-ca, verify-full: node-postgres's own handling
  u.searchParams.delete('sslmode');
  const offered = await serverOffersTls(u.hostname || 'localhost', Number(u.port || 5432), connectTimeoutMs);
  // Like libpq's prefer: encrypted, the certificate not checked (verify-full in the URL checks it).
  return { ...base, connectionString: u.toString(), ssl: offered ? { rejectUnauthorized: false } : false };
}

export class PgTeam implements TeamSink {
  private constructor(private readonly client: pg.Client, readonly tls: boolean) {}

  static async connect(url: string, connectTimeoutMs = 10_000): Promise<PgTeam> {
    const config = await clientConfig(url, connectTimeoutMs);
    const client = new pg.Client(config);
    // An idle connection dropped by the network must not crash the host: the next query reports it.
    client.on('error', () => undefined);
    await client.connect();
    return new PgTeam(client, Boolean(config.ssl));
  }

  async close(): Promise<void> {
    await this.client.end();
  }

  /** The schema version of the team database (0 when it has none yet). */
  async schemaVersion(): Promise<number> {
    const exists = await this.client.query<{ t: string | null }>("SELECT to_regclass('ala.schema_migrations')::text AS t");
    if (exists.rows[0]?.t == null) return 0;
    const r = await this.client.query<{ v: number | null }>('SELECT max(version) AS v FROM ala.schema_migrations');
    return r.rows[0]?.v ?? 0;
  }

  /**
   * Applies the migrations above the database's version, up to `target`, each in its own transaction, under an
   * advisory lock. Needs a role that may create schemas and roles (the team's admin); a member role gets a
   * `TeamError` that says so when the database is behind.
   */
  async migrate(target = TEAM_SCHEMA_VERSION): Promise<{ from: number; to: number }> {
    const from = await this.schemaVersion();
    if (from >= target) return { from, to: from };
    try {
      await this.client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await this.client.query(MIGRATIONS_TABLE_SQL);
      for (const m of TEAM_MIGRATIONS.filter((x) => x.version <= target)) {
        await this.tx(async () => {
          const done = await this.client.query('SELECT 1 FROM ala.schema_migrations WHERE version = $1', [m.version]);
          if (done.rowCount) return; // another member migrated while this one waited for the lock
          await this.client.query(m.sql);
          await this.client.query('INSERT INTO ala.schema_migrations (version, what) VALUES ($1, $2)', [m.version, m.what]);
        });
      }
    } catch (e) {
      if (e instanceof pg.DatabaseError && (e.code === '42501' || e.code === '42P06')) {
        throw new TeamError(`the team database is at schema version ${from} and this role may not migrate it to ${target} (${e.message}); ask the team's admin to run: ai-learning team migrate --url <admin URL>`);
      }
      throw e;
    } finally {
      await this.client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    }
    return { from, to: await this.schemaVersion() };
  }

  async claimMember(id: PushIdentity): Promise<void> {
    const r = await this.client.query(`INSERT INTO ala.members (member, level) VALUES ($1, $2)
      ON CONFLICT (member) DO UPDATE SET level = EXCLUDED.level WHERE ala.members.owner = current_user RETURNING member`,
    [id.member, id.level]).catch((e: unknown) => {
      if (e instanceof pg.DatabaseError && e.code === '42501') return { rowCount: 0 };
      throw e;
    });
    if (!r.rowCount) throw new TeamError(`the member name ${JSON.stringify(id.member)} belongs to another database role; pick another name in aiLearning.team.memberName`);
  }

  async digests(id: PushIdentity): Promise<Map<string, string>> {
    const r = await this.client.query<{ tbl: string; day: number; digest: string }>(
      'SELECT tbl, day, digest FROM ala.push_state WHERE member = $1 AND machine = $2', [id.member, id.machine]);
    return new Map(r.rows.map((x) => [groupKey(x.tbl, x.day), x.digest]));
  }

  async writeBatch(id: PushIdentity, groups: readonly DayGroup[]): Promise<void> {
    const byTable = new Map<string, DayGroup[]>();
    for (const g of groups) byTable.set(g.table, [...(byTable.get(g.table) ?? []), g]);
    await this.tx(async () => {
      for (const [name, gs] of byTable) await this.writeGroups(id, teamTable(name), gs);
      const states = groups.map((g) => [g.table, g.day, g.digest, g.rows.length]);
      await this.insertRows('push_state', ['tbl', 'day', 'digest', 'rows'], id, states,
        'ON CONFLICT (member, machine, tbl, day) DO UPDATE SET digest = EXCLUDED.digest, rows = EXCLUDED.rows, pushed_at = now()');
      await this.client.query('UPDATE ala.members SET last_push = now() WHERE member = $1', [id.member]);
    });
  }

  /**
   * Upserts the day groups' rows of one table (a few statements per transaction, not one per day), then removes
   * the rows of those days that the groups no longer have (not rewritten by this transaction).
   */
  private async writeGroups(id: PushIdentity, t: TeamTable, groups: readonly DayGroup[]): Promise<void> {
    const cols = ['day', ...t.keys, ...t.values];
    const pk = primaryKey(t);
    const update = cols.filter((c) => !pk.includes(c)).map((c) => `${c} = EXCLUDED.${c}`);
    const rows = groups.flatMap((g) => g.rows.map((r) => [g.day, ...r.keys, ...r.values]));
    await this.insertRows(t.name, cols, id, rows,
      `ON CONFLICT (${pk.join(', ')}) DO UPDATE SET ${[...update, 'push_tx = txid_current()'].join(', ')}`);
    await this.client.query(`DELETE FROM ala.${t.name} WHERE member = $1 AND machine = $2 AND day = ANY($3::integer[]) AND push_tx <> txid_current()`,
      [id.member, id.machine, groups.map((g) => g.day)]);
  }

  private async insertRows(table: string, cols: string[], id: PushIdentity, rows: unknown[][], conflict: string): Promise<void> {
    const width = cols.length + 2;
    const per = Math.max(1, Math.floor(MAX_PARAMS / width));
    for (let i = 0; i < rows.length; i += per) {
      const chunk = rows.slice(i, i + per);
      const params: unknown[] = [];
      const tuples = chunk.map((r) => {
        params.push(id.member, id.machine, ...r);
        const base = params.length - width;
        return `(${Array.from({ length: width }, (_, k) => `$${base + k + 1}`).join(', ')})`;
      });
      await this.client.query(`INSERT INTO ala.${table} (member, machine, ${cols.join(', ')}) VALUES ${tuples.join(', ')} ${conflict}`, params);
    }
  }

  async refreshViews(): Promise<void> {
    await this.client.query('SELECT ala.refresh_views()');
  }

  /** Runs `fn` in a transaction: committed if it returns, rolled back if it throws. */
  async tx<T>(fn: () => Promise<T>): Promise<T> {
    await this.client.query('BEGIN');
    try {
      const out = await fn();
      await this.client.query('COMMIT');
      return out;
    } catch (e) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }

  /** For the report and the tests: a read-only query. */
  query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.client.query<R>(sql, params);
  }
}
