import type { AiInteractionEvent, ToolRunEvent } from '../model/events';
import { classifyIntentOnce } from '../learn/intent-memo';
import { costUsd } from '../learn/pricing';
import { shortHash } from '../util/hash';
import type { DbReadOutcome, DbReader } from './db-driver';
import { jsonValue } from './db-driver';
import type { ForeignDb } from './foreign-db';
import { arr, compact, figure, obj, str, toMs } from './parse-util';
import type { Json } from './parse-util';
import type { ParseContext } from './types';
import { readChatdata } from './windsurf-state';

/**
 * Cursor's chat and agent history in `<Cursor>/User/globalStorage/state.vscdb`, table `cursorDiskKV`:
 * - `composerData:<composerId>`: one conversation (`_v` up to 10 seen): `createdAt`, `lastUpdatedAt`, `status`
 *   (`generating` while a reply streams), `unifiedMode`/`forceMode` (agent, chat, edit), `modelConfig.modelName`,
 *   `fullConversationHeadersOnly[{bubbleId, type}]` (the order), or the older inline `conversation[]`;
 * - `bubbleId:<composerId>:<bubbleId>`: one message: `type` 1 user / 2 AI, `text`, `createdAt` (ISO or ms),
 *   `tokenCount{inputTokens, outputTokens}` (newer versions write 0: then unknown, not zero), `modelInfo.modelName`,
 *   `toolFormerData{name, status}` (an agent's tool call), `thinking`.
 * One AI request per user bubble and the AI bubbles after it. Incremental by rowid: the table's rows are replaced on
 * every update (`UNIQUE ON CONFLICT REPLACE`), so a changed row gets a new, higher rowid; each conversation touched
 * after the cursor is read whole (by its key range), and its request ids are stable, so the store dedupes.
 * A conversation still being written (`generating`, or updated within `quietMs`) has its last request held back.
 */
export const MAX_COMPOSER_VERSION = 20;
const TOOL = 'cursor' as const;

export const cursorStateReader: DbReader = (db, ctx, since) => {
  const tables = db.tables();
  // Workspace databases also hold the chat panel's older tabs (Cursor before its composer storage).
  if (tables.has('ItemTable')) readChatdata(db, ctx, TOOL);
  if (!tables.has('cursorDiskKV')) {
    if (!tables.has('ItemTable')) ctx.skip('unknown_schema');
    return { offset: since, pending: false };
  }
  const touched = new Map<string, number>();
  let top = since;
  db.each('SELECT rowid AS r, key FROM cursorDiskKV WHERE rowid > ?', [since], (row) => {
    const r = Number(row.r);
    if (r > top) top = r;
    const id = composerOf(String(row.key));
    if (id !== undefined) touched.set(id, Math.max(touched.get(id) ?? 0, r));
  });
  let resumeAt = top;
  let pending = false;
  for (const [id, lastRow] of touched) {
    if (ctx.cancelled?.() === true) break;
    if (readComposer(db, ctx, id) === 'held') {
      // Read this conversation again next time, from its newest row on.
      resumeAt = Math.min(resumeAt, lastRow - 1);
      pending = true;
    }
  }
  return { offset: resumeAt, pending } satisfies DbReadOutcome;
};

function composerOf(key: string): string | undefined {
  if (key.startsWith('composerData:')) return key.slice('composerData:'.length) || undefined;
  if (key.startsWith('bubbleId:')) {
    const end = key.indexOf(':', 'bubbleId:'.length);
    return end > 'bubbleId:'.length ? key.slice('bubbleId:'.length, end) : undefined;
  }
  return undefined;
}

type Bubble = Json & { bubbleId?: string };

function readComposer(db: ForeignDb, ctx: ParseContext, id: string): 'done' | 'held' | 'skipped' {
  const meta = db.all('SELECT value FROM cursorDiskKV WHERE key = ?', [`composerData:${id}`])[0];
  const composer = meta === undefined ? {} : jsonValue(meta.value);
  if (composer === undefined) {
    ctx.skip('not_json');
    return 'skipped';
  }
  const version = figure(composer._v);
  if (version !== undefined && version > MAX_COMPOSER_VERSION) {
    ctx.skip('unsupported_version');
    return 'skipped';
  }
  const bubbles = bubblesOf(db, ctx, id, composer);
  const open = composer.status === 'generating' || latest(composer, bubbles) > ctx.options.now() - ctx.options.quietMs;
  const turns = toTurns(bubbles);
  if (open && turns.length > 0) turns.pop();
  for (const turn of turns) emitTurn(ctx, id, composer, turn);
  return open ? 'held' : 'done';
}

/** The conversation's bubbles in order: the header list's order, else the inline array, else by time. */
function bubblesOf(db: ForeignDb, ctx: ParseContext, id: string, composer: Json): Bubble[] {
  const inline = arr(composer.conversation).filter((b): b is Bubble => obj(b) !== undefined);
  if (inline.length > 0) return inline;
  const byId = new Map<string, Bubble>();
  // `;` follows `:`: the key range of exactly this conversation's bubbles, read through the key's unique index.
  db.each('SELECT key, value FROM cursorDiskKV WHERE key >= ? AND key < ?', [`bubbleId:${id}:`, `bubbleId:${id};`], (row) => {
    const b = jsonValue(row.value);
    if (b === undefined) return void ctx.skip(row.value === null ? 'missing_fields' : 'not_json');
    byId.set(String(row.key).slice(`bubbleId:${id}:`.length), b);
  });
  const headers = arr(composer.fullConversationHeadersOnly).map((h) => str(obj(h)?.bubbleId)).filter((h): h is string => h !== undefined);
  if (headers.length > 0) return headers.map((h) => byId.get(h) ?? { bubbleId: h, type: 0 }).filter((b) => b.type !== 0);
  return [...byId.entries()].map(([k, b]): Bubble => ({ ...b, bubbleId: str(b.bubbleId) ?? k })).sort((a, b) => (toMs(a.createdAt) ?? 0) - (toMs(b.createdAt) ?? 0));
}

function latest(composer: Json, bubbles: Bubble[]): number {
  let t = toMs(composer.lastUpdatedAt) ?? toMs(composer.createdAt) ?? 0;
  for (const b of bubbles) t = Math.max(t, toMs(b.createdAt) ?? 0);
  return t;
}

interface Turn {
  user: Bubble;
  replies: Bubble[];
}

/** A user bubble and the AI bubbles up to the next user bubble; AI bubbles before the first user bubble have no request. */
function toTurns(bubbles: Bubble[]): Turn[] {
  const turns: Turn[] = [];
  for (const b of bubbles) {
    if (b.type === 1) turns.push({ user: b, replies: [] });
    else if (b.type === 2 && turns.length > 0) turns[turns.length - 1].replies.push(b);
  }
  return turns;
}

function emitTurn(ctx: ParseContext, composerId: string, composer: Json, turn: Turn): void {
  const userId = str(turn.user.bubbleId) ?? shortHash(JSON.stringify(turn.user).slice(0, 2000));
  const own = toMs(turn.user.createdAt) ?? toMs(composer.createdAt);
  const ts = own ?? ctx.fileMtimeMs;
  if (ts === undefined) return ctx.skip('missing_fields');
  const id = shortHash(`cursor|${composerId}|${userId}`);
  let tokensIn: number | undefined;
  let tokensOut: number | undefined;
  let toolCalls = 0;
  let toolErrors = 0;
  let responseChars = 0;
  let end: number | undefined;
  for (const r of turn.replies) {
    const tc = obj(r.tokenCount);
    // Newer versions write 0 for both: unknown, not zero.
    const inT = figure(tc?.inputTokens);
    const outT = figure(tc?.outputTokens);
    if (inT !== undefined && inT !== 0) tokensIn = (tokensIn ?? 0) + inT;
    if (outT !== undefined && outT !== 0) tokensOut = (tokensOut ?? 0) + outT;
    responseChars += str(r.text)?.length ?? 0;
    const at = toMs(r.createdAt);
    if (at !== undefined) end = Math.max(end ?? 0, at);
    const tool = obj(r.toolFormerData);
    if (tool !== undefined) {
      toolCalls++;
      if (tool.status === 'error') toolErrors++;
      emitTool(ctx, composerId, r, tool, at ?? ts);
    }
  }
  const model = modelOf(turn, composer);
  const prompt = str(turn.user.text);
  const event = compact<AiInteractionEvent>({
    kind: 'ai_interaction', ts, id, sourceTool: TOOL, interaction: modeOf(composer), intent: classifyIntentOnce(prompt), model,
    promptChars: prompt?.length, responseChars: turn.replies.length > 0 ? responseChars : undefined, tokensIn, tokensOut,
    costUsd: tokensIn !== undefined || tokensOut !== undefined ? costUsd(model, { input: tokensIn, output: tokensOut }, ctx.options.pricingOverrides, ts) : undefined,
    latencyMs: own !== undefined && end !== undefined && end >= own ? end - own : undefined,
    toolCalls: toolCalls > 0 ? toolCalls : undefined, toolErrors: toolCalls > 0 ? toolErrors : undefined,
    conversation: composerId, tsEstimated: own === undefined ? true : undefined,
    prompt: ctx.options.includeText && prompt !== undefined ? (ctx.options.redact ?? ((t: string) => t))(prompt) : undefined,
  });
  ctx.emit(event);
}

function emitTool(ctx: ParseContext, composerId: string, bubble: Bubble, tool: Json, ts: number): void {
  const status = str(tool.status);
  ctx.emit(compact<ToolRunEvent>({
    kind: 'tool_run', ts, tool: str(tool.name) ?? (typeof tool.tool === 'number' ? `tool-${tool.tool}` : 'unknown'), source: 'import', sourceTool: TOOL,
    success: status === 'completed' ? true : status === 'error' ? false : undefined,
    externalId: shortHash(`cursor|tool|${composerId}|${str(bubble.bubbleId) ?? str(tool.toolCallId) ?? JSON.stringify(tool).slice(0, 500)}`),
  }));
}

/** The model the reply names, else the request's, else the conversation's; Cursor's "default" names none. */
function modelOf(turn: Turn, composer: Json): string | undefined {
  const names = [...turn.replies.map((r) => str(obj(r.modelInfo)?.modelName)), str(obj(turn.user.modelInfo)?.modelName), str(obj(composer.modelConfig)?.modelName)];
  return names.find((n) => n !== undefined && n !== '' && n !== 'default');
}

function modeOf(composer: Json): AiInteractionEvent['interaction'] {
  const mode = str(composer.unifiedMode) ?? str(composer.forceMode);
  if (mode === 'agent' || (mode === undefined && composer.isAgentic === true)) return 'agent';
  if (mode === 'edit') return 'edit';
  return 'chat';
}
