/**
 * The store queries behind the dashboard's time and cost sections (issue 13): coding time from the captured
 * sessions and the edit-level rows, cost per day from the token rollup (or from the request history when a
 * project is picked), cost per project, and Claude Code's requests for its five-hour usage windows.
 * Merged into `QueryArgs`/`QueryResult` in `./queries`; every argument is bound, never spliced into SQL.
 */
import type { Database, SqlValue } from 'sql.js';
import { all } from './db';
import { dayStartTs } from '../model/day';

/** What the page's filter bar narrows the cards to; absent fields mean "all". */
export interface UsageFilter {
  /** A `SourceTool` id, e.g. 'claude-code'. */
  tool?: string;
  model?: string;
  /**
   * The workspace hashes of one project: capture hashes the folder's URI, the importers the folder's path
   * (`shortHash` of each), so one project can have two.
   */
  project?: string[];
}

/** Milliseconds between two activity rows of a session that still count as active (the session tracker's rule). */
export const ACTIVE_GAP_MS = 60_000;
/** Active time this long after an AI insertion or an AI request (any tool) counts as AI-assisted. */
export const AI_ASSIST_WINDOW_MS = 5 * 60_000;

export interface TimeCostArgs {
  /** Sessions that ended in `[fromTs, toTs)` and the active time of the edit-level rows in it. */
  codingTime: { fromTs: number; toTs: number; project?: string[] };
  /** Requests, tokens and cost per day, model and tool. */
  costByDay: { fromDay: number; toDay: number; filter?: UsageFilter };
  /** Requests and cost per project (workspace) and tool, from the request history. */
  costByProject: { fromDay: number; toDay: number; filter?: UsageFilter };
  /** Each priced or unpriced request of a tool since `sinceTs` (oldest first): the five-hour windows' input. */
  requestsSince: { sinceTs: number; tool?: string; filter?: UsageFilter };
  /** Requests and cost per conversation (the tool's own session id), newest first, at most `limit` (default 20). */
  costBySession: { fromDay: number; toDay: number; filter?: UsageFilter; limit?: number };
  /** The tools, models and projects that have requests or sessions in the range: the filter bar's choices. */
  filterOptions: { fromDay: number; toDay: number; fromTs: number; toTs: number };
  /** Issue 10's figures per tool: reasoning tokens, sub-agent tool calls, requests dated from the file, tool calls accepted vs succeeded. */
  agentFigures: { fromDay: number; toDay: number; filter?: UsageFilter };
}

export interface TimeCostResult {
  codingTime: {
    /** One row per ended session: the totals per day and per project. */
    sessions: { id: string; endTs: number; activeMs: number; project: string | null }[];
    /**
     * Active time replayed from the edit-level rows (kept `retentionDays`): gaps under `ACTIVE_GAP_MS` between a
     * session's rows, given to the language and branch last seen in that session, split by AI assistance.
     */
    spans: { day: number; project: string | null; language: string | null; branch: string | null; assisted: number; ms: number }[];
    /** The oldest edit-level row kept (null when none): before it, time is not split by language or branch. */
    rawSinceTs: number | null;
  };
  costByDay: { day: number; model: string; tool: string; n: number; tokensIn: number; tokensOut: number;
    cacheRead: number; cacheWrite: number; costUsd: number; costKnownN: number }[];
  costByProject: { project: string | null; tool: string; n: number; tokensIn: number; tokensOut: number; costUsd: number; costKnownN: number }[];
  requestsSince: { ts: number; model: string; tokensIn: number; tokensOut: number; cacheRead: number; cacheWrite: number; costUsd: number | null }[];
  costBySession: { session: string; tool: string; project: string | null; firstTs: number; lastTs: number; n: number;
    tokensIn: number; tokensOut: number; costUsd: number | null; costKnownN: number; models: string[] }[];
  filterOptions: { tools: string[]; models: string[]; projects: string[] };
  agentFigures: {
    /** From the request history (kept forever). `reasoningN`: requests that reported reasoning tokens apart. */
    requests: { tool: string; n: number; reasoningTokens: number; reasoningN: number; toolCalls: number; subAgentToolCalls: number; estimated: number }[];
    /** Tool calls whose acceptance the tool logged (Continue), from the edit-level rows (kept `retentionDays`). */
    toolCalls: { tool: string; n: number; accepted: number; rejected: number; ok: number; failed: number; acceptedOk: number }[];
  };
}

/** `AND` clauses and their values for a filter over `ai_interactions` (or a rollup with the same column names). */
function filterSql(f: UsageFilter | undefined, cols: { tool: string; model: string; project?: string }): { sql: string; params: SqlValue[] } {
  const clauses: [string, string[]][] = [];
  if (f?.tool) clauses.push([`${cols.tool} = ?`, [f.tool]]);
  if (f?.model) clauses.push([`coalesce(${cols.model}, '') = ?`, [f.model]]);
  if (f?.project?.length && cols.project) clauses.push([`${cols.project} IN (${f.project.map(() => '?').join(', ')})`, f.project]);
  return { sql: clauses.map(([sql]) => ` AND ${sql}`).join(''), params: clauses.flatMap(([, v]) => v) };
}

// The activity rows of captured sessions, with the language and branch carried forward inside each session
// (a terminal command or task has neither; diagnostics deltas and imported tool calls are no activity of the user's: it belongs to the file and branch last worked on). AI requests of any tool,
// imported ones included, are markers only (no session of ours): they make the next minutes AI-assisted.
// Everything is bounded below by the oldest edit-level row kept (?6): commits and requests are kept forever,
// but without edit-level rows beside them they make no time, and scanning a year of them would be wasted.
const SPANS_SQL = `WITH a AS (
  SELECT ts, day, session, language AS lang, NULL AS branch, 0 AS ai FROM text_changes WHERE ts >= ?6 AND ts < ?2
  UNION ALL SELECT ts, day, session, language, NULL, CASE WHEN origin = 'pattern' THEN 0 ELSE 1 END FROM ai_insertions WHERE ts >= ?6 AND ts < ?2
  UNION ALL SELECT ts, day, session, language, branch, 0 FROM context_events WHERE ts >= ?6 AND ts < ?2 AND what NOT IN ('blur', 'idle')
  UNION ALL SELECT ts, day, session, NULL, NULL, 0 FROM tool_usage WHERE ts >= ?6 AND ts < ?2 AND source IN ('terminal', 'task')
  UNION ALL SELECT ts, day, session, NULL, branch, 0 FROM commits WHERE ts >= ?6 AND ts < ?2
  UNION ALL SELECT ts, day, NULL, NULL, NULL, 1 FROM ai_interactions WHERE ts >= ?6 - ?3 AND ts < ?2
), b AS (
  SELECT a.*, count(lang) OVER w AS lg, count(branch) OVER w AS bg,
    max(CASE WHEN ai = 1 THEN ts END) OVER (ORDER BY ts ROWS UNBOUNDED PRECEDING) AS last_ai
  FROM a WINDOW w AS (PARTITION BY session ORDER BY ts ROWS UNBOUNDED PRECEDING)
), c AS (
  SELECT ts, day, session, last_ai,
    first_value(lang) OVER (PARTITION BY session, lg ORDER BY ts ROWS UNBOUNDED PRECEDING) AS lang,
    first_value(branch) OVER (PARTITION BY session, bg ORDER BY ts ROWS UNBOUNDED PRECEDING) AS branch,
    lead(ts) OVER (PARTITION BY session ORDER BY ts ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING) - ts AS gap
  FROM b WHERE session IS NOT NULL
)
SELECT c.day AS day, s.workspace_hash AS project, c.lang AS language, c.branch AS branch,
  CASE WHEN c.last_ai IS NOT NULL AND c.ts - c.last_ai <= ?3 THEN 1 ELSE 0 END AS assisted, sum(c.gap) AS ms
FROM c JOIN sessions s ON s.id = c.session
WHERE c.gap > 0 AND c.gap < ?4 AND (?5 IS NULL OR s.workspace_hash IN (SELECT value FROM json_each(?5)))
GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`;

/**
 * `?1`..`?9` spelled as plain `?` with the values repeated in order: readable SQL that binds the same in sql.js
 * and in better-sqlite3 (which the benchmark runs beside it, and which takes no numbered parameters).
 */
function numbered(sql: string, values: SqlValue[]): [string, SqlValue[]] {
  const params: SqlValue[] = [];
  return [sql.replace(/\?(\d)/g, (_, n: string) => (params.push(values[Number(n) - 1]), '?')), params];
}

/** A day range as `[first ms, first ms after]`: the history table is indexed by `ts`, not by `day`. */
const tsRange = (a: { fromDay: number; toDay: number }): [number, number] => [dayStartTs(a.fromDay), dayStartTs(a.toDay + 1)];

/** A project's hashes as a JSON array for `json_each`, or null for every project. */
const projects = (p: string[] | undefined): string | null => (p?.length ? JSON.stringify(p) : null);

type Impl = { [Q in keyof TimeCostArgs]: (db: Database, a: TimeCostArgs[Q]) => TimeCostResult[Q] };

export const TIME_COST_QUERIES: Impl = {
  codingTime: (db, a) => {
    // The oldest edit-level row (each raw table is indexed by ts, so min() is one index probe each).
    const oldest = all<{ t: number | null }>(db, `SELECT min(t) AS t FROM (SELECT min(ts) AS t FROM text_changes
      UNION ALL SELECT min(ts) FROM ai_insertions UNION ALL SELECT min(ts) FROM context_events UNION ALL SELECT min(ts) FROM tool_usage)`)[0]?.t ?? null;
    return {
      sessions: all(db, ...numbered(`SELECT id, end_ts AS endTs, coalesce(active_ms, 0) AS activeMs, workspace_hash AS project
        FROM sessions WHERE end_ts >= ?1 AND end_ts < ?2 AND (?3 IS NULL OR workspace_hash IN (SELECT value FROM json_each(?3)))
        ORDER BY end_ts`, [a.fromTs, a.toTs, projects(a.project)])),
      spans: oldest === null ? [] : all(db, ...numbered(SPANS_SQL,
        [a.fromTs, a.toTs, AI_ASSIST_WINDOW_MS, ACTIVE_GAP_MS, projects(a.project), Math.max(a.fromTs, oldest)])),
      rawSinceTs: oldest,
    };
  },
  costByDay: (db, a) => {
    // The rollup has no project: with a project picked, the request history (kept forever) answers instead.
    if (a.filter?.project) {
      const f = filterSql(a.filter, { tool: 'source_tool', model: 'model', project: 'workspace_hash' });
      return all(db, `SELECT day, coalesce(model, '') AS model, source_tool AS tool, count(*) AS n,
        coalesce(sum(tokens_in), 0) AS tokensIn, coalesce(sum(tokens_out), 0) AS tokensOut,
        coalesce(sum(cache_read_tokens), 0) AS cacheRead, coalesce(sum(cache_write_tokens), 0) AS cacheWrite,
        coalesce(sum(cost_usd), 0) AS costUsd, count(cost_usd) AS costKnownN FROM ai_interactions
        WHERE ts >= ? AND ts < ?${f.sql} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`, [...tsRange(a), ...f.params]);
    }
    const f = filterSql(a.filter, { tool: 'source_tool', model: 'model' });
    return all(db, `SELECT day, model, source_tool AS tool, n, tokens_in AS tokensIn, tokens_out AS tokensOut,
      cache_read AS cacheRead, cache_write AS cacheWrite, cost_usd AS costUsd, cost_n AS costKnownN FROM daily_tokens
      WHERE day BETWEEN ? AND ?${f.sql} ORDER BY 1, 2, 3`, [a.fromDay, a.toDay, ...f.params]);
  },
  costByProject: (db, a) => {
    const f = filterSql(a.filter, { tool: 'source_tool', model: 'model', project: 'workspace_hash' });
    return all(db, `SELECT workspace_hash AS project, source_tool AS tool, count(*) AS n,
      coalesce(sum(tokens_in), 0) AS tokensIn, coalesce(sum(tokens_out), 0) AS tokensOut,
      coalesce(sum(cost_usd), 0) AS costUsd, count(cost_usd) AS costKnownN FROM ai_interactions
      WHERE ts >= ? AND ts < ?${f.sql} GROUP BY 1, 2 ORDER BY costUsd DESC, n DESC`, [...tsRange(a), ...f.params]);
  },
  requestsSince: (db, a) => {
    const f = filterSql({ ...a.filter, ...(a.tool ? { tool: a.tool } : {}) }, { tool: 'source_tool', model: 'model', project: 'workspace_hash' });
    return all(db, `SELECT ts, coalesce(model, '') AS model, coalesce(tokens_in, 0) AS tokensIn,
      coalesce(tokens_out, 0) AS tokensOut, coalesce(cache_read_tokens, 0) AS cacheRead,
      coalesce(cache_write_tokens, 0) AS cacheWrite, cost_usd AS costUsd FROM ai_interactions
      WHERE ts >= ?${f.sql} ORDER BY ts`, [a.sinceTs, ...f.params]);
  },
  costBySession: (db, a) => {
    const f = filterSql(a.filter, { tool: 'source_tool', model: 'model', project: 'workspace_hash' });
    return all<Omit<TimeCostResult['costBySession'][number], 'models'> & { models: string | null }>(db, `SELECT
      coalesce(conversation, session, '') AS session, source_tool AS tool, max(workspace_hash) AS project, min(ts) AS firstTs,
      max(ts) AS lastTs, count(*) AS n, coalesce(sum(tokens_in), 0) AS tokensIn, coalesce(sum(tokens_out), 0) AS tokensOut,
      sum(cost_usd) AS costUsd, count(cost_usd) AS costKnownN, group_concat(DISTINCT model) AS models
      FROM ai_interactions WHERE ts >= ? AND ts < ?${f.sql} GROUP BY 1, 2 ORDER BY lastTs DESC LIMIT ?`,
    [...tsRange(a), ...f.params, a.limit ?? 20])
      .map((r) => ({ ...r, costUsd: r.costKnownN > 0 ? r.costUsd : null, models: r.models ? r.models.split(',').sort() : [] }));
  },
  filterOptions: (db, a) => {
    const list = (sql: string, params: SqlValue[]) => all<{ v: string }>(db, sql, params).map((r) => r.v);
    return {
      tools: list('SELECT DISTINCT source_tool AS v FROM daily_tokens WHERE day BETWEEN ? AND ? ORDER BY 1', [a.fromDay, a.toDay]),
      models: list("SELECT DISTINCT model AS v FROM daily_tokens WHERE day BETWEEN ? AND ? AND model <> '' ORDER BY 1", [a.fromDay, a.toDay]),
      projects: list(`SELECT workspace_hash AS v FROM sessions WHERE end_ts >= ? AND end_ts < ? AND workspace_hash IS NOT NULL
        UNION SELECT workspace_hash FROM ai_interactions WHERE ts >= ? AND ts < ? AND workspace_hash IS NOT NULL ORDER BY 1`,
      [a.fromTs, a.toTs, ...tsRange(a)]),
    };
  },
  agentFigures: (db, a) => {
    const f = filterSql(a.filter, { tool: 'source_tool', model: 'model', project: 'workspace_hash' });
    const t = filterSql({ tool: a.filter?.tool }, { tool: 'source_tool', model: 'model' });
    return {
      requests: all(db, `SELECT source_tool AS tool, count(*) AS n, coalesce(sum(reasoning_tokens), 0) AS reasoningTokens,
        count(reasoning_tokens) AS reasoningN, coalesce(sum(tool_calls), 0) AS toolCalls,
        coalesce(sum(subagent_tool_calls), 0) AS subAgentToolCalls, coalesce(sum(ts_estimated = 1), 0) AS estimated
        FROM ai_interactions WHERE ts >= ? AND ts < ?${f.sql} GROUP BY 1 ORDER BY n DESC, 1`, [...tsRange(a), ...f.params]),
      toolCalls: all(db, `SELECT coalesce(source_tool, source) AS tool, count(*) AS n, coalesce(sum(accepted = 1), 0) AS accepted,
        coalesce(sum(accepted = 0), 0) AS rejected, coalesce(sum(success = 1), 0) AS ok, coalesce(sum(success = 0), 0) AS failed,
        coalesce(sum(accepted = 1 AND success = 1), 0) AS acceptedOk FROM tool_usage
        WHERE ts >= ? AND ts < ? AND accepted IS NOT NULL${t.sql} GROUP BY 1 ORDER BY n DESC, 1`, [...tsRange(a), ...t.params]),
    };
  },
};
