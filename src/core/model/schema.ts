/**
 * The store's tables, declared once in TypeScript: the DDL, the migrations, retention and export all derive
 * from this list. Timestamps are integer milliseconds and `day` is a local-day number (`localDay` in
 * `./day`), both computed in JS; SQL never calls `strftime('now')`.
 *
 * Kinds of table:
 * - `raw`: one edit-level event per row, deleted after `retentionDays` (by `ts`);
 * - `history`: one AI request per row (imported or captured), metadata kept forever (prompt text only when the
 *   user opted in), since the tools' own logs are often deleted; only the size cap removes them, after raw rows;
 * - `entity`: small, kept forever (sessions, patterns, cursors, feedback, commits, ...);
 * - `rollup`: daily aggregates maintained in the ingest transaction, kept forever; the dashboard reads these.
 */

/** The schema version this code writes. A database with a higher `user_version` is opened read-only. */
export const SCHEMA_VERSION = 5;

export type TableRole = 'raw' | 'history' | 'entity' | 'rollup' | 'internal';

export interface TableDef {
  name: string;
  role: TableRole;
  /** `name TYPE [constraints]` column definitions. */
  columns: string[];
  /** Table constraint (e.g. a composite primary key), if any. */
  constraint?: string;
  withoutRowid?: boolean;
  /** `CREATE INDEX` column lists: `name -> "(a, b)"`. */
  indexes?: Record<string, string>;
  /** The schema version that added the table (default 1). */
  since?: number;
}

const ts = 'ts INTEGER NOT NULL';
const day = 'day INTEGER NOT NULL';

/**
 * Columns schema version 3 added to `ai_interactions` (issue 10: reasoning tokens, sub-agent tool calls and
 * estimated timestamps kept as their own figures). The DDL of versions 1 and 2 leaves them out; migration 3 adds them.
 */
const V3_INTERACTION_COLUMNS = ['reasoning_tokens INTEGER', 'subagent_tool_calls INTEGER', 'ts_estimated INTEGER'];
/** Column schema version 3 added to `tool_usage`: whether the user accepted the call (Continue). */
const V3_TOOL_COLUMNS = ['accepted INTEGER'];

/** Every table of the current schema version. */
export const TABLES: readonly TableDef[] = [
  { name: 'ingest_state', role: 'internal', columns: ['writer TEXT PRIMARY KEY', 'seq INTEGER NOT NULL', 'updated_ts INTEGER NOT NULL'] },
  { name: 'dedup_ids', role: 'internal', columns: ['key TEXT PRIMARY KEY'], withoutRowid: true },
  {
    // Journal records set aside: failed validation or could not be applied. Counted once (the high-water mark
    // covers them), shown on the dashboard's health line, exported like any table.
    name: 'quarantine', role: 'internal', since: 2,
    columns: ['writer TEXT NOT NULL', 'seq INTEGER NOT NULL', 'ts INTEGER NOT NULL', 'kind TEXT', 'reason TEXT NOT NULL',
      'record TEXT'],
    constraint: 'PRIMARY KEY (writer, seq)',
  },
  {
    name: 'sessions', role: 'entity',
    columns: ['id TEXT PRIMARY KEY', 'start_ts INTEGER', 'end_ts INTEGER', 'active_ms INTEGER', 'workspace_hash TEXT'],
  },
  {
    name: 'text_changes', role: 'raw',
    columns: ['id INTEGER PRIMARY KEY', ts, day, 'session TEXT', 'file_hash TEXT', 'language TEXT', 'label TEXT',
      'precision TEXT', 'chars_added INTEGER', 'chars_removed INTEGER', 'lines_added INTEGER', 'count INTEGER'],
    indexes: { ts: '(ts)' },
  },
  {
    name: 'ai_insertions', role: 'raw',
    columns: ['id TEXT PRIMARY KEY', ts, day, 'session TEXT', 'origin TEXT', 'tool TEXT', 'file_hash TEXT',
      'language TEXT', 'chars INTEGER', 'lines INTEGER', 'precision TEXT', 'confidence REAL', 'text_hash TEXT',
      'text TEXT', 'pattern_id TEXT'],
    indexes: { ts: '(ts)' },
  },
  {
    name: 'survival', role: 'raw',
    columns: ['insertion_id TEXT NOT NULL', 'checkpoint TEXT NOT NULL', ts, 'ins_day INTEGER', 'language TEXT',
      'origin TEXT', 'chars_kept INTEGER', 'chars_total INTEGER', 'lost INTEGER'],
    constraint: 'PRIMARY KEY (insertion_id, checkpoint)', withoutRowid: true,
    indexes: { ts: '(ts)' },
  },
  {
    name: 'commits', role: 'entity',
    columns: ['hash TEXT PRIMARY KEY', ts, day, 'session TEXT', 'repo_hash TEXT', 'branch TEXT', 'files_changed INTEGER',
      'lines_added INTEGER', 'lines_removed INTEGER', 'ai_lines INTEGER'],
  },
  {
    // Version 4 (issue 14): another tool's own AI share of a commit (Cursor's scored_commits), beside `commits`.
    name: 'commit_attributions', role: 'entity', since: 4,
    columns: ['source_tool TEXT NOT NULL', 'hash TEXT NOT NULL', ts, day, 'lines_added INTEGER', 'lines_deleted INTEGER',
      'ai_lines_added INTEGER', 'tab_lines_added INTEGER', 'composer_lines_added INTEGER', 'human_lines_added INTEGER',
      'blank_lines_added INTEGER'],
    constraint: 'PRIMARY KEY (source_tool, hash)',
    indexes: { hash: '(hash)' },
  },
  {
    name: 'tool_usage', role: 'raw',
    columns: ['id INTEGER PRIMARY KEY', ts, day, 'session TEXT', 'tool TEXT', 'source TEXT', 'source_tool TEXT',
      'success INTEGER', 'exit_code INTEGER', 'duration_ms INTEGER', 'is_test INTEGER', 'after_ai INTEGER',
      'command TEXT', 'error_delta INTEGER', 'external_id TEXT UNIQUE', ...V3_TOOL_COLUMNS],
    indexes: { ts: '(ts)' },
  },
  {
    name: 'ai_interactions', role: 'history',
    columns: ['id TEXT PRIMARY KEY', ts, day, 'session TEXT', 'source_tool TEXT', 'interaction TEXT', 'intent TEXT',
      'model TEXT', 'prompt_chars INTEGER', 'response_chars INTEGER', 'first_token_ms INTEGER', 'latency_ms INTEGER',
      'tokens_in INTEGER', 'tokens_out INTEGER', 'cache_write_tokens INTEGER', 'cache_read_tokens INTEGER',
      'cost_usd REAL', 'success INTEGER', 'vote INTEGER', 'vote_reason TEXT', 'cancelled INTEGER', 'tool_calls INTEGER',
      'tool_errors INTEGER', 'files_edited INTEGER', 'lines_edited INTEGER', 'conversation TEXT',
      'workspace_hash TEXT', 'prompt TEXT', ...V3_INTERACTION_COLUMNS],
    indexes: { ts: '(ts)' },
  },
  {
    name: 'user_feedback', role: 'entity',
    columns: ['id TEXT PRIMARY KEY', ts, day, 'session TEXT', 'rating INTEGER', 'text TEXT', 'tags TEXT',
      'source_tool TEXT', 'interaction_id TEXT'],
  },
  {
    name: 'context_events', role: 'raw',
    columns: ['id INTEGER PRIMARY KEY', ts, day, 'session TEXT', 'what TEXT', 'language TEXT', 'open_editors INTEGER',
      'branch TEXT', 'dirty_files INTEGER'],
    indexes: { ts: '(ts)' },
  },
  { name: 'learning_events', role: 'raw', columns: ['id TEXT PRIMARY KEY', ts, day, 'what TEXT', 'data TEXT'], indexes: { ts: '(ts)' } },
  {
    name: 'model_performance', role: 'entity',
    columns: ['task_type TEXT NOT NULL', 'model TEXT NOT NULL', 'n INTEGER', 'ema_quality REAL', 'ema_latency_ms REAL',
      'ema_cost_usd REAL', 'confidence REAL', 'updated_ts INTEGER'],
    constraint: 'PRIMARY KEY (task_type, model)',
  },
  {
    name: 'insights', role: 'entity',
    columns: ['id TEXT PRIMARY KEY', ts, 'kind TEXT', 'severity TEXT', 'title TEXT', 'evidence TEXT', 'state TEXT'],
  },
  {
    name: 'patterns', role: 'entity',
    columns: ['id TEXT PRIMARY KEY', 'name TEXT', 'description TEXT', 'language TEXT', 'framework TEXT', 'tags TEXT',
      'complexity INTEGER', 'lines INTEGER', 'code TEXT', 'fingerprint TEXT', 'source_file_hash TEXT',
      'source_path TEXT', 'source_commit TEXT', 'first_seen_ts INTEGER', 'created_ts INTEGER', 'updated_ts INTEGER',
      'stale INTEGER NOT NULL DEFAULT 0'],
  },
  {
    name: 'pattern_usage', role: 'entity',
    columns: ['id TEXT PRIMARY KEY', ts, day, 'pattern_id TEXT', 'action TEXT', 'rating INTEGER', 'insertion_id TEXT'],
    indexes: { pattern: '(pattern_id)' },
  },
  {
    name: 'pattern_stats', role: 'rollup',
    columns: ['pattern_id TEXT PRIMARY KEY', 'usage_count INTEGER NOT NULL', 'success_count INTEGER NOT NULL',
      'rating_sum REAL NOT NULL', 'rating_n INTEGER NOT NULL'],
  },
  {
    name: 'import_cursors', role: 'entity',
    columns: ['source TEXT NOT NULL', 'file_key TEXT NOT NULL', ts, 'size INTEGER', 'mtime_ms INTEGER',
      'offset INTEGER', 'last_record_id TEXT'],
    constraint: 'PRIMARY KEY (source, file_key)',
  },
  // Version 5 (issue 15): the learning loop's state, applied from `learning` events (`src/core/store/apply-learning.ts`,
  // the event shapes in `src/core/route/learning-events.ts`). Entities: kept forever, exported, never aged out.
  {
    name: 'route_decisions', role: 'entity', since: 5,
    columns: ['request_id TEXT PRIMARY KEY', ts, day, 'task_type TEXT', 'complexity TEXT', 'language TEXT', 'chosen TEXT',
      'basis TEXT', 'score REAL', 'confidence REAL', 'explored INTEGER', 'preferred TEXT', 'candidates INTEGER'],
    indexes: { ts: '(ts)' },
  },
  {
    name: 'route_fallbacks', role: 'entity', since: 5,
    columns: ['request_id TEXT NOT NULL', 'attempt INTEGER NOT NULL', ts, day, 'from_model TEXT', 'failure TEXT',
      'to_model TEXT', 'succeeded INTEGER'],
    constraint: 'PRIMARY KEY (request_id, attempt)',
  },
  {
    // The measured 0-10 quality of one of our answers; re-sent as signals arrive, the latest `ts` wins.
    name: 'route_outcomes', role: 'entity', since: 5,
    columns: ['request_id TEXT PRIMARY KEY', ts, 'task_type TEXT', 'model TEXT', 'quality REAL', 'cost_usd REAL', 'signals TEXT'],
  },
  {
    name: 'token_estimates', role: 'entity', since: 5,
    columns: ['request_id TEXT PRIMARY KEY', ts, 'task_type TEXT', 'complexity TEXT', 'model TEXT', 'predicted_input INTEGER',
      'predicted_output INTEGER', 'actual_input INTEGER', 'actual_output INTEGER', 'cost_usd REAL'],
    indexes: { complexity: '(complexity, ts)' },
  },
  {
    // Seed 004's learning_adjustments: one row per change of a learned parameter (the latest per parameter applies).
    name: 'learning_adjustments', role: 'entity', since: 5,
    columns: ['id TEXT PRIMARY KEY', ts, 'parameter TEXT NOT NULL', 'parameter_type TEXT', 'direction TEXT', 'complexity TEXT',
      'original_value REAL', 'adjusted_value REAL', 'confidence REAL', 'n INTEGER', 'reason TEXT'],
    indexes: { parameter: '(parameter, ts)' },
  },
  {
    name: 'ab_tests', role: 'entity', since: 5,
    columns: ['id TEXT PRIMARY KEY', ts, 'name TEXT', 'kind TEXT', 'control TEXT', 'treatment TEXT', 'ratio REAL',
      'min_samples INTEGER', 'seed TEXT', 'state TEXT', 'winner TEXT', 'p_value REAL', 'decided_ts INTEGER', 'closed_ts INTEGER'],
  },
  {
    name: 'ab_assignments', role: 'entity', since: 5,
    columns: ['test_id TEXT NOT NULL', 'request_id TEXT NOT NULL', ts, 'arm TEXT NOT NULL'],
    constraint: 'PRIMARY KEY (test_id, request_id)',
  },
  rollup('daily_counts', ['kind TEXT NOT NULL'], ['n']),
  rollup('daily_text', ['label TEXT NOT NULL', 'language TEXT NOT NULL'], ['n', 'chars_added', 'chars_removed']),
  rollup('daily_insertions', ['language TEXT NOT NULL', 'origin TEXT NOT NULL'], ['n', 'chars', 'lines']),
  rollup('daily_survival', ['language TEXT NOT NULL', 'origin TEXT NOT NULL', 'checkpoint TEXT NOT NULL'],
    ['n', 'chars_kept', 'chars_total']),
  rollup('daily_tools', ['tool TEXT NOT NULL', 'source TEXT NOT NULL'], ['n', 'ok', 'failed', 'duration_ms', 'duration_n']),
  rollup('daily_feedback', [], ['n', 'rating_sum']),
  rollup('daily_tokens', ['model TEXT NOT NULL', 'source_tool TEXT NOT NULL'],
    ['n', 'tokens_in', 'tokens_out', 'cache_read', 'cache_write', 'cost_usd', 'cost_n']),
  rollup('daily_intents', ['intent TEXT NOT NULL', 'source_tool TEXT NOT NULL'],
    ['n', 'ok', 'failed', 'votes_up', 'votes_down', 'latency_ms', 'latency_n']),
];

function rollup(name: string, keys: string[], sums: string[]): TableDef {
  const keyNames = ['day', ...keys.map((k) => k.split(' ')[0])];
  return {
    name, role: 'rollup',
    columns: [day, ...keys, ...sums.map((s) => `${s} ${s === 'cost_usd' ? 'REAL' : 'INTEGER'} NOT NULL DEFAULT 0`)],
    constraint: `PRIMARY KEY (${keyNames.join(', ')})`, withoutRowid: true,
  };
}

/** `CREATE TABLE` and `CREATE INDEX` statements for one table. */
export function tableDdl(t: TableDef): string {
  const body = [...t.columns, ...(t.constraint ? [t.constraint] : [])].join(',\n  ');
  const parts = [`CREATE TABLE IF NOT EXISTS ${t.name} (\n  ${body}\n)${t.withoutRowid ? ' WITHOUT ROWID' : ''};`];
  for (const [suffix, cols] of Object.entries(t.indexes ?? {})) {
    parts.push(`CREATE INDEX IF NOT EXISTS ${t.name}_${suffix} ON ${t.name} ${cols};`);
  }
  return parts.join('\n');
}

/** A migration takes the database from `version - 1` to `version`. */
export interface Migration {
  version: number;
  sql: string;
}

const tablesOf = (version: number): string => TABLES.filter((t) => (t.since ?? 1) === version).map(tableDdl).join('\n');

/** Ordered migrations; the store applies those above the database's `user_version`, each in its transaction. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, sql: TABLES.filter((t) => (t.since ?? 1) === 1).map(withoutV3).map(tableDdl).join('\n') },
  { version: 2, sql: tablesOf(2) },
  {
    version: 3,
    sql: [...V3_INTERACTION_COLUMNS.map((c) => `ALTER TABLE ai_interactions ADD COLUMN ${c};`),
      ...V3_TOOL_COLUMNS.map((c) => `ALTER TABLE tool_usage ADD COLUMN ${c};`)].join('\n'),
  },
  { version: 4, sql: tablesOf(4) },
  { version: 5, sql: tablesOf(5) },
];

/** A table as versions 1 and 2 declared it (before the version-3 columns). */
function withoutV3(t: TableDef): TableDef {
  const added = [...V3_INTERACTION_COLUMNS, ...V3_TOOL_COLUMNS];
  return { ...t, columns: t.columns.filter((c) => !added.includes(c)) };
}

/** Tables whose rows age out after `retentionDays` (by `ts`). */
export const RAW_TABLES: readonly string[] = TABLES.filter((t) => t.role === 'raw').map((t) => t.name);

/** The table of interaction history: kept forever, shortened only by the size cap (`retention.ts`). */
export const HISTORY_TABLE = 'ai_interactions';
