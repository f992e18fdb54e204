/**
 * The independent counter's reading of Kiro sessions (see count-logs.ts for the figures), sharing no code with
 * `src/core/importers`: the whole log is read at once, with the session file beside it (`<id>.json` beside a CLI
 * `<id>.jsonl`, `session.json` beside an IDE `messages.jsonl`).
 *
 * - a request is a `Prompt` line (CLI) or a `payload.type: "user"` line (IDE), of version `v1` or none;
 * - a response is a prompt whose turn has an assistant message with text or a tool use (IDE: with content, or a
 *   tool result);
 * - tool calls: the CLI's `toolUse` parts, the IDE's `tool_result` lines, inside a turn;
 * - tokens: every turn entry's `*_token_count` summed (Kiro mostly writes 0);
 * - models: per prompt, the model of the turn entry that lists one of the turn's message ids (else the entry of the
 *   same rank), else the session's `rts_model_state.model_info.model_id` (IDE: `modelId`).
 */
 
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Figures } from './count-logs';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const pos = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);

function sessionFile(path: string): Obj {
  const beside = basename(path) === 'messages.jsonl' ? join(dirname(path), 'session.json') : path.slice(0, -'.jsonl'.length) + '.json';
  try {
    const v: unknown = JSON.parse(readFileSync(beside, 'utf8'));
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v) : {};
  } catch {
    return {};
  }
}

interface KiroTurn { ids: string[]; replied: boolean; tools: number }

export function countKiro(path: string): Figures {
  const f: Figures = { sessions: 0, requests: 0, responses: 0, tokensIn: 0, tokensOut: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0, toolCalls: 0, subAgentToolCalls: 0, models: [] };
  const meta = sessionFile(path);
  const entries: Obj[] = Array.isArray(meta.session_state?.conversation_metadata?.user_turn_metadatas) ? meta.session_state.conversation_metadata.user_turn_metadatas : [];
  const sessionModel: unknown = meta.session_state?.rts_model_state?.model_info?.model_id ?? meta.modelId;
  const turns: KiroTurn[] = [];
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    let o: Obj;
    try {
      o = JSON.parse(raw) as Obj;
    } catch {
      continue;
    }
    if (o === null || typeof o !== 'object' || (o.version !== undefined && o.version !== 'v1')) continue;
    const cur = turns[turns.length - 1];
    if (typeof o.kind === 'string' && o.data !== null && typeof o.data === 'object') {
      const parts: Obj[] = Array.isArray(o.data.content) ? o.data.content.filter((p: unknown) => p !== null && typeof p === 'object') : [];
      if (o.kind === 'Prompt') {
        turns.push({ ids: typeof o.data.message_id === 'string' ? [o.data.message_id] : [], replied: false, tools: 0 });
        continue;
      }
      if (cur === undefined) continue;
      if (typeof o.data.message_id === 'string') cur.ids.push(o.data.message_id);
      if (o.kind !== 'AssistantMessage') continue;
      const uses = parts.filter((p) => p.kind === 'toolUse' && p.data !== null && typeof p.data === 'object').length;
      cur.tools += uses;
      if (uses > 0 || parts.some((p) => p.kind === 'text' && typeof p.data === 'string' && p.data !== '')) cur.replied = true;
    } else if (o.payload !== null && typeof o.payload === 'object') {
      const p = o.payload;
      if (p.type === 'user') turns.push({ ids: [], replied: false, tools: 0 });
      else if (cur !== undefined && p.type === 'tool_result') {
        cur.tools++;
        cur.replied = true;
      } else if (cur !== undefined && p.type === 'assistant') {
        const text = typeof p.content === 'string' ? p.content : JSON.stringify(p.content ?? '');
        if (text !== '' && text !== '""' && text !== '[]') cur.replied = true;
      }
    }
  }
  const models = new Set<string>();
  turns.forEach((t, rank) => {
    f.requests++;
    if (t.replied) f.responses++;
    f.toolCalls += t.tools;
    const entry = entries.find((e) => Array.isArray(e?.message_ids) && t.ids.some((id) => e.message_ids.includes(id))) ?? entries[rank];
    const model: unknown = entry?.model ?? sessionModel;
    if (typeof model === 'string') models.add(model);
  });
  for (const e of entries) {
    f.tokensIn += pos(e?.input_token_count);
    f.tokensOut += pos(e?.output_token_count);
    f.cacheRead += pos(e?.cache_read_input_token_count);
    f.cacheWrite += pos(e?.cache_write_input_token_count);
  }
  f.sessions = f.requests > 0 ? 1 : 0;
  f.models = [...models].sort();
  return f;
}
