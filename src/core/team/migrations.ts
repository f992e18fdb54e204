/**
 * The team database's schema (PostgreSQL, schema `ala`), versioned: `ala.schema_migrations` holds the versions
 * applied; `migrate()` in the pg adapter applies the missing ones in order, each in its own transaction, under an
 * advisory lock so two members starting at once do not race.
 *
 * Privacy (issue 16): every data table has row-level security; a row belongs to the database role that wrote it
 * (`owner DEFAULT current_user`), and a member role (granted `ala_member`) reads and writes only its own rows. The
 * team figures are materialized views owned by the migrating role: aggregates across members, readable by all.
 * A team whose members share one role gets no separation between them (the README says so).
 */
import type { TeamTable } from './tables';
import { TEAM_TABLES, conflictKeys } from './tables';

export interface TeamMigration {
  version: number;
  what: string;
  sql: string;
}

/** The group role every member's login role is granted (`CREATE ROLE alice LOGIN PASSWORD '…' IN ROLE ala_member`). */
export const MEMBER_ROLE = 'ala_member';

/** The team views, refreshed after every push that wrote something. */
export const TEAM_VIEWS = ['model_performance', 'tool_effectiveness_ranking', 'ai_performance_summary', 'code_generation_quality'] as const;

/**
 * A role reads and writes its own rows only, and writes only under a member name it has claimed in `ala.members`
 * (first come, first served), so no member can add figures under another's name.
 */
const ownRows = (table: string): string => `ALTER TABLE ala.${table} ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON ala.${table} USING (owner = current_user) WITH CHECK (owner = current_user
  AND EXISTS (SELECT 1 FROM ala.members m WHERE m.member = ${table}.member AND m.owner = current_user));
GRANT SELECT, INSERT, UPDATE, DELETE ON ala.${table} TO ${MEMBER_ROLE};`;

/** (member, machine, day, keys...) for rollups; (member, machine, local_id) for interactions. */
export function primaryKey(t: TeamTable): string[] {
  return ['member', 'machine', ...(t.name === 'interactions' ? [] : ['day']), ...conflictKeys(t)];
}

function dataTableDdl(t: TeamTable): string {
  const floats = new Set(t.float ?? []);
  const cols = [
    'member text NOT NULL', 'machine text NOT NULL', 'owner name NOT NULL DEFAULT current_user', 'day integer NOT NULL',
    ...t.keys.map((k) => `${k} text NOT NULL`),
    ...t.values.map((v) => `${v} ${floats.has(v) ? 'double precision' : 'bigint'}`),
    // The transaction that last wrote the row: a day group's rows not rewritten by its push are stale and removed.
    'push_tx bigint NOT NULL DEFAULT txid_current()',
    `PRIMARY KEY (${primaryKey(t).join(', ')})`,
  ];
  const index = t.name === 'interactions' ? `\nCREATE INDEX interactions_day ON ala.interactions (member, machine, day);` : '';
  return `CREATE TABLE ala.${t.name} (\n  ${cols.join(',\n  ')}\n);${index}\n${ownRows(t.name)}`;
}

const V1 = `DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${MEMBER_ROLE}') THEN CREATE ROLE ${MEMBER_ROLE} NOLOGIN; END IF;
END $$;
CREATE SCHEMA IF NOT EXISTS ala;
GRANT USAGE ON SCHEMA ala TO ${MEMBER_ROLE};
GRANT SELECT ON ala.schema_migrations TO ${MEMBER_ROLE};
CREATE TABLE ala.members (
  member text PRIMARY KEY, owner name NOT NULL DEFAULT current_user, level text NOT NULL,
  first_push timestamptz NOT NULL DEFAULT now(), last_push timestamptz
);
ALTER TABLE ala.members ENABLE ROW LEVEL SECURITY;
CREATE POLICY members_read ON ala.members FOR SELECT USING (true);
CREATE POLICY members_insert ON ala.members FOR INSERT WITH CHECK (owner = current_user);
CREATE POLICY members_update ON ala.members FOR UPDATE USING (owner = current_user) WITH CHECK (owner = current_user);
GRANT SELECT, INSERT, UPDATE ON ala.members TO ${MEMBER_ROLE};
CREATE TABLE ala.push_state (
  member text NOT NULL, machine text NOT NULL, owner name NOT NULL DEFAULT current_user, tbl text NOT NULL,
  day integer NOT NULL, digest text NOT NULL, rows integer NOT NULL, pushed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (member, machine, tbl, day)
);
${ownRows('push_state')}
${TEAM_TABLES.filter((t) => t.name !== 'daily_tasks').map(dataTableDdl).join('\n')}`;

/** Version 2: the `daily_tasks` rollup (model x task type), added after the first release of the schema. */
const V2 = dataTableDdl(TEAM_TABLES.find((t) => t.name === 'daily_tasks')!);

const ratio = (num: string, den: string): string => `(${num})::float8 / nullif(${den}, 0)`;

/** Version 3: the seeds' team views (seed 001's, seed 004's `model_performance`) and their refresh function. */
const V3 = `CREATE MATERIALIZED VIEW ala.model_performance AS
SELECT model, intent AS task_type, sum(n)::bigint AS requests, sum(ok)::bigint AS ok, sum(failed)::bigint AS failed,
  ${ratio('sum(ok)', 'sum(ok) + sum(failed)')} AS success_rate, ${ratio('sum(latency_ms)', 'sum(latency_n)')} AS avg_latency_ms,
  sum(tokens_in)::bigint AS tokens_in, sum(tokens_out)::bigint AS tokens_out,
  CASE WHEN sum(cost_n) > 0 THEN sum(cost_usd) END AS cost_usd, sum(cost_usd) / nullif(sum(cost_n), 0) AS cost_per_request,
  count(DISTINCT member)::int AS members, max(day) AS last_day
FROM ala.daily_tasks GROUP BY model, intent;
CREATE UNIQUE INDEX model_performance_key ON ala.model_performance (model, task_type);
CREATE MATERIALIZED VIEW ala.tool_effectiveness_ranking AS
SELECT tool, source, sum(n)::bigint AS usage_count, sum(ok)::bigint AS ok, sum(failed)::bigint AS failed,
  ${ratio('sum(ok)', 'sum(ok) + sum(failed)')} AS success_rate, ${ratio('sum(duration_ms)', 'sum(duration_n)')} AS avg_duration_ms,
  count(DISTINCT member)::int AS members,
  rank() OVER (ORDER BY ${ratio('sum(ok)', 'sum(ok) + sum(failed)')} DESC NULLS LAST, sum(n) DESC)::int AS rank
FROM ala.daily_tools GROUP BY tool, source;
CREATE UNIQUE INDEX tool_effectiveness_ranking_key ON ala.tool_effectiveness_ranking (tool, source);
CREATE MATERIALIZED VIEW ala.ai_performance_summary AS
WITH i AS (SELECT day, sum(n) AS requests, sum(ok) AS ok, sum(failed) AS failed, sum(votes_up) AS votes_up,
    sum(votes_down) AS votes_down, sum(latency_ms) AS lms, sum(latency_n) AS ln FROM ala.daily_intents GROUP BY day),
  t AS (SELECT day, sum(tokens_in) AS tokens_in, sum(tokens_out) AS tokens_out, sum(cache_read) AS cache_read,
    sum(cache_write) AS cache_write, sum(cost_usd) AS cost_usd, sum(cost_n) AS cost_n FROM ala.daily_tokens GROUP BY day),
  f AS (SELECT day, sum(n) AS feedback_n, sum(rating_sum) AS rating_sum FROM ala.daily_feedback GROUP BY day),
  m AS (SELECT day, count(DISTINCT member) AS members FROM (SELECT day, member FROM ala.daily_intents
    UNION SELECT day, member FROM ala.daily_tokens UNION SELECT day, member FROM ala.daily_text) x GROUP BY day)
SELECT m.day, date '1970-01-01' + m.day AS date, m.members::int AS active_members,
  coalesce(i.requests, 0)::bigint AS requests, coalesce(i.ok, 0)::bigint AS ok, coalesce(i.failed, 0)::bigint AS failed,
  ${ratio('i.ok', 'i.ok + i.failed')} AS success_rate, coalesce(i.votes_up, 0)::bigint AS votes_up,
  coalesce(i.votes_down, 0)::bigint AS votes_down, ${ratio('i.lms', 'i.ln')} AS avg_latency_ms,
  coalesce(t.tokens_in, 0)::bigint AS tokens_in, coalesce(t.tokens_out, 0)::bigint AS tokens_out,
  coalesce(t.cache_read, 0)::bigint AS cache_read, coalesce(t.cache_write, 0)::bigint AS cache_write,
  CASE WHEN t.cost_n > 0 THEN t.cost_usd END AS cost_usd, coalesce(f.feedback_n, 0)::bigint AS feedback_n,
  ${ratio('f.rating_sum', 'f.feedback_n')} AS avg_rating
FROM m LEFT JOIN i USING (day) LEFT JOIN t USING (day) LEFT JOIN f USING (day);
CREATE UNIQUE INDEX ai_performance_summary_key ON ala.ai_performance_summary (day);
CREATE MATERIALIZED VIEW ala.code_generation_quality AS
WITH ins AS (SELECT day, language, origin, sum(n) AS insertions, sum(chars) AS chars, sum(lines) AS lines
    FROM ala.daily_insertions GROUP BY 1, 2, 3),
  sv AS (SELECT day, language, origin, checkpoint, sum(n) AS n, sum(chars_kept) AS kept, sum(chars_total) AS total
    FROM ala.daily_survival GROUP BY 1, 2, 3, 4),
  svj AS (SELECT day, language, origin, jsonb_object_agg(checkpoint, jsonb_build_object('n', n, 'kept', kept, 'total', total)) AS survival
    FROM sv GROUP BY 1, 2, 3)
SELECT day, date '1970-01-01' + day AS date, language, origin, coalesce(ins.insertions, 0)::bigint AS insertions,
  coalesce(ins.chars, 0)::bigint AS chars, coalesce(ins.lines, 0)::bigint AS lines, coalesce(svj.survival, '{}'::jsonb) AS survival
FROM ins FULL JOIN svj USING (day, language, origin);
CREATE UNIQUE INDEX code_generation_quality_key ON ala.code_generation_quality (day, language, origin);
GRANT SELECT ON ala.model_performance, ala.tool_effectiveness_ranking, ala.ai_performance_summary,
  ala.code_generation_quality TO ${MEMBER_ROLE};
CREATE FUNCTION ala.refresh_views() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = ala, pg_temp AS $f$
BEGIN
  -- One refresh at a time; a member whose push ends while another refresh runs waits for it, then refreshes.
  PERFORM pg_advisory_xact_lock(727160301);
${TEAM_VIEWS.map((v) => `  REFRESH MATERIALIZED VIEW CONCURRENTLY ala.${v};`).join('\n')}
END $f$;
REVOKE ALL ON FUNCTION ala.refresh_views() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ala.refresh_views() TO ${MEMBER_ROLE};`;

/** Ordered; a database at version N gets those above N. */
export const TEAM_MIGRATIONS: readonly TeamMigration[] = [
  { version: 1, what: 'members, push cursor and the daily rollup tables, with row-level security', sql: V1 },
  { version: 2, what: 'daily_tasks: model x task type rollup', sql: V2 },
  { version: 3, what: 'team views and their refresh function', sql: V3 },
];

export const TEAM_SCHEMA_VERSION = TEAM_MIGRATIONS.at(-1)!.version;

/** Created before any migration, outside the versioned list (it is where versions are recorded). */
export const MIGRATIONS_TABLE_SQL = `CREATE SCHEMA IF NOT EXISTS ala;
CREATE TABLE IF NOT EXISTS ala.schema_migrations (version integer PRIMARY KEY, what text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now())`;
