import type { AiInteractionEvent, ToolRunEvent } from '../model/events';
import { shortHash } from '../util/hash';
import { turnFields } from './turn-fields';
import type { TurnTimes } from './turn-fields';
import type { LineParser } from './jsonl-driver';
import { arr, compact, obj, str, toMs } from './parse-util';
import type { Json } from './parse-util';
import type { ParseContext } from './types';

/**
 * Copilot Chat's own transcripts (`GitHub.copilot-chat/transcripts/<sessionId>.jsonl`, Copilot Chat 0.46+):
 * events `{type, data, id, timestamp, parentId}` (`session.start` version 1, `user.message`,
 * `assistant.message` with `toolRequests`, `tool.execution_start/complete`). They carry no model and no
 * token usage. One `ai_interaction` per user message (the turn), one `tool_run` per completed execution.
 */
const KNOWN_VERSIONS = new Set([1]);

/** A turn: the prompt and times every turn-based importer keeps (`TurnTimes`), and this format's own figures. */
interface Turn extends TurnTimes {
  start: number;
  eventId: string;
  toolCalls: number;
  toolErrors: number;
}

export function copilotTranscriptParser(ctx: ParseContext): LineParser {
  let session = '';
  let unsupported = false;
  let turn: Turn | undefined;
  const started = new Map<string, { name: string; ts: number }>();

  function endTurn(): void {
    if (turn !== undefined) ctx.emit(toInteraction(turn, session, ctx));
    turn = undefined;
  }

  function onEvent(type: string, data: Json, ts: number, v: Json, start: number): void {
    if (type === 'user.message') {
      endTurn();
      const prompt = str(data.content) ?? '';
      turn = { start, eventId: str(v.id) ?? String(start), ts, lastTs: ts, prompt, responseChars: 0, toolCalls: 0, toolErrors: 0 };
      return;
    }
    if (turn !== undefined) turn.lastTs = Math.max(turn.lastTs, ts);
    if (type === 'assistant.message' && turn !== undefined) {
      turn.firstReplyTs ??= ts;
      turn.responseChars += str(data.content)?.length ?? 0;
      turn.toolCalls += arr(data.toolRequests).length;
    } else if (type === 'tool.execution_start') {
      started.set(str(data.toolCallId) ?? '', { name: str(data.toolName) ?? 'unknown', ts });
    } else if (type === 'tool.execution_complete') {
      const id = str(data.toolCallId) ?? '';
      const begin = started.get(id);
      started.delete(id);
      const success = typeof data.success === 'boolean' ? data.success : undefined;
      if (success === false && turn !== undefined) turn.toolErrors++;
      ctx.emit(compact<ToolRunEvent>({
        kind: 'tool_run', ts: begin?.ts ?? ts, tool: begin?.name ?? 'unknown', source: 'import', sourceTool: 'copilot-chat',
        success, durationMs: begin !== undefined ? ts - begin.ts : undefined,
        externalId: shortHash(`copilot-transcript|tool|${session}|${id}`),
      }));
    }
  }

  return {
    line(v, start) {
      if (unsupported) return ctx.skip('unsupported_version');
      const type = str(v.type);
      const data = obj(v.data);
      const ts = toMs(v.timestamp);
      if (type === undefined || data === undefined || ts === undefined) return ctx.skip('missing_fields');
      if (type === 'session.start') {
        session = str(data.sessionId) ?? session;
        unsupported = typeof data.version === 'number' && !KNOWN_VERSIONS.has(data.version);
        if (unsupported) ctx.skip('unsupported_version');
        return;
      }
      onEvent(type, data, ts, v, start);
    },
    finish(quiet, endOffset) {
      if (!quiet && turn !== undefined) return turn.start;
      endTurn();
      return endOffset;
    },
  };
}

function toInteraction(t: Turn, session: string, ctx: ParseContext): AiInteractionEvent {
  return compact<AiInteractionEvent>({
    kind: 'ai_interaction',
    ts: t.ts,
    id: shortHash(`copilot-transcript|${session}|${t.eventId}`),
    sourceTool: 'copilot-chat',
    interaction: 'agent',
    ...turnFields(t, ctx.options),
    toolCalls: t.toolCalls,
    toolErrors: t.toolErrors,
    conversation: session || undefined,
  });
}
