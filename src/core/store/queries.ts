/**
 * The store's typed query API: `QueryArgs[name]` in, `QueryResult[name]` out. Dashboard queries read the
 * daily rollups (kept forever), never raw rows; `todaySummary` reads today's raw rows (indexed by `ts`).
 * Days are local-day numbers (`localDay` in `src/core/model/day.ts`), ranges inclusive.
 */
import type { Database, SqlValue } from 'sql.js';
import { localDay } from '../model/day';
import type { RequestsAround } from '../dashboard/range';
import { all, scalar } from './db';
import { performanceInRange } from './performance-range';
import type { LocalRow } from '../team/tables';
import { groupRows } from '../team/plan';
import type { DayGroup } from '../team/plan';
import { teamTable } from '../team/tables';
import type { TimeCostArgs, TimeCostResult } from './time-cost-queries';
import { TIME_COST_QUERIES } from './time-cost-queries';
import { cachedRoutingState } from './routing-state';
import type { RoutingState } from '../route/state';

export interface DayRange {
  fromDay: number;
  toDay: number;
}

/** The time and cost queries (`./time-cost-queries`) are part of the same API. */
export interface QueryArgs extends TimeCostArgs {
  dailyCounts: DayRange;
  /** From the day of `sinceTs` on, up to `toDay` (inclusive) when given. */
  textChangesByLanguage: { sinceTs: number; toDay?: number };
  insertionSurvival: DayRange;
  toolSuccess: DayRange;
  feedbackTrend: DayRange;
  todaySummary: { dayStartTs: number };
  tokensByModel: DayRange;
  importCursors: { source?: string };
  patterns: { includeStale?: boolean };
  interactionsByIntent: DayRange;
  /** Without a range: the stored all-time EMA; with one: folded from that range's interactions. */
  modelPerformance: { minN?: number; fromDay?: number; toDay?: number };
  requestsAround: DayRange;
  usageBySession: DayRange & { limit?: number };
  eventCount: Record<string, never>;
  storeHealth: Record<string, never>;
  /** One team table's rows as a team push sends them, cleaned, grouped by day and digested (`src/core/team/plan.ts`), from `fromDay` on: done here, in the worker. */
  teamGroups: { table: string; fromDay?: number };
  commitShares: DayRange & { limit?: number };
  /** Everything routing needs (`src/core/store/routing-state.ts`), as of `now` (ms). */
  routingState: { now: number };
}

export interface QueryResult extends TimeCostResult {
  /** Events per day and kind. */
  dailyCounts: { day: number; kind: string; n: number }[];
  /** Text changes by classifier label and language, from the day of `sinceTs` on (day granularity). */
  textChangesByLanguage: { label: string; language: string; n: number; charsAdded: number; charsRemoved: number }[];
  /** Insertions by language and origin, and their survival per checkpoint (insertions of the range's days). */
  insertionSurvival: {
    insertions: { language: string; origin: string; n: number; chars: number; lines: number }[];
    survival: { language: string; origin: string; checkpoint: string; n: number; charsKept: number; charsTotal: number }[];
  };
  toolSuccess: { tool: string; source: string; n: number; ok: number; failed: number; avgDurationMs: number | null }[];
  feedbackTrend: { day: number; n: number; avgRating: number }[];
  /**
   * Today's new code and AI's part of it. `aiKeptChars` sums each of today's AI insertions' latest survival
   * checkpoint; `aiMeasuredChars` is the size of the insertions that have one (so kept/measured is a rate).
   * The user's own pattern insertions are not AI: they have their own figures (`pattern*`), with the same
   * meaning, and are left out of `ai*` and `insertions`.
   */
  todaySummary: {
    newChars: number; aiChars: number; aiKeptChars: number; aiMeasuredChars: number; insertions: number;
    patternChars: number; patternKeptChars: number; patternMeasuredChars: number; patternInsertions: number;
    /** Active coding time of the sessions that ended today (a session is counted on the day it ended), ms. */
    activeMs: number;
  };
  /** `costUsd` is null when no interaction of the group had a known price; `costKnownN` says how many had. */
  tokensByModel: {
    model: string; sourceTool: string; n: number; tokensIn: number; tokensOut: number; cacheRead: number;
    cacheWrite: number; costUsd: number | null; costKnownN: number;
  }[];
  importCursors: {
    source: string; fileKey: string; ts: number; size: number; mtimeMs: number; offset: number; lastRecordId: string | null;
  }[];
  patterns: {
    id: string; name: string | null; description: string | null; language: string | null; framework: string | null;
    tags: string[]; complexity: number | null; lines: number | null; code: string | null; fingerprint: string | null;
    sourcePath: string | null; sourceCommit: string | null; firstSeenTs: number | null; createdTs: number | null;
    updatedTs: number | null; stale: boolean; usageCount: number; successCount: number; discardedCount?: number; avgRating: number | null;
  }[];
  interactionsByIntent: {
    intent: string; sourceTool: string; n: number; ok: number; failed: number; votesUp: number; votesDown: number;
    avgLatencyMs: number | null;
  }[];
  /**
   * Learned performance per task type (intent) and model (`src/core/learn/model-performance.ts`), rows with at
   * least `minN` rated interactions (default 0), by task then quality descending. `latencyMs`/`costUsd` are
   * null until one was observed; `quality` is the 0.7 cold-start default while `n` is 0.
   */
  modelPerformance: {
    taskType: string; model: string; n: number; quality: number; latencyMs: number | null; costUsd: number | null;
    confidence: number;
  }[];
  /**
   * AI requests grouped by the tool's own conversation id (the window session when the tool has none), newest
   * first, at most `limit` (default 50). Reads the raw interaction rows, so only what retention kept.
   */
  usageBySession: {
    session: string; sourceTool: string; firstTs: number; lastTs: number; n: number; tokensIn: number;
    tokensOut: number; cacheRead: number; cacheWrite: number; costUsd: number | null; costKnownN: number; models: string[];
  }[];
  /** Events ingested so far (from the rollups, so retention does not lower it), total and by kind. */
  eventCount: { total: number; byKind: Record<string, number> };
  /**
   * AI requests before, in and after the range (from `daily_counts`, kept forever), and the first and last day
   * anything was recorded (null when nothing was): what "All time" spans and what the empty states say.
   */
  requestsAround: RequestsAround & { firstDay: number | null; lastDay: number | null };
  /** Journal records set aside (failed validation or could not be applied), by every window, ever. */
  storeHealth: { quarantined: number; lastReason: string | null; lastTs: number | null };
  teamGroups: DayGroup[];
  /**
   * Commits another tool scored itself (Cursor's `scored_commits`), scored in the range, newest first (at most
   * `limit`, default 50), beside our own figures for the same commit when we saw it (matched by hash, or by prefix
   * when the tool stored a short one); `our*` are null for a commit we did not see.
   */
  commitShares: {
    hash: string; sourceTool: string; ts: number; toolLinesAdded: number | null; toolAiLines: number | null;
    tabLines: number | null; composerLines: number | null; humanLines: number | null;
    ourLinesAdded: number | null; ourAiLines: number | null; ourTs: number | null;
  }[];
  routingState: RoutingState;
}

export type QueryName = keyof QueryArgs;

type Impl = { [Q in QueryName]: (db: Database, a: QueryArgs[Q]) => QueryResult[Q] };

const range = (a: DayRange): SqlValue[] => [a.fromDay, a.toDay];
const avg = (sum: number, n: number): number | null => (n > 0 ? sum / n : null);

const IMPL: Impl = {
  commitShares: (db, a) =>
    all(db, `SELECT a.hash, a.source_tool AS sourceTool, a.ts, a.lines_added AS toolLinesAdded, a.ai_lines_added AS toolAiLines,
      a.tab_lines_added AS tabLines, a.composer_lines_added AS composerLines, a.human_lines_added AS humanLines,
      c.lines_added AS ourLinesAdded, c.ai_lines AS ourAiLines, c.ts AS ourTs
      FROM commit_attributions a LEFT JOIN commits c
        ON c.hash = a.hash OR (length(a.hash) < 40 AND substr(c.hash, 1, length(a.hash)) = a.hash)
      WHERE a.day BETWEEN ? AND ? ORDER BY a.ts DESC LIMIT ?`, [...range(a), a.limit ?? 50]),
  ...TIME_COST_QUERIES,
  routingState: (db, a) => cachedRoutingState(db, a.now),
  dailyCounts: (db, a) =>
    all(db, 'SELECT day, kind, n FROM daily_counts WHERE day BETWEEN ? AND ? ORDER BY day, kind', range(a)),
  textChangesByLanguage: (db, a) =>
    all(db, `SELECT label, language, sum(n) AS n, sum(chars_added) AS charsAdded, sum(chars_removed) AS charsRemoved
      FROM daily_text WHERE day BETWEEN ? AND ? GROUP BY label, language ORDER BY charsAdded DESC`,
      [localDay(a.sinceTs), a.toDay ?? Number.MAX_SAFE_INTEGER]),
  insertionSurvival: (db, a) => ({
    insertions: all(db, `SELECT language, origin, sum(n) AS n, sum(chars) AS chars, sum(lines) AS lines
      FROM daily_insertions WHERE day BETWEEN ? AND ? GROUP BY language, origin ORDER BY chars DESC`, range(a)),
    survival: all(db, `SELECT language, origin, checkpoint, sum(n) AS n, sum(chars_kept) AS charsKept,
      sum(chars_total) AS charsTotal FROM daily_survival WHERE day BETWEEN ? AND ?
      GROUP BY language, origin, checkpoint ORDER BY language, origin, checkpoint`, range(a)),
  }),
  toolSuccess: (db, a) =>
    all<{ tool: string; source: string; n: number; ok: number; failed: number; dms: number; dn: number }>(db,
      `SELECT tool, source, sum(n) AS n, sum(ok) AS ok, sum(failed) AS failed, sum(duration_ms) AS dms,
      sum(duration_n) AS dn FROM daily_tools WHERE day BETWEEN ? AND ? GROUP BY tool, source ORDER BY n DESC`, range(a))
      .map(({ dms, dn, ...r }) => ({ ...r, avgDurationMs: avg(dms, dn) })),
  feedbackTrend: (db, a) =>
    all(db, `SELECT day, n, CAST(rating_sum AS REAL) / n AS avgRating FROM daily_feedback
      WHERE day BETWEEN ? AND ? AND n > 0 ORDER BY day`, range(a)),
  todaySummary: (db, a) => {
    const since = [a.dayStartTs];
    const newChars = Number(scalar(db, `SELECT coalesce(sum(chars_added), 0) FROM text_changes
      WHERE ts >= ? AND label NOT IN ('undo', 'redo', 'delete')`, since));
    // One row per kind of origin: AI (inline, chat, agent, paste) or the user's own patterns, never mixed.
    const rows = all<{ own: number; n: number; chars: number; kept: number; measured: number }>(db, `SELECT
      (i.origin = 'pattern') AS own, count(*) AS n, coalesce(sum(i.chars), 0) AS chars,
      coalesce(sum(s.chars_kept), 0) AS kept, coalesce(sum(CASE WHEN s.insertion_id IS NULL THEN 0 ELSE i.chars END), 0) AS measured
      FROM ai_insertions i LEFT JOIN survival s ON s.insertion_id = i.id
      AND s.ts = (SELECT max(ts) FROM survival WHERE insertion_id = i.id) WHERE i.ts >= ? GROUP BY own`, since);
    const ai = rows.find((r) => r.own === 0) ?? { n: 0, chars: 0, kept: 0, measured: 0 };
    const own = rows.find((r) => r.own === 1) ?? { n: 0, chars: 0, kept: 0, measured: 0 };
    return {
      newChars, aiChars: ai.chars, aiKeptChars: ai.kept, aiMeasuredChars: ai.measured, insertions: ai.n,
      patternChars: own.chars, patternKeptChars: own.kept, patternMeasuredChars: own.measured, patternInsertions: own.n,
      activeMs: Number(scalar(db, 'SELECT coalesce(sum(active_ms), 0) FROM sessions WHERE end_ts >= ?', since)),
    };
  },
  tokensByModel: (db, a) =>
    all<QueryResult['tokensByModel'][number]>(db, `SELECT model, source_tool AS sourceTool, sum(n) AS n,
      sum(tokens_in) AS tokensIn, sum(tokens_out) AS tokensOut, sum(cache_read) AS cacheRead,
      sum(cache_write) AS cacheWrite, sum(cost_usd) AS costUsd, sum(cost_n) AS costKnownN FROM daily_tokens
      WHERE day BETWEEN ? AND ? GROUP BY model, source_tool ORDER BY n DESC`, range(a))
      .map((r) => ({ ...r, costUsd: r.costKnownN > 0 ? r.costUsd : null })),
  importCursors: (db, a) =>
    all(db, `SELECT source, file_key AS fileKey, ts, size, mtime_ms AS mtimeMs, offset, last_record_id AS lastRecordId
      FROM import_cursors ${a.source ? 'WHERE source = ?' : ''} ORDER BY source, file_key`, a.source ? [a.source] : []),
  patterns: (db, a) =>
    all<Record<string, SqlValue>>(db, `SELECT p.*, coalesce(s.usage_count, 0) AS usage_count,
      coalesce(s.success_count, 0) AS success_count, s.rating_sum, s.rating_n,
      (SELECT count(*) FROM pattern_usage u WHERE u.pattern_id = p.id AND u.action = 'discarded') AS discarded_count FROM patterns p
      LEFT JOIN pattern_stats s ON s.pattern_id = p.id ${a.includeStale ? '' : 'WHERE p.stale = 0'} ORDER BY p.id`)
      .map(patternRow),
  interactionsByIntent: (db, a) =>
    all<QueryResult['interactionsByIntent'][number] & { lms: number; ln: number }>(db, `SELECT intent,
      source_tool AS sourceTool, sum(n) AS n, sum(ok) AS ok, sum(failed) AS failed, sum(votes_up) AS votesUp,
      sum(votes_down) AS votesDown, sum(latency_ms) AS lms, sum(latency_n) AS ln FROM daily_intents
      WHERE day BETWEEN ? AND ? GROUP BY intent, source_tool ORDER BY n DESC`, range(a))
      .map(({ lms, ln, ...r }) => ({ ...r, avgLatencyMs: avg(lms, ln) })),
  modelPerformance: (db, a) => a.fromDay !== undefined && a.toDay !== undefined
    ? performanceInRange(db, { fromDay: a.fromDay, toDay: a.toDay }, a.minN)
    : all(db, `SELECT task_type AS taskType, model, n, ema_quality AS quality, ema_latency_ms AS latencyMs,
      ema_cost_usd AS costUsd, confidence FROM model_performance WHERE n >= ?
      ORDER BY task_type, ema_quality DESC, model`, [a.minN ?? 0]),
  usageBySession: (db, a) =>
    all<Omit<QueryResult['usageBySession'][number], 'models'> & { models: string | null }>(db, `SELECT
      coalesce(conversation, session, '') AS session, source_tool AS sourceTool, min(ts) AS firstTs, max(ts) AS lastTs,
      count(*) AS n, coalesce(sum(tokens_in), 0) AS tokensIn, coalesce(sum(tokens_out), 0) AS tokensOut,
      coalesce(sum(cache_read_tokens), 0) AS cacheRead, coalesce(sum(cache_write_tokens), 0) AS cacheWrite,
      sum(cost_usd) AS costUsd, count(cost_usd) AS costKnownN, group_concat(DISTINCT model) AS models
      FROM ai_interactions WHERE day BETWEEN ? AND ? GROUP BY 1, 2 ORDER BY lastTs DESC LIMIT ?`,
    [...range(a), a.limit ?? 50])
      .map((r) => ({ ...r, costUsd: r.costKnownN > 0 ? r.costUsd : null, models: r.models ? r.models.split(',').sort() : [] })),
  eventCount: (db) => {
    const rows = all<{ kind: string; n: number }>(db, 'SELECT kind, sum(n) AS n FROM daily_counts GROUP BY kind');
    const byKind = Object.fromEntries(rows.map((r) => [r.kind, r.n]));
    return { total: rows.reduce((s, r) => s + r.n, 0), byKind };
  },
  requestsAround: (db, a) => {
    const c = all<RequestsAround>(db, `SELECT coalesce(sum(CASE WHEN day < ? THEN n END), 0) AS before,
      coalesce(sum(CASE WHEN day BETWEEN ? AND ? THEN n END), 0) AS inRange,
      coalesce(sum(CASE WHEN day > ? THEN n END), 0) AS after FROM daily_counts WHERE kind = 'ai_interaction'`,
    [a.fromDay, a.fromDay, a.toDay, a.toDay])[0];
    const span = all<{ firstDay: number | null; lastDay: number | null }>(db,
      'SELECT min(day) AS firstDay, max(day) AS lastDay FROM daily_counts')[0];
    return { ...c, ...span };
  },
  storeHealth: (db) => {
    const r = all<{ n: number; lastTs: number | null }>(db, 'SELECT count(*) AS n, max(ts) AS lastTs FROM quarantine')[0];
    const last = r.lastTs === null ? null : scalar(db, 'SELECT reason FROM quarantine WHERE ts = ? LIMIT 1', [r.lastTs]);
    return { quarantined: r.n, lastReason: typeof last === 'string' ? last : null, lastTs: r.lastTs };
  },
  teamGroups: (db, a) => {
    const t = teamTable(a.table);
    return groupRows(t, all<LocalRow>(db, t.localSql, [a.fromDay ?? 0]));
  },
};

function patternRow(r: Record<string, SqlValue>): QueryResult['patterns'][number] {
  const n = (k: string): number | null => (typeof r[k] === 'number' ? r[k] : null);
  const s = (k: string): string | null => (typeof r[k] === 'string' ? r[k] : null);
  let tags: string[];
  try {
    tags = r.tags ? (JSON.parse(String(r.tags)) as string[]) : [];
  } catch {
    tags = [];
  }
  const ratingN = n('rating_n') ?? 0;
  return {
    id: String(r.id), name: s('name'), description: s('description'), language: s('language'),
    framework: s('framework'), tags, complexity: n('complexity'), lines: n('lines'), code: s('code'),
    fingerprint: s('fingerprint'), sourcePath: s('source_path'), sourceCommit: s('source_commit'),
    firstSeenTs: n('first_seen_ts'), createdTs: n('created_ts'), updatedTs: n('updated_ts'), stale: r.stale === 1,
    usageCount: n('usage_count') ?? 0, successCount: n('success_count') ?? 0, discardedCount: n('discarded_count') ?? 0,
    avgRating: ratingN > 0 ? (n('rating_sum') ?? 0) / ratingN : null,
  };
}

/** Runs query `name` against `db`. */
export function runQuery<Q extends QueryName>(db: Database, name: Q, args: QueryArgs[Q]): QueryResult[Q] {
  const impl = IMPL[name] as ((db: Database, a: QueryArgs[Q]) => QueryResult[Q]) | undefined;
  if (!impl) throw new Error(`unknown query ${String(name)}`);
  return impl(db, args);
}

export const QUERY_NAMES = Object.keys(IMPL) as QueryName[];
