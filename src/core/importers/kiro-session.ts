import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { readUtf8 } from './document-driver';
import { arr, figure, obj, parseObject, str, toMs } from './parse-util';
import type { Json } from './parse-util';
import type { SkipReason } from './types';

/**
 * The session file beside a Kiro log, rewritten whole by Kiro as the session goes on. The CLI's
 * `sessions/cli/<id>.json`: `{session_id, cwd, created_at, title, session_state: {rts_model_state: {model_info:
 * {model_id}}, conversation_metadata: {user_turn_metadatas: [...]}}}`, one metadata entry per finished user turn with
 * `message_ids` (the turn's messages in the log), `end_timestamp`, `turn_duration {secs, nanos}`, `end_reason`,
 * `model`, `input_token_count`, `output_token_count`, `cache_read_input_token_count`,
 * `cache_write_input_token_count` and `metering_usage` (credits, which are no currency and are not stored). The
 * IDE's `sessions/<id>/session.json`: `{id or session_id, workspacePaths[0] or cwd, modelId}` and no turn entries.
 */
export interface KiroTurnMeta {
  endTs?: number;
  durationMs?: number;
  model?: string;
  input?: number;
  output?: number;
  cacheRead?: number;
  cacheWrite?: number;
}

export interface KiroSession {
  id?: string;
  cwd?: string;
  model?: string;
  turns: KiroTurnMeta[];
  /** A message id of the log to the index of the turn entry that lists it. */
  byMessage: Map<string, number>;
}

const EMPTY: KiroSession = { turns: [], byMessage: new Map() };

/** Where a log's session file is: `<id>.json` beside a CLI `<id>.jsonl`, `session.json` beside an IDE `messages.jsonl`. */
export function kiroSessionPath(logPath: string): string {
  return basename(logPath) === 'messages.jsonl' ? join(dirname(logPath), 'session.json') : logPath.replace(/\.jsonl$/, '.json');
}

/** The session id when the session file does not name it: the CLI log's name, or the IDE session's folder. */
export function kiroFallbackId(logPath: string): string {
  return basename(logPath) === 'messages.jsonl' ? basename(dirname(logPath)) : basename(logPath).replace(/\.jsonl$/, '');
}

/**
 * Reads the session file of a log. A missing one gives an empty session (the log alone is read); one that is too
 * large, unreadable or not a JSON object is counted by `skip` and read as empty. Never throws.
 */
export async function readKiroSession(logPath: string, maxBytes: number, skip: (reason: SkipReason) => void): Promise<KiroSession> {
  const path = kiroSessionPath(logPath);
  let text: string;
  try {
    if ((await stat(path)).size > maxBytes) {
      skip('too_large');
      return EMPTY;
    }
    text = await readUtf8(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') skip('unreadable');
    return EMPTY;
  }
  const doc = parseObject(text);
  if (doc === 'not_json' || doc === 'not_object') {
    // Kiro rewrites the file in place: a torn copy is read again at the next import.
    skip(doc === 'not_json' ? 'truncated_line' : 'not_object');
    return EMPTY;
  }
  return parseKiroSession(doc);
}

export function parseKiroSession(doc: Json): KiroSession {
  const state = obj(doc.session_state);
  const info = obj(obj(state?.rts_model_state)?.model_info);
  const folders = arr(doc.workspacePaths);
  const session: KiroSession = {
    id: str(doc.session_id) ?? str(doc.id),
    cwd: str(folders[0]) ?? str(doc.cwd),
    model: str(info?.model_id) ?? str(doc.modelId) ?? str(doc.model_id),
    turns: [],
    byMessage: new Map(),
  };
  for (const entry of arr(obj(state?.conversation_metadata)?.user_turn_metadatas)) {
    const e = obj(entry) ?? {};
    const index = session.turns.length;
    session.turns.push(turnMeta(e));
    for (const id of arr(e.message_ids)) if (typeof id === 'string' && !session.byMessage.has(id)) session.byMessage.set(id, index);
  }
  return session;
}

function turnMeta(e: Json): KiroTurnMeta {
  const d = obj(e.turn_duration);
  const secs = figure(d?.secs);
  return {
    endTs: toMs(e.end_timestamp),
    durationMs: secs !== undefined ? secs * 1000 + Math.round((figure(d?.nanos) ?? 0) / 1e6) : undefined,
    model: str(e.model),
    input: figure(e.input_token_count),
    output: figure(e.output_token_count),
    cacheRead: figure(e.cache_read_input_token_count),
    cacheWrite: figure(e.cache_write_input_token_count),
  };
}
