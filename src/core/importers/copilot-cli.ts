import type { AiInteractionEvent, ToolRunEvent } from '../model/events';
import { shortHash } from '../util/hash';
import { turnFields } from './turn-fields';
import type { TurnTimes } from './turn-fields';
import type { LineParser } from './jsonl-driver';
import { readShutdown, runDelta, sumRun } from './copilot-cli-usage';
import type { RunUsage, ShutdownTotals } from './copilot-cli-usage';
import { arr, compact, obj, str, toMs } from './parse-util';
import type { Json } from './parse-util';
import type { ParseContext } from './types';

/**
 * GitHub Copilot CLI session events (`~/.copilot/session-state/<id>/events.jsonl`, older builds
 * `session-state/<id>.jsonl`; `$COPILOT_HOME` moves `~/.copilot`): lines `{type, data, id, timestamp, parentId}`
 * with `session.start` (version 1, `copilotVersion`, `selectedModel`, `context.cwd`), `session.model_change`,
 * `user.message`, `assistant.message` (`toolRequests`), `tool.execution_start/complete` and, when a run ends,
 * `session.shutdown` with the session's exact token totals per model (see copilot-cli-usage.ts). Per-request
 * usage (`assistant.usage`) is ephemeral: the CLI does not write it to the file.
 *
 * One `ai_interaction` per user message (the turn), one `tool_run` per completed execution. A run's tokens,
 * cost and added lines go on its last turn (the turn open when the shutdown came); when that turn was already
 * stored by an earlier read, or the run had no prompt, they form a record of their own without a prompt. The
 * file is replayed from its start on every read (the previous shutdown's totals are needed to know what a run
 * added); only records that start at or after the cursor are emitted.
 */
const KNOWN_VERSIONS = new Set([1]);

/** A turn: the prompt and times every turn-based importer keeps (`TurnTimes`), and this format's own figures. */
interface Turn extends TurnTimes {
  start: number;
  eventId: string;
  model?: string;
  toolCalls: number;
  toolErrors: number;
  usage?: RunUsage;
  linesAdded?: number;
  filesEdited?: number;
}

interface State {
  session: string;
  cwd?: string;
  model?: string;
  unsupported: boolean;
  turn?: Turn;
  shutdown?: ShutdownTotals;
}

export function copilotCliParser(ctx: ParseContext, resumeAt: number): LineParser {
  // Until `session.start` names it, the file stands for the session (its key, not its path).
  const s: State = { session: ctx.fileKey, unsupported: false };
  const started = new Map<string, { name: string; ts: number }>();

  function endTurn(): void {
    const t = s.turn;
    s.turn = undefined;
    if (t !== undefined && t.start >= resumeAt) ctx.emit(toInteraction(t, s, ctx));
  }

  function onShutdown(data: Json, ts: number, v: Json, start: number): void {
    const totals = readShutdown(data);
    const delta = runDelta(totals, s.shutdown);
    s.shutdown = totals;
    const usage = sumRun(delta, ts, ctx.options.pricingOverrides);
    const t = s.turn;
    if (t !== undefined && t.start >= resumeAt) {
      t.usage = usage;
      t.model ??= usage?.mainModel ?? delta.currentModel;
      t.linesAdded = delta.linesAdded;
      t.filesEdited = delta.files.size;
      endTurn();
    } else if (usage !== undefined && start >= resumeAt) {
      const eventId = str(v.id) ?? String(start);
      ctx.emit(toInteraction({ start, eventId: `shutdown|${eventId}`, ts, lastTs: ts, prompt: '', model: usage.mainModel, responseChars: 0,
        toolCalls: 0, toolErrors: 0, usage, linesAdded: delta.linesAdded, filesEdited: delta.files.size }, s, ctx, false));
    }
    if (t !== undefined && t.start < resumeAt) s.turn = undefined;
  }

  function onTool(type: string, data: Json, ts: number, start: number): void {
    const id = str(data.toolCallId) ?? '';
    if (type === 'tool.execution_start') {
      started.set(id, { name: str(data.toolName) ?? 'unknown', ts });
      return;
    }
    const begin = started.get(id);
    started.delete(id);
    const success = toolOutcome(data);
    if (success === false && s.turn !== undefined) s.turn.toolErrors++;
    if (start < resumeAt) return;
    ctx.emit(compact<ToolRunEvent>({
      kind: 'tool_run', ts: begin?.ts ?? ts, tool: begin?.name ?? str(data.toolName) ?? 'unknown', source: 'import', sourceTool: 'copilot-cli',
      success, durationMs: begin !== undefined ? ts - begin.ts : undefined,
      externalId: shortHash(`copilot-cli|tool|${s.session}|${id}`),
    }));
  }

  function onEvent(type: string, data: Json, ts: number, v: Json, start: number): void {
    if (type === 'user.message') {
      endTurn();
      const prompt = str(data.content) ?? '';
      s.turn = { start, eventId: str(v.id) ?? String(start), ts, lastTs: ts, prompt, model: s.model, responseChars: 0, toolCalls: 0, toolErrors: 0 };
      return;
    }
    if (type === 'session.shutdown') return onShutdown(data, ts, v, start);
    const t = s.turn;
    if (t !== undefined) t.lastTs = Math.max(t.lastTs, ts);
    if (type === 'session.model_change') {
      s.model = str(data.newModel) ?? s.model;
      if (t !== undefined && t.model === undefined) t.model = s.model;
    } else if (type === 'assistant.message' && t !== undefined) {
      t.firstReplyTs ??= ts;
      t.responseChars += str(data.content)?.length ?? 0;
      t.toolCalls += arr(data.toolRequests).length;
    } else if (type === 'tool.execution_start' || type === 'tool.execution_complete') {
      onTool(type, data, ts, start);
    }
  }

  function onStart(data: Json): void {
    s.session = str(data.sessionId) ?? s.session;
    s.cwd = str(obj(data.context)?.cwd) ?? s.cwd;
    s.model = str(data.selectedModel) ?? s.model;
    s.unsupported = typeof data.version === 'number' && !KNOWN_VERSIONS.has(data.version);
    if (s.unsupported) ctx.skip('unsupported_version');
  }

  return {
    line(v, start) {
      if (s.unsupported) return start >= resumeAt ? ctx.skip('unsupported_version') : undefined;
      const type = str(v.type);
      const data = obj(v.data);
      const ts = toMs(v.timestamp);
      if (type === undefined || data === undefined || ts === undefined) return start >= resumeAt ? ctx.skip('missing_fields') : undefined;
      if (type === 'session.start') return onStart(data);
      onEvent(type, data, ts, v, start);
    },
    finish(quiet, endOffset) {
      if (!quiet && s.turn !== undefined && s.turn.start >= resumeAt) return s.turn.start;
      endTurn();
      return endOffset;
    },
  };
}

/** `success` when the CLI wrote it; else the result's `result_type` (older builds). */
function toolOutcome(data: Json): boolean | undefined {
  if (typeof data.success === 'boolean') return data.success;
  const type = str(obj(data.result)?.result_type);
  if (type === undefined) return undefined;
  return type === 'success' ? true : /fail|error|reject|denied/i.test(type) ? false : undefined;
}

function toInteraction(t: Turn, s: State, ctx: ParseContext, isPrompt = true): AiInteractionEvent {
  const u = t.usage;
  return compact<AiInteractionEvent>({
    kind: 'ai_interaction',
    ts: t.ts,
    id: shortHash(`copilot-cli|${s.session}|${t.eventId}`),
    sourceTool: 'copilot-cli',
    interaction: 'agent',
    model: t.model,
    ...turnFields(t, ctx.options, isPrompt),
    tokensIn: u?.input,
    tokensOut: u?.output,
    cacheReadTokens: u?.cacheRead,
    cacheWriteTokens: u?.cacheWrite,
    reasoningTokens: u !== undefined && u.reasoning > 0 ? u.reasoning : undefined,
    costUsd: u?.costUsd,
    toolCalls: t.toolCalls,
    toolErrors: t.toolErrors,
    filesEdited: t.filesEdited,
    linesEdited: t.linesAdded,
    conversation: s.session || undefined,
    workspaceHash: s.cwd !== undefined ? shortHash(s.cwd) : undefined,
  });
}
