import type { AiInteractionEvent, ToolRunEvent } from '../model/events';
import { classifyIntent } from '../learn/intent';
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
  for (const id of touched) {
    if (ctx.cancelled?.() === true) break;
    const row = db.all('SELECT id, session_id, time_created, time_updated, data FROM message WHERE id = ?', [id])[0];
    if (row === undefined) continue;
    const held = readMessage(db, ctx, row);
    if (held) {
      resumeAt = Math.min(resumeAt, Number(row.time_updated) - 1);
      pending = true;
    }
  }
  return { offset: resumeAt, pending };
};

/** Emits one assistant message's request and tool runs; true when it is still being written (held back). */
function readMessage(db: ForeignDb, ctx: ParseContext, row: Row): boolean {
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
  const parts = partsOf(db, ctx, String(row.id));
  const tools = parts.filter((p) => p.type === 'tool');
  let errors = 0;
  for (const p of tools) if (emitTool(ctx, p, ts) === false) errors++;
  const prompt = promptOf(db, ctx, str(m.parentID));
  const model = str(m.modelID) ?? str(obj(m.model)?.modelID);
  const tokens = obj(m.tokens);
  const cache = obj(tokens?.cache);
  const input = figure(tokens?.input);
  const reasoning = figure(tokens?.reasoning);
  const outputOnly = figure(tokens?.output);
  const output = outputOnly === undefined && reasoning === undefined ? undefined : (outputOnly ?? 0) + (reasoning ?? 0);
  const cacheRead = figure(cache?.read);
  const cacheWrite = figure(cache?.write);
  const own = figure(m.cost);
  const priced = costUsd(model, { input, output, cacheRead, cacheWrite }, ctx.options.pricingOverrides, ts);
  const text = parts.filter((p) => p.type === 'text').reduce((n, p) => n + (str(p.text)?.length ?? 0), 0);
  ctx.emit(compact<AiInteractionEvent>({
    kind: 'ai_interaction', ts, id: shortHash(`opencode|${String(row.id)}`), sourceTool: 'opencode',
    interaction: tools.length > 0 || m.mode === 'build' ? 'agent' : 'chat', intent: classifyIntent(prompt), model,
    promptChars: prompt?.length, responseChars: text > 0 ? text : undefined,
    tokensIn: input, tokensOut: output, reasoningTokens: reasoning, cacheReadTokens: cacheRead, cacheWriteTokens: cacheWrite,
    costUsd: own !== undefined && own > 0 ? own : priced,
    latencyMs: completed !== undefined && created !== undefined && completed >= created ? completed - created : undefined,
    success: m.error !== undefined ? false : completed !== undefined ? true : undefined,
    toolCalls: tools.length > 0 ? tools.length : undefined, toolErrors: tools.length > 0 ? errors : undefined,
    conversation: session,
    prompt: ctx.options.includeText && prompt !== undefined ? (ctx.options.redact ?? ((t: string) => t))(prompt) : undefined,
  }));
  return false;
}

function partsOf(db: ForeignDb, ctx: ParseContext, messageId: string): Json[] {
  const out: Json[] = [];
  db.each('SELECT id, data FROM part WHERE message_id = ? ORDER BY id', [messageId], (r) => {
    const p = jsonValue(r.data);
    if (p === undefined) return void ctx.skip('not_json');
    out.push({ ...p, id: str(p.id) ?? String(r.id) });
  });
  return out;
}

/** The text of the user message this reply answers (its text parts joined), undefined when absent. */
function promptOf(db: ForeignDb, ctx: ParseContext, parentId: string | undefined): string | undefined {
  if (parentId === undefined) return undefined;
  const texts = partsOf(db, ctx, parentId).filter((p) => p.type === 'text' && p.synthetic !== true).map((p) => str(p.text) ?? '');
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
