import type { AiInteractionEvent, ToolRunEvent } from '../model/events';
import { classifyIntentOnce } from '../learn/intent-memo';
import { costUsd } from '../learn/pricing';
import { shortHash } from '../util/hash';
import type { DbReader } from './db-driver';
import { jsonValue } from './db-driver';
import type { ForeignDb, Row } from './foreign-db';
import { compact, figure, obj, str, toMs } from './parse-util';
import type { Json } from './parse-util';
import type { ParseContext } from './types';

/**
 * OpenCode's `opencode.db` (`${OPENCODE_DATA_DIR:-~/.local/share/opencode}/opencode.db`): tables `message` and
 * `part` `(id, session_id, time_created, time_updated, data JSON)`, parts also with `message_id`. One AI request
 * per assistant message (`role: assistant`): `modelID`, `providerID`, `mode`, `tokens{input, output, reasoning,
 * cache{read, write}}` (OpenCode counts reasoning apart from output: our `tokensOut` includes it), `cost` (USD,
 * OpenCode's own figure, used when it is non-zero, else priced by our price data), `time{created, completed}`, `error`;
 * its prompt is the text parts of its parent user message (`parentID`). Tool parts (`type: tool`, `state{status,
 * time{start, end}}`) are tool runs. Incremental by `time_updated`: messages and parts updated after the cursor
 * name the messages to read again (ids dedupe). An assistant message not completed within `quietMs` is held back.
 */
export const opencodeDbReader: DbReader = (db, ctx, since) => {
  const tables = db.tables();
  if (!tables.has('message') || !tables.has('part')) {
    ctx.skip('unknown_schema');
    return { offset: since, pending: false };
  }
  const cols = new Set(db.all('PRAGMA table_info(part)').map((c) => String(c.name)));
  if (!['id', 'message_id', 'time_updated', 'data'].every((c) => cols.has(c))) {
    ctx.skip('unknown_schema');
    return { offset: since, pending: false };
  }
  let top = since;
  const touched = new Set<string>();
  db.each('SELECT id, time_updated AS t FROM message WHERE time_updated > ?', [since], (r) => {
    touched.add(String(r.id));
    top = Math.max(top, Number(r.t) || 0);
  });
  db.each('SELECT message_id AS id, time_updated AS t FROM part WHERE time_updated > ?', [since], (r) => {
    touched.add(String(r.id));
    top = Math.max(top, Number(r.t) || 0);
  });
  let resumeAt = top;
  let pending = false;
  const parts = new Parts(db, ctx, touched.size > BULK);
  for (const row of messages(db, touched)) {
    if (ctx.cancelled?.() === true) break;
    const held = readMessage(parts, ctx, row);
    if (held) {
      resumeAt = Math.min(resumeAt, Number(row.time_updated) - 1);
      pending = true;
    }
  }
  return { offset: resumeAt, pending };
};

/** Past this many messages to read, messages and parts are read in one pass each instead of one query per message. */
const BULK = 200;

const MESSAGE_COLUMNS = 'id, session_id, time_created, time_updated, data';

/** The rows of the touched messages: one query each, or one pass over the table when there are many. */
function messages(db: ForeignDb, touched: Set<string>): Row[] {
  // No ORDER BY in the bulk reads: sql.js would sort every row, JSON included, in a temporary B-tree.
  if (touched.size > BULK) return db.all(`SELECT ${MESSAGE_COLUMNS} FROM message`).filter((r) => touched.has(String(r.id)));
  return [...touched].map((id) => db.all(`SELECT ${MESSAGE_COLUMNS} FROM message WHERE id = ?`, [id])[0]).filter((r): r is Row => r !== undefined);
}

/** A message's parts (by id order), queried one message at a time, or all read in one pass and grouped. */
class Parts {
  private all?: Map<string, Json[]>;
  constructor(private readonly db: ForeignDb, private readonly ctx: ParseContext, bulk: boolean) {
    if (!bulk) return;
    this.all = new Map();
    db.each('SELECT message_id, id, data FROM part', [], (r) => {
      const p = this.parse(r);
      if (p === undefined) return;
      const key = String(r.message_id);
      const list = this.all!.get(key);
      if (list === undefined) this.all!.set(key, [p]);
      else list.push(p);
    });
  }

  of(messageId: string): Json[] {
    if (this.all !== undefined) return (this.all.get(messageId) ?? []).sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
    const out: Json[] = [];
    this.db.each('SELECT id, data FROM part WHERE message_id = ? ORDER BY id', [messageId], (r) => {
      const p = this.parse(r);
      if (p !== undefined) out.push(p);
    });
    return out;
  }

  private parse(r: Row): Json | undefined {
    const p = jsonValue(r.data);
    if (p === undefined) this.ctx.skip('not_json');
    return p === undefined ? undefined : { ...p, id: str(p.id) ?? String(r.id) };
  }
}

/** Emits one assistant message's request and tool runs; true when it is still being written (held back). */
function readMessage(parts: Parts, ctx: ParseContext, row: Row): boolean {
  const m = jsonValue(row.data);
  if (m === undefined) {
    ctx.skip('not_json');
    return false;
  }
  if (m.role !== 'assistant') return false;
  const time = obj(m.time);
  const created = toMs(time?.created) ?? toMs(row.time_created);
  const completed = toMs(time?.completed);
  const updated = toMs(row.time_updated) ?? created ?? 0;
  if (completed === undefined && m.error === undefined && updated > ctx.options.now() - ctx.options.quietMs) return true;
  const ts = created ?? ctx.fileMtimeMs;
  if (ts === undefined) {
    ctx.skip('missing_fields');
    return false;
  }
  const session = str(row.session_id) ?? str(m.sessionID);
  const own = parts.of(String(row.id));
  const tools = own.filter((p) => p.type === 'tool');
  let errors = 0;
  for (const p of tools) if (emitTool(ctx, p, ts) === false) errors++;
  const prompt = promptOf(parts, str(m.parentID));
  const model = str(m.modelID) ?? str(obj(m.model)?.modelID);
  const tokens = obj(m.tokens);
  const cache = obj(tokens?.cache);
  const input = figure(tokens?.input);
  const reasoning = figure(tokens?.reasoning);
  const outputOnly = figure(tokens?.output);
  const output = outputOnly === undefined && reasoning === undefined ? undefined : (outputOnly ?? 0) + (reasoning ?? 0);
  const cacheRead = figure(cache?.read);
  const cacheWrite = figure(cache?.write);
  const ownCost = figure(m.cost);
  const text = own.filter((p) => p.type === 'text').reduce((n, p) => n + (str(p.text)?.length ?? 0), 0);
  ctx.emit(compact<AiInteractionEvent>({
    kind: 'ai_interaction', ts, id: shortHash(`opencode|${String(row.id)}`), sourceTool: 'opencode',
    interaction: tools.length > 0 || m.mode === 'build' ? 'agent' : 'chat', intent: classifyIntentOnce(prompt), model,
    promptChars: prompt?.length, responseChars: text > 0 ? text : undefined,
    tokensIn: input, tokensOut: output, reasoningTokens: reasoning, cacheReadTokens: cacheRead, cacheWriteTokens: cacheWrite,
    // OpenCode's own figure where it has one; our price data otherwise (0 is how OpenCode writes "not priced").
    costUsd: ownCost !== undefined && ownCost !== 0 ? ownCost : costUsd(model, { input, output, cacheRead, cacheWrite }, ctx.options.pricingOverrides, ts),
    latencyMs: completed !== undefined && created !== undefined && completed >= created ? completed - created : undefined,
    success: m.error !== undefined ? false : completed !== undefined ? true : undefined,
    toolCalls: tools.length > 0 ? tools.length : undefined, toolErrors: tools.length > 0 ? errors : undefined,
    conversation: session,
    prompt: ctx.options.includeText && prompt !== undefined ? (ctx.options.redact ?? ((t: string) => t))(prompt) : undefined,
  }));
  return false;
}

/** The text of the user message this reply answers (its text parts joined), undefined when absent. */
function promptOf(parts: Parts, parentId: string | undefined): string | undefined {
  if (parentId === undefined) return undefined;
  const texts = parts.of(parentId).filter((p) => p.type === 'text' && p.synthetic !== true).map((p) => str(p.text) ?? '');
  return texts.length > 0 ? texts.join('\n') : undefined;
}

/** Emits a tool part as a tool run; returns its success (undefined while unknown). */
function emitTool(ctx: ParseContext, part: Json, fallbackTs: number): boolean | undefined {
  const state = obj(part.state);
  const status = str(state?.status);
  const time = obj(state?.time) ?? obj(part.time);
  const start = toMs(time?.start);
  const end = toMs(time?.end);
  const success = status === 'completed' ? true : status === 'error' ? false : undefined;
  ctx.emit(compact<ToolRunEvent>({
    kind: 'tool_run', ts: start ?? fallbackTs, tool: str(part.tool) ?? 'unknown', source: 'import', sourceTool: 'opencode', success,
    durationMs: start !== undefined && end !== undefined && end >= start ? end - start : undefined,
    externalId: shortHash(`opencode|tool|${str(part.callID) ?? String(part.id)}`),
  }));
  return success;
}
