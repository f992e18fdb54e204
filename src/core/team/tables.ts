/**
 * What a member pushes to the team's PostgreSQL, declared once: for each team table, the local SQL that
 * reads it from the member's store (sql.js), its key and summed columns, and the sharing level it needs.
 * The server DDL (`migrations.ts`), the push plan (`plan.ts`) and the tests all derive from this list.
 *
 * Levels (setting `aiLearning.team.level`):
 * - `aggregate` (default): daily rollups only. Keys are enum-like labels (language, model, tool name, intent);
 *   no file name, path, prompt, code, command line, session or workspace id is in any column (`privacy.ts`
 *   cleans the free-form labels).
 * - `metadata`: the above plus one row per AI request, as stored locally, minus every text (prompt, vote reason)
 *   and every id that could link requests to a workspace or conversation.
 */

export type TeamLevel = 'aggregate' | 'metadata';

export interface TeamTable {
  /** Table name on the server (schema `ala`). */
  name: string;
  level: TeamLevel;
  /** Key columns after `day` (text, on both sides). For `interactions`: `local_id`. */
  keys: readonly string[];
  /** Numeric columns, summed by the views. `float` ones are `double precision` on the server. */
  values: readonly string[];
  float?: readonly string[];
  /**
   * Local SQL returning `day`, then `keys`, then `values`, in that order (the optional `?` bound to a first
   * day, or the whole history when the caller passes none).
   */
  localSql: string;
}

const rollup = (local: string, keys: string[], values: string[], float: string[] = []): TeamTable => ({
  name: local, level: 'aggregate', keys, values, float,
  localSql: `SELECT day, ${[...keys, ...values].join(', ')} FROM ${local} WHERE day >= ? ORDER BY day`,
});

/** Every table a push may write, in push order. */
export const TEAM_TABLES: readonly TeamTable[] = [
  rollup('daily_tokens', ['model', 'source_tool'], ['n', 'tokens_in', 'tokens_out', 'cache_read', 'cache_write', 'cost_usd', 'cost_n'], ['cost_usd']),
  rollup('daily_intents', ['intent', 'source_tool'], ['n', 'ok', 'failed', 'votes_up', 'votes_down', 'latency_ms', 'latency_n']),
  rollup('daily_tools', ['tool', 'source'], ['n', 'ok', 'failed', 'duration_ms', 'duration_n']),
  rollup('daily_insertions', ['language', 'origin'], ['n', 'chars', 'lines']),
  rollup('daily_survival', ['language', 'origin', 'checkpoint'], ['n', 'chars_kept', 'chars_total']),
  rollup('daily_text', ['label', 'language'], ['n', 'chars_added', 'chars_removed']),
  rollup('daily_feedback', [], ['n', 'rating_sum']),
  {
    // Model performance by task type (seed 004's `task_executions` grouped): the one rollup the local store
    // has no table for, so it is grouped from the request history here.
    name: 'daily_tasks', level: 'aggregate', keys: ['model', 'intent', 'source_tool'],
    values: ['n', 'ok', 'failed', 'latency_ms', 'latency_n', 'tokens_in', 'tokens_out', 'cost_usd', 'cost_n'], float: ['cost_usd'],
    localSql: `SELECT day, coalesce(model, '') AS model, coalesce(intent, '') AS intent, coalesce(source_tool, '') AS source_tool,
      count(*) AS n, coalesce(sum(success = 1), 0) AS ok, coalesce(sum(success = 0), 0) AS failed,
      coalesce(sum(latency_ms), 0) AS latency_ms, count(latency_ms) AS latency_n, coalesce(sum(tokens_in), 0) AS tokens_in,
      coalesce(sum(tokens_out), 0) AS tokens_out, coalesce(sum(cost_usd), 0) AS cost_usd, count(cost_usd) AS cost_n
      FROM ai_interactions WHERE day >= ? GROUP BY 1, 2, 3, 4 ORDER BY 1`,
  },
  {
    name: 'interactions', level: 'metadata', keys: ['local_id', 'source_tool', 'interaction', 'intent', 'model'],
    values: ['ts', 'prompt_chars', 'response_chars', 'first_token_ms', 'latency_ms', 'tokens_in', 'tokens_out',
      'cache_write_tokens', 'cache_read_tokens', 'reasoning_tokens', 'cost_usd', 'success', 'vote', 'cancelled',
      'tool_calls', 'tool_errors', 'files_edited', 'lines_edited'],
    float: ['cost_usd'],
    localSql: `SELECT day, id AS local_id, coalesce(source_tool, '') AS source_tool, coalesce(interaction, '') AS interaction,
      coalesce(intent, '') AS intent, coalesce(model, '') AS model, ts, prompt_chars, response_chars, first_token_ms,
      latency_ms, tokens_in, tokens_out, cache_write_tokens, cache_read_tokens, reasoning_tokens, cost_usd, success, vote,
      cancelled, tool_calls, tool_errors, files_edited, lines_edited FROM ai_interactions WHERE day >= ? ORDER BY day, id`,
  },
];

/** The tables a member at `level` pushes. */
export function tablesFor(level: TeamLevel): readonly TeamTable[] {
  return TEAM_TABLES.filter((t) => level === 'metadata' || t.level === 'aggregate');
}

/** The columns that identify a row within (member, machine, day): `local_id` alone for interactions. */
export function conflictKeys(t: TeamTable): readonly string[] {
  return t.name === 'interactions' ? ['local_id'] : t.keys;
}

export function teamTable(name: string): TeamTable {
  const t = TEAM_TABLES.find((x) => x.name === name);
  if (!t) throw new Error(`unknown team table ${name}`);
  return t;
}

/** A row as the store returns it: `day`, keys (strings), values (numbers or null). */
export type LocalRow = Record<string, string | number | null>;
