import type { AiInteractionEvent, RecordedEvent, ToolRunEvent } from '../model/events';
import { costUsd } from '../learn/pricing';
import { shortHash } from '../util/hash';
import { turnFields } from './turn-fields';
import type { TurnTimes } from './turn-fields';
import { importDocument } from './document-driver';
import { add, arr, compact, figure, obj, parseObject, str, toMs } from './parse-util';
import type { Json } from './parse-util';
import type { FileCursor, FileImportResult, ImportOptions, ParseContext } from './types';

/**
 * Amp threads (`~/.local/share/amp/threads/T-<id>.json`, `$XDG_DATA_HOME/amp/threads`, `%LOCALAPPDATA%\amp\threads`
 * on Windows): one JSON document per thread, rewritten whole as the thread grows. `{v, id, created, messages[]}`
 * where `v` counts the document's revisions (it is no schema version: the shape is checked instead). A user message
 * with text is a prompt (`meta.sentAt`); assistant messages carry `usage{model, inputTokens (uncached),
 * outputTokens, cacheCreationInputTokens, cacheReadInputTokens, timestamp}` and `tool_use` parts; user messages
 * with `tool_result` parts give each call's `run.status`. One `ai_interaction` per prompt (its assistant messages'
 * usage summed), one `tool_run` per tool call. A changed file is read again whole and everything re-emitted
 * (stable ids, the store dedupes); while the file is still being written the last turn waits for its end.
 */
export async function importAmpThread(
  path: string,
  cursor: FileCursor | undefined,
  options: ImportOptions,
  sink: (event: RecordedEvent) => void,
): Promise<FileImportResult> {
  return importDocument(path, 'amp', cursor, options, sink, emitThread);
}

/** A turn: the prompt and times every turn-based importer keeps (`TurnTimes`), and this format's own figures. */
interface Turn extends TurnTimes {
  messageId: string;
  model?: string;
  input?: number;
  output?: number;
  cacheRead?: number;
  cacheWrite?: number;
  toolCalls: number;
  toolErrors: number;
  complete: boolean;
  /** Calls by id, until their result says how they ended. */
  calls: Map<string, ToolRunEvent>;
}

/** Emits one parsed thread document's events. */
export function emitThread(text: string, quiet: boolean, ctx: ParseContext): void {
  const doc = parseObject(text);
  if (doc === 'not_json') return ctx.skip('truncated_line');
  if (doc === 'not_object') return ctx.skip('not_object');
  const thread = str(doc.id);
  if (thread === undefined || !Array.isArray(doc.messages)) return ctx.skip('unsupported_version');
  const created = toMs(doc.created);
  let turn: Turn | undefined;
  const flush = (last: boolean): void => {
    if (turn !== undefined && (quiet || !last || turn.complete)) emitTurn(turn, thread, ctx);
  };
  for (const m of doc.messages) {
    const msg = obj(m);
    if (msg === undefined) {
      ctx.skip('missing_fields');
      continue;
    }
    const parts = arr(msg.content).map(obj).filter((p): p is Json => p !== undefined);
    if (msg.role === 'user' && parts.some((p) => p.type === 'text') && !parts.some((p) => p.type === 'tool_result')) {
      flush(false);
      const ts = toMs(obj(msg.meta)?.sentAt) ?? turnTime(turn, created);
      if (ts === undefined) {
        ctx.skip('missing_fields');
        turn = undefined;
        continue;
      }
      const prompt = parts.filter((p) => p.type === 'text').map((p) => str(p.text) ?? '').join('\n');
      turn = { messageId: typeof msg.messageId === 'number' || typeof msg.messageId === 'string' ? String(msg.messageId) : String(ts), ts, lastTs: ts, prompt, responseChars: 0, toolCalls: 0, toolErrors: 0, complete: false, calls: new Map() };
    } else if (turn !== undefined && msg.role === 'assistant') {
      onAssistant(turn, msg, parts, thread);
    } else if (turn !== undefined && msg.role === 'user') {
      onResults(turn, parts);
    }
  }
  flush(true);
}

function turnTime(turn: Turn | undefined, created: number | undefined): number | undefined {
  return turn?.lastTs ?? created;
}

function onAssistant(turn: Turn, msg: Json, parts: Json[], thread: string): void {
  const usage = obj(msg.usage);
  const ts = toMs(usage?.timestamp) ?? turn.lastTs;
  turn.lastTs = Math.max(turn.lastTs, ts);
  turn.firstReplyTs ??= ts;
  turn.model = str(usage?.model) ?? turn.model;
  turn.input = add(turn.input, figure(usage?.inputTokens));
  turn.output = add(turn.output, figure(usage?.outputTokens));
  turn.cacheRead = add(turn.cacheRead, figure(usage?.cacheReadInputTokens));
  turn.cacheWrite = add(turn.cacheWrite, figure(usage?.cacheCreationInputTokens));
  const state = obj(msg.state);
  turn.complete = state?.type === 'complete' && state.stopReason !== 'tool_use';
  for (const p of parts) {
    if (p.type === 'text') turn.responseChars += str(p.text)?.length ?? 0;
    if (p.type !== 'tool_use') continue;
    turn.toolCalls++;
    const id = str(p.id) ?? `${turn.messageId}#${turn.toolCalls}`;
    turn.calls.set(id, { kind: 'tool_run', ts, tool: str(p.name) ?? 'unknown', source: 'import', sourceTool: 'amp', externalId: shortHash(`amp|tool|${thread}|${id}`) });
  }
}

/** Tool results: `run.status` `done` succeeded; `error`, `rejected-by-user`, `cancelled` failed. */
function onResults(turn: Turn, parts: Json[]): void {
  for (const p of parts) {
    if (p.type !== 'tool_result') continue;
    const call = turn.calls.get(str(p.toolUseID) ?? '');
    const status = str(obj(p.run)?.status);
    if (call === undefined || status === undefined) continue;
    if (status === 'done') call.success = true;
    else if (/error|reject|cancel/.test(status)) {
      call.success = false;
      turn.toolErrors++;
    }
  }
}

function emitTurn(t: Turn, thread: string, ctx: ParseContext): void {
  const priced = t.input !== undefined || t.output !== undefined;
  const event = compact<AiInteractionEvent>({
    kind: 'ai_interaction',
    ts: t.ts,
    id: shortHash(`amp|${thread}|${t.messageId}`),
    sourceTool: 'amp',
    interaction: 'agent',
    model: t.model,
    ...turnFields(t, ctx.options),
    tokensIn: t.input,
    tokensOut: t.output,
    cacheReadTokens: t.cacheRead,
    cacheWriteTokens: t.cacheWrite,
    costUsd: priced ? costUsd(t.model, { input: t.input, output: t.output, cacheRead: t.cacheRead, cacheWrite: t.cacheWrite }, ctx.options.pricingOverrides, t.ts) : undefined,
    toolCalls: t.toolCalls,
    toolErrors: t.toolErrors,
    conversation: thread,
  });
  ctx.emit(event);
  for (const run of t.calls.values()) ctx.emit(run);
}
