import type { AiInteractionEvent, RecordedEvent, ToolRunEvent } from '../model/events';
import { costUsd } from '../learn/pricing';
import { shortHash } from '../util/hash';
import { importDocument } from './document-driver';
import { importLogFile } from './jsonl-driver';
import type { LineParser } from './jsonl-driver';
import { kiroFallbackId, parseKiroSession, readKiroSession } from './kiro-session';
import type { KiroSession, KiroTurnMeta } from './kiro-session';
import { turnFields } from './turn-fields';
import type { TurnTimes } from './turn-fields';
import { arr, compact, obj, parseObject, str, toMs } from './parse-util';
import type { Json } from './parse-util';
import type { FileCursor, FileImportResult, ImportOptions, ParseContext, SkipReason } from './types';

/**
 * Kiro sessions (`$KIRO_HOME` or `~/.kiro`, then `sessions/`). The CLI writes `sessions/cli/<id>.jsonl`, one line per
 * message `{version: "v1", kind: Prompt | AssistantMessage | ToolResults, data: {message_id, content[{kind: text |
 * toolUse | toolResult | thinking, data}], meta: {timestamp (s)}}}`, beside `<id>.json` (see kiro-session.ts) whose
 * turn entries carry the turn's end, model and token counts. The IDE's `sessions/<id>/messages.jsonl` has lines
 * `{id, timestamp, payload: {type: user | assistant | tool_result, content, success, name}}` beside `session.json`.
 *
 * One `ai_interaction` per prompt (its replies, tool calls and the turn entry that lists its messages, else the entry
 * of the same rank), one `tool_run` per tool call (the CLI's `toolUse`, with the status of its `toolResult`; the
 * IDE's `tool_result` lines). Assistant messages carry no time: a turn ends at its entry's `end_timestamp`. Kiro
 * writes 0 for the token counts of most turns (it bills credits): zeros are "not reported", not stored. The log is
 * replayed from its start on each read (a turn's rank matters); only turns that start at or after the cursor are
 * emitted, and the last one waits for its entry (or for the file to go quiet).
 */
export async function importKiroLog(
  path: string,
  cursor: FileCursor | undefined,
  options: ImportOptions,
  sink: (event: RecordedEvent) => void,
  cancelled?: () => boolean,
): Promise<FileImportResult> {
  const early: SkipReason[] = [];
  const session = await readKiroSession(path, options.maxDocumentBytes, (r) => early.push(r));
  const id = session.id ?? kiroFallbackId(path);
  return importLogFile(path, 'kiro', cursor, options, sink, (ctx, resumeAt) => {
    for (const r of early) ctx.skip(r);
    return kiroParser(ctx, resumeAt, session, id);
  }, cancelled, true);
}

const EXPORT_FORMAT = 'kiro-session-export-v1';

/**
 * Kiro's own session export, a file the user chose: `{format: "kiro-session-export-v1", metadata: <the session
 * file>, log_entries: [<the log's lines>]}`, read as the two files it holds (same session id, same record ids).
 */
export async function importKiroExport(
  path: string,
  cursor: FileCursor | undefined,
  options: ImportOptions,
  sink: (event: RecordedEvent) => void,
): Promise<FileImportResult> {
  return importDocument(path, 'kiro-export', cursor, options, sink, (text, quiet, ctx) => {
    const doc = parseObject(text);
    if (doc === 'not_json') return ctx.skip('truncated_line');
    if (doc === 'not_object') return ctx.skip('not_object');
    const meta = obj(doc.metadata);
    if (doc.format !== EXPORT_FORMAT || meta === undefined || !Array.isArray(doc.log_entries)) return ctx.skip('unsupported_version');
    const session = parseKiroSession(meta);
    const parser = kiroParser(ctx, 0, session, session.id ?? kiroFallbackId(path));
    doc.log_entries.forEach((entry, i) => {
      const line = obj(entry);
      if (line === undefined) ctx.skip('not_object');
      else parser.line(line, i, i + 1);
    });
    parser.finish(quiet, doc.log_entries.length);
  });
}

interface Turn extends TurnTimes {
  start: number;
  key: string;
  rank: number;
  /** The log's own prompt time is missing: the turn is dated from its entry. */
  undated: boolean;
  ids: string[];
  toolCalls: number;
  toolErrors: number;
  calls: Map<string, ToolRunEvent>;
}

const KNOWN_VERSION = 'v1';

export function kiroParser(ctx: ParseContext, resumeAt: number, session: KiroSession, id: string): LineParser {
  let turn: Turn | undefined;
  let rank = 0;
  /** The latest time seen, to date a prompt that has neither its own time nor an entry (it came after it). */
  let latest: number | undefined;

  function entryOf(t: Turn): KiroTurnMeta | undefined {
    for (const m of t.ids) {
      const i = session.byMessage.get(m);
      if (i !== undefined) return session.turns[i];
    }
    return session.turns[t.rank];
  }

  function endTurn(final: boolean): boolean {
    const t = turn;
    if (t === undefined) return true;
    const entry = entryOf(t);
    if (!final && entry === undefined) return false;
    turn = undefined;
    if (t.start >= resumeAt) emitTurn(t, entry);
    return true;
  }

  function emitTurn(t: Turn, entry: KiroTurnMeta | undefined): void {
    if (t.undated) {
      const from = entry?.endTs !== undefined ? entry.endTs - (entry.durationMs ?? 0) : latest;
      if (from === undefined) return ctx.skip('missing_fields');
      t.ts = from;
    }
    t.lastTs = Math.max(t.ts, entry?.endTs ?? t.lastTs);
    latest = t.lastTs;
    ctx.emit(toInteraction(t, entry, session, id, ctx));
    for (const run of t.calls.values()) ctx.emit({ ...run, ts: t.ts });
  }

  function onPrompt(messageId: string | undefined, text: string, ts: number | undefined, start: number): void {
    endTurn(true);
    turn = { start, key: messageId ?? String(start), rank: rank++, undated: ts === undefined, ts: ts ?? 0, lastTs: ts ?? 0,
      prompt: text, responseChars: 0, ids: messageId !== undefined ? [messageId] : [], toolCalls: 0, toolErrors: 0, calls: new Map() };
  }

  function call(t: Turn, callId: string, name: string): ToolRunEvent {
    t.toolCalls++;
    const run: ToolRunEvent = { kind: 'tool_run', ts: t.ts, tool: name, source: 'import', sourceTool: 'kiro', externalId: shortHash(`kiro|tool|${id}|${callId}`) };
    t.calls.set(callId, run);
    return run;
  }

  function outcome(t: Turn, run: ToolRunEvent | undefined, success: boolean | undefined): void {
    if (run === undefined || success === undefined) return;
    run.success = success;
    if (!success) t.toolErrors++;
  }

  /** A CLI line: `{version, kind, data}`. */
  function cliLine(v: Json, data: Json, start: number): void {
    const kind = str(v.kind);
    const messageId = str(data.message_id);
    const parts = arr(data.content).map(obj).filter((p): p is Json => p !== undefined);
    if (kind === 'Prompt') return onPrompt(messageId, texts(parts), toMs(obj(data.meta)?.timestamp), start);
    const t = turn;
    if (t === undefined) return;
    if (messageId !== undefined) t.ids.push(messageId);
    for (const p of parts) {
      const d = obj(p.data);
      if (kind === 'AssistantMessage' && p.kind === 'text') t.responseChars += str(p.data)?.length ?? 0;
      else if (kind === 'AssistantMessage' && p.kind === 'toolUse' && d !== undefined) {
        call(t, str(d.toolUseId) ?? `${t.key}#${t.toolCalls}`, str(d.name) ?? 'unknown');
      } else if (kind === 'ToolResults' && p.kind === 'toolResult' && d !== undefined) {
        const status = str(d.status);
        outcome(t, t.calls.get(str(d.toolUseId) ?? ''), status === 'success' ? true : status === 'error' ? false : undefined);
      }
    }
  }

  /** An IDE line: `{id, timestamp, payload}`. */
  function ideLine(v: Json, p: Json, start: number): void {
    const type = str(p.type);
    const ts = toMs(v.timestamp);
    if (type === 'user') return onPrompt(str(v.id) ?? str(p.id), contentText(p.content), ts, start);
    const t = turn;
    if (t === undefined) return;
    if (ts !== undefined) t.lastTs = Math.max(t.lastTs, ts);
    if (type === 'assistant') {
      if (ts !== undefined) t.firstReplyTs ??= ts;
      t.responseChars += contentText(p.content).length;
    } else if (type === 'tool_result') {
      const run = call(t, str(v.id) ?? str(p.id) ?? `${t.key}#${t.toolCalls}`, str(p.name) ?? str(p.toolName) ?? 'unknown');
      outcome(t, run, typeof p.success === 'boolean' ? p.success : undefined);
    }
  }

  return {
    line(v, start) {
      const counted = start >= resumeAt;
      if (v.version !== undefined && v.version !== KNOWN_VERSION) return counted ? ctx.skip('unsupported_version') : undefined;
      const data = obj(v.data);
      const payload = obj(v.payload);
      if (typeof v.kind === 'string' && data !== undefined) return cliLine(v, data, start);
      if (payload !== undefined) return ideLine(v, payload, start);
      if (counted) ctx.skip('missing_fields');
    },
    finish(quiet, endOffset) {
      const held = turn?.start;
      return endTurn(quiet) || held === undefined || held < resumeAt ? endOffset : held;
    },
  };
}

function texts(parts: Json[]): string {
  return parts.filter((p) => p.kind === 'text').map((p) => str(p.data) ?? '').join('\n');
}

/** IDE content: a string, or parts `{kind: text, data}` / `{type: text, text}`. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  return arr(content).map(obj).map((p) => (p?.kind === 'text' ? str(p.data) : p?.type === 'text' ? str(p.text) : undefined) ?? '').join('');
}

/** A count Kiro left at 0 is one it did not report. */
function reported(n: number | undefined): number | undefined {
  return n === 0 ? undefined : n;
}

function toInteraction(t: Turn, entry: KiroTurnMeta | undefined, session: KiroSession, id: string, ctx: ParseContext): AiInteractionEvent {
  const model = entry?.model ?? session.model;
  const tokens = { input: reported(entry?.input), output: reported(entry?.output), cacheRead: reported(entry?.cacheRead), cacheWrite: reported(entry?.cacheWrite) };
  const priced = Object.values(tokens).some((n) => n !== undefined);
  return compact<AiInteractionEvent>({
    kind: 'ai_interaction',
    ts: t.ts,
    id: shortHash(`kiro|${id}|${t.key}`),
    sourceTool: 'kiro',
    interaction: 'agent',
    model,
    ...turnFields(t, ctx.options),
    tokensIn: tokens.input,
    tokensOut: tokens.output,
    cacheReadTokens: tokens.cacheRead,
    cacheWriteTokens: tokens.cacheWrite,
    costUsd: priced ? costUsd(model, tokens, ctx.options.pricingOverrides, t.ts) : undefined,
    toolCalls: t.toolCalls,
    toolErrors: t.toolErrors,
    conversation: id,
    workspaceHash: session.cwd !== undefined ? shortHash(session.cwd) : undefined,
    tsEstimated: t.undated ? true : undefined,
  });
}
