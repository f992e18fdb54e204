/**
 * How each event kind lands in its table and rollups. Values are normalised here (numbers, strings, 0/1), so
 * a field of the wrong type becomes NULL instead of failing the statement.
 */
import type { SqlValue } from 'sql.js';
import type {
  AiInsertionEvent, AiInteractionEvent, PatternEvent, PatternUsageEvent, RecordedEvent, SurvivalEvent,
} from '../model/events';
import type { RollupBatch } from './rollups';
import { hasSignal, interactionQuality, updatePerformance } from '../learn/model-performance';
import type { ModelPerformance, PerformanceObservation } from '../learn/model-performance';
import { applyLearning } from './apply-learning';

export interface ApplyContext {
  day: number;
  run(sql: string, params: SqlValue[]): number;
  get(sql: string, params: SqlValue[]): SqlValue[] | undefined;
  /** Records `key` in `dedup_ids`; false when it was already there. */
  firstSeen(key: string): boolean;
  rollups: RollupBatch;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const bool = (v: unknown): number | null => (typeof v === 'boolean' ? (v ? 1 : 0) : null);
const key = (v: unknown, fallback = 'unknown'): string => (typeof v === 'string' && v !== '' ? v : fallback);
const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));
const n0 = (v: unknown): number => num(v) ?? 0;

function placeholders(table: string, cols: string, verb = 'INSERT OR IGNORE'): string {
  const n = cols.split(',').length;
  return `${verb} INTO ${table} (${cols}) VALUES (${Array(n).fill('?').join(', ')})`;
}

export const SQL_BY_KIND = {
  dedup: 'INSERT OR IGNORE INTO dedup_ids (key) VALUES (?)',
  text: placeholders('text_changes', 'ts, day, session, file_hash, language, label, precision, chars_added, chars_removed, lines_added, count', 'INSERT'),
  insertion: placeholders('ai_insertions', 'id, ts, day, session, origin, tool, file_hash, language, chars, lines, precision, confidence, text_hash, text, pattern_id'),
  survivalOld: 'SELECT ins_day, language, origin, chars_kept, chars_total FROM survival WHERE insertion_id = ? AND checkpoint = ?',
  survival: placeholders('survival', 'insertion_id, checkpoint, ts, ins_day, language, origin, chars_kept, chars_total, lost', 'INSERT OR REPLACE'),
  /** The common case: a new (insertion, checkpoint); 0 rows changed means it was there already. */
  survivalNew: placeholders('survival', 'insertion_id, checkpoint, ts, ins_day, language, origin, chars_kept, chars_total, lost', 'INSERT').replace(/\)$/, ') ON CONFLICT(insertion_id, checkpoint) DO NOTHING'),
  insertionLookup: 'SELECT day, language, origin FROM ai_insertions WHERE id = ?',
  patternOfInsertion: "SELECT pattern_id FROM ai_insertions WHERE id = ? AND origin = 'pattern'",
  commit: placeholders('commits', 'hash, ts, day, session, repo_hash, branch, files_changed, lines_added, lines_removed, ai_lines'),
  /** The tool's latest score of a commit replaces an earlier one. */
  attribution: placeholders('commit_attributions', 'source_tool, hash, ts, day, lines_added, lines_deleted, ai_lines_added, tab_lines_added, composer_lines_added, human_lines_added, blank_lines_added', 'INSERT OR REPLACE'),
  tool: placeholders('tool_usage', 'ts, day, session, tool, source, source_tool, success, exit_code, duration_ms, is_test, after_ai, command, error_delta, external_id, accepted'),
  interaction: placeholders('ai_interactions', 'id, ts, day, session, source_tool, interaction, intent, model, prompt_chars, response_chars, first_token_ms, latency_ms, tokens_in, tokens_out, cache_write_tokens, cache_read_tokens, cost_usd, success, vote, vote_reason, cancelled, tool_calls, tool_errors, files_edited, lines_edited, conversation, workspace_hash, prompt, reasoning_tokens, subagent_tool_calls, ts_estimated'),
  feedback: placeholders('user_feedback', 'id, ts, day, session, rating, text, tags, source_tool, interaction_id'),
  context: placeholders('context_events', 'ts, day, session, what, language, open_editors, branch, dirty_files', 'INSERT'),
  sessionStart: 'INSERT INTO sessions (id, start_ts, workspace_hash) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET start_ts = coalesce(start_ts, excluded.start_ts), workspace_hash = coalesce(excluded.workspace_hash, workspace_hash)',
  sessionEnd: 'INSERT INTO sessions (id, end_ts, active_ms, workspace_hash) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET end_ts = excluded.end_ts, active_ms = coalesce(excluded.active_ms, active_ms), workspace_hash = coalesce(workspace_hash, excluded.workspace_hash)',
  patternUpsert: `INSERT INTO patterns (id, name, description, language, framework, tags, complexity, lines, code, fingerprint, source_file_hash, source_path, source_commit, first_seen_ts, created_ts, updated_ts, stale)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT(id) DO UPDATE SET
    name = coalesce(excluded.name, name), description = coalesce(excluded.description, description),
    language = coalesce(excluded.language, language), framework = coalesce(excluded.framework, framework),
    tags = coalesce(excluded.tags, tags), complexity = coalesce(excluded.complexity, complexity),
    lines = coalesce(excluded.lines, lines), code = coalesce(excluded.code, code),
    fingerprint = coalesce(excluded.fingerprint, fingerprint), source_file_hash = coalesce(excluded.source_file_hash, source_file_hash),
    source_path = coalesce(excluded.source_path, source_path), source_commit = coalesce(excluded.source_commit, source_commit),
    first_seen_ts = coalesce(first_seen_ts, excluded.first_seen_ts), updated_ts = excluded.updated_ts, stale = 0`,
  patternStale: 'UPDATE patterns SET stale = 1, updated_ts = ? WHERE id = ?',
  patternDelete: 'DELETE FROM patterns WHERE id = ?',
  usage: placeholders('pattern_usage', 'id, ts, day, pattern_id, action, rating, insertion_id'),
  usageStats: `INSERT INTO pattern_stats (pattern_id, usage_count, success_count, rating_sum, rating_n) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT(pattern_id) DO UPDATE SET usage_count = usage_count + excluded.usage_count,
    success_count = success_count + excluded.success_count, rating_sum = rating_sum + excluded.rating_sum,
    rating_n = rating_n + excluded.rating_n`,
  cursor: `INSERT INTO import_cursors (source, file_key, ts, size, mtime_ms, offset, last_record_id) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(source, file_key) DO UPDATE SET ts = excluded.ts, size = excluded.size, mtime_ms = excluded.mtime_ms,
    offset = excluded.offset, last_record_id = excluded.last_record_id`,
  learning: placeholders('learning_events', 'id, ts, day, what, data'),
  perfGet: `SELECT n, ema_quality, ema_latency_ms, ema_cost_usd, confidence, updated_ts FROM model_performance
    WHERE task_type = ? AND model = ?`,
  perfPut: placeholders('model_performance', 'task_type, model, n, ema_quality, ema_latency_ms, ema_cost_usd, confidence, updated_ts', 'INSERT OR REPLACE'),
} as const;

/** Applies one event; false when it was a duplicate (already stored under its id). */
export function applyEvent(ev: RecordedEvent, c: ApplyContext): boolean {
  const S = SQL_BY_KIND;
  switch (ev.kind) {
    case 'text_change':
      c.run(S.text, [ev.ts, c.day, str(ev.session), str(ev.fileHash), key(ev.language), key(ev.label), str(ev.precision),
        num(ev.charsAdded), num(ev.charsRemoved), num(ev.linesAdded), num(ev.count)]);
      c.rollups.add('daily_text', c.day, [key(ev.label), key(ev.language)], [1, n0(ev.charsAdded), n0(ev.charsRemoved)]);
      return true;
    case 'ai_insertion':
      return insertion(ev, c);
    case 'survival':
      return survival(ev, c);
    case 'commit':
      return c.run(S.commit, [str(ev.hash), ev.ts, c.day, str(ev.session), str(ev.repoHash), str(ev.branch),
        num(ev.filesChanged), num(ev.linesAdded), num(ev.linesRemoved), num(ev.aiLines)]) === 1;
    case 'commit_attribution':
      c.run(S.attribution, [str(ev.sourceTool), str(ev.hash), ev.ts, c.day, num(ev.linesAdded), num(ev.linesDeleted),
        num(ev.aiLinesAdded), num(ev.tabLinesAdded), num(ev.composerLinesAdded), num(ev.humanLinesAdded), num(ev.blankLinesAdded)]);
      return true;
    case 'tool_run': {
      const added = c.run(S.tool, [ev.ts, c.day, str(ev.session), key(ev.tool), key(ev.source), str(ev.sourceTool),
        bool(ev.success), num(ev.exitCode), num(ev.durationMs), bool(ev.isTest), bool(ev.afterAi), str(ev.command),
        num(ev.errorDelta), str(ev.externalId), bool(ev.accepted)]) === 1;
      if (added) {
        const d = num(ev.durationMs);
        c.rollups.add('daily_tools', c.day, [key(ev.tool), key(ev.source)],
          [1, ev.success === true ? 1 : 0, ev.success === false ? 1 : 0, d ?? 0, d === null ? 0 : 1]);
      }
      return added;
    }
    case 'ai_interaction':
      return interaction(ev, c);
    case 'feedback': {
      const added = c.run(S.feedback, [str(ev.id), ev.ts, c.day, str(ev.session), num(ev.rating), str(ev.text),
        json(ev.tags), str(ev.sourceTool), str(ev.interactionId)]) === 1;
      if (added) c.rollups.add('daily_feedback', c.day, [], [1, n0(ev.rating)]);
      return added;
    }
    case 'context':
      c.run(S.context, [ev.ts, c.day, str(ev.session), str(ev.what), str(ev.language), num(ev.openEditors),
        str(ev.branch), num(ev.dirtyFiles)]);
      return true;
    case 'session':
      if (ev.phase === 'start') c.run(S.sessionStart, [str(ev.id), ev.ts, str(ev.workspaceHash)]);
      else c.run(S.sessionEnd, [str(ev.id), ev.ts, num(ev.activeMs), str(ev.workspaceHash)]);
      return true;
    case 'pattern':
      return pattern(ev, c);
    case 'pattern_usage':
      return patternUsage(ev, c);
    case 'import_cursor':
      c.run(S.cursor, [key(ev.source), str(ev.fileKey), ev.ts, num(ev.size), num(ev.mtimeMs), num(ev.offset),
        str(ev.lastRecordId)]);
      return true;
    case 'learning': {
      const added = c.run(S.learning, [str(ev.id), ev.ts, c.day, str(ev.what), json(ev.data)]) === 1;
      if (added) applyLearning(ev, c);
      return added;
    }
  }
}

function insertion(ev: AiInsertionEvent, c: ApplyContext): boolean {
  const added = c.run(SQL_BY_KIND.insertion, [str(ev.id), ev.ts, c.day, str(ev.session), key(ev.origin), str(ev.tool),
    str(ev.fileHash), key(ev.language), num(ev.chars), num(ev.lines), str(ev.precision), num(ev.confidence),
    str(ev.textHash), str(ev.text), str(ev.patternId)]) === 1;
  if (added) c.rollups.add('daily_insertions', c.day, [key(ev.language), key(ev.origin)], [1, n0(ev.chars), n0(ev.lines)]);
  return added;
}

/**
 * Upsert by (insertion, checkpoint); the rollup row of the insertion's day is corrected, not double-counted.
 * A new checkpoint (the usual case) is one statement; a repeated one reads the old row to subtract it.
 */
function survival(ev: SurvivalEvent, c: ApplyContext): boolean {
  const S = SQL_BY_KIND;
  const id = str(ev.insertionId);
  const cp = key(ev.checkpoint);
  const kept = num(ev.charsKept);
  const total = num(ev.charsTotal);
  const ins = c.get(S.insertionLookup, [id]);
  let insDay = ins ? (ins[0] as number) : c.day;
  let lang = ins ? key(ins[1]) : 'unknown';
  let origin = ins ? key(ins[2]) : 'unknown';
  if (c.run(S.survivalNew, [id, cp, ev.ts, insDay, lang, origin, kept, total, bool(ev.lost)]) === 0) {
    const old = c.get(S.survivalOld, [id, cp]);
    if (!old) throw new Error('survival row neither inserted nor found');
    [insDay, lang, origin] = old as [number, string, string];
    c.rollups.add('daily_survival', insDay, [lang, origin, cp], [-1, -n0(old[3]), -n0(old[4])]);
    c.run(S.survival, [id, cp, ev.ts, insDay, lang, origin, kept, total, bool(ev.lost)]);
  }
  c.rollups.add('daily_survival', insDay, [lang, origin, cp], [1, kept ?? 0, total ?? 0]);
  if (origin === 'pattern' && isDecisionCheckpoint(cp)) decidePattern(ev, c);
  return true;
}

function interaction(ev: AiInteractionEvent, c: ApplyContext): boolean {
  if (!c.firstSeen(`i:${key(ev.id, '')}`)) return false;
  const inserted = c.run(SQL_BY_KIND.interaction, [str(ev.id), ev.ts, c.day, str(ev.session), key(ev.sourceTool), str(ev.interaction),
    key(ev.intent), str(ev.model), num(ev.promptChars), num(ev.responseChars), num(ev.firstTokenMs), num(ev.latencyMs),
    num(ev.tokensIn), num(ev.tokensOut), num(ev.cacheWriteTokens), num(ev.cacheReadTokens), num(ev.costUsd),
    bool(ev.success), num(ev.vote), str(ev.voteReason), bool(ev.cancelled), num(ev.toolCalls), num(ev.toolErrors),
    num(ev.filesEdited), num(ev.linesEdited), str(ev.conversation), str(ev.workspaceHash), str(ev.prompt),
    num(ev.reasoningTokens), num(ev.subAgentToolCalls), bool(ev.tsEstimated)]) === 1;
  if (inserted) modelPerformance(ev, c);
  const cost = num(ev.costUsd);
  c.rollups.add('daily_tokens', c.day, [key(ev.model), key(ev.sourceTool)], [1, n0(ev.tokensIn), n0(ev.tokensOut),
    n0(ev.cacheReadTokens), n0(ev.cacheWriteTokens), cost ?? 0, cost === null ? 0 : 1]);
  const lat = num(ev.latencyMs);
  c.rollups.add('daily_intents', c.day, [key(ev.intent), key(ev.sourceTool)], [1, ev.success === true ? 1 : 0,
    ev.success === false ? 1 : 0, ev.vote === 1 ? 1 : 0, ev.vote === -1 ? 1 : 0, lat ?? 0, lat === null ? 0 : 1]);
  return true;
}

/**
 * Folds a newly stored interaction into `model_performance` (task type = intent, per model); called only
 * when its row was inserted, so replays and duplicates count once. Interactions without a model, or without
 * quality, latency and cost, change nothing.
 */
function modelPerformance(ev: AiInteractionEvent, c: ApplyContext): void {
  const model = str(ev.model);
  if (!model) return;
  const obs: PerformanceObservation = {
    quality: interactionQuality({ success: ev.success, vote: ev.vote, cancelled: ev.cancelled }),
    latencyMs: num(ev.latencyMs) ?? undefined, costUsd: num(ev.costUsd) ?? undefined, ts: ev.ts,
  };
  if (!hasSignal(obs)) return;
  const task = key(ev.intent);
  const row = c.get(SQL_BY_KIND.perfGet, [task, model]);
  const prev: ModelPerformance | undefined = row && {
    n: n0(row[0]), quality: n0(row[1]), latencyMs: num(row[2]), costUsd: num(row[3]), confidence: n0(row[4]),
    updatedTs: n0(row[5]),
  };
  const p = updatePerformance(prev, obs);
  c.run(SQL_BY_KIND.perfPut, [task, model, p.n, p.quality, p.latencyMs, p.costUsd, p.confidence, p.updatedTs]);
}

function pattern(ev: PatternEvent, c: ApplyContext): boolean {
  const S = SQL_BY_KIND;
  if (ev.op === 'stale') c.run(S.patternStale, [ev.ts, str(ev.id)]);
  else if (ev.op === 'delete') c.run(S.patternDelete, [str(ev.id)]);
  else {
    c.run(S.patternUpsert, [str(ev.id), str(ev.name), str(ev.description), str(ev.language), str(ev.framework),
      json(ev.tags), num(ev.complexity), num(ev.lines), str(ev.code), str(ev.fingerprint), str(ev.sourceFileHash),
      str(ev.sourcePath), str(ev.sourceCommit), num(ev.firstSeenTs), ev.ts, ev.ts]);
  }
  return true;
}

/** usage_count counts 'inserted' and 'injected'; success_count counts 'kept'; ratings average as given. */
function patternUsage(ev: PatternUsageEvent, c: ApplyContext): boolean {
  const added = c.run(SQL_BY_KIND.usage, [str(ev.id), ev.ts, c.day, str(ev.patternId), str(ev.action),
    num(ev.rating), str(ev.insertionId)]) === 1;
  if (!added) return false;
  const used = ev.action === 'inserted' || ev.action === 'injected' ? 1 : 0;
  const rating = ev.action === 'rated' ? num(ev.rating) : null;
  c.run(SQL_BY_KIND.usageStats, [str(ev.patternId), used, ev.action === 'kept' ? 1 : 0, rating ?? 0, rating === null ? 0 : 1]);
  return true;
}

/** The checkpoints at which a pattern insertion's outcome is decided (the first of them to arrive wins). */
const isDecisionCheckpoint = (cp: string): boolean => cp === '10m' || cp === 'commit';

/** Share of the inserted characters still present that counts a pattern insertion as kept. */
export const PATTERN_KEPT_RATIO = 0.5;

/**
 * Decides a pattern insertion once: kept when at least half its characters survived (`charsTotal` <= 0 or
 * missing counts as discarded), recorded as a `pattern_usage` row with the id `outcome:<insertionId>`. That
 * row is an entity (retention keeps it), so a replay, a second decision checkpoint, or a survival arriving
 * after the raw insertion aged out adds nothing. A kept outcome adds one to the pattern's `success_count`.
 */
function decidePattern(ev: SurvivalEvent, c: ApplyContext): void {
  const S = SQL_BY_KIND;
  const insertionId = str(ev.insertionId);
  const pat = c.get(S.patternOfInsertion, [insertionId]);
  const patternId = pat ? str(pat[0]) : null;
  if (!patternId) return;
  const total = n0(ev.charsTotal);
  const kept = total > 0 && n0(ev.charsKept) / total >= PATTERN_KEPT_RATIO;
  const action: PatternUsageEvent['action'] = kept ? 'kept' : 'discarded';
  const added = c.run(S.usage, [`outcome:${insertionId}`, ev.ts, c.day, patternId, action, null, insertionId]) === 1;
  if (added && kept) c.run(S.usageStats, [patternId, 0, 1, 0, 0]);
}
