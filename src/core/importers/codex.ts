import type { AiInteractionEvent, ToolRunEvent } from '../model/events';
import { costUsd } from '../learn/pricing';
import { shortHash } from '../util/hash';
import { turnFields } from './turn-fields';
import type { TurnTimes } from './turn-fields';
import type { LineParser } from './jsonl-driver';
import { arr, compact, obj, str, toMs } from './parse-util';
import { addUsage, fromLast, increase, lastOf, magnitude, totalOf } from './codex-usage';
import type { Snapshot, Usage } from './codex-usage';
import type { Json } from './parse-util';
import type { ParseContext } from './types';

/**
 * Codex CLI rollouts (`~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl`).
 *
 * Current envelope: `{timestamp, type, payload}` with `session_meta` (id, cwd, cli_version),
 * `turn_context` (model), `response_item` (messages, function calls and their outputs) and `event_msg`
 * (`token_count`: cumulative `info.total_token_usage`, see codex-usage.ts; `user_message`, the prompt as typed).
 * Early rollouts (before the envelope) hold the items at top level; they are read the same way. A pruned
 * rollout may keep only `event_msg/user_message` lines for its prompts: each is a turn (unknown model, no usage).
 * One `ai_interaction` per user prompt (the turn), one `tool_run` per function, custom, shell or web-search call.
 */
interface Turn extends TurnTimes {
  start: number;
  model?: string;
  usage?: Usage;
  toolCalls: number;
  toolErrors: number;
  /** Started by a `response_item` user message, not yet paired with its `event_msg/user_message`. */
  awaitsEvent: boolean;
}

interface Call {
  name: string;
  ts: number;
}

const ITEM_TYPES = new Set(['message', 'function_call', 'function_call_output', 'custom_tool_call', 'custom_tool_call_output', 'local_shell_call', 'web_search_call', 'reasoning']);
const CALL_TYPES = new Set(['function_call', 'custom_tool_call', 'local_shell_call', 'web_search_call']);
const DEFAULT_NAMES: Record<string, string> = { local_shell_call: 'shell', web_search_call: 'web_search' };

/**
 * A sub-agent or forked rollout starts with its own `session_meta`, then replays the parent's history (the
 * parent's `session_meta`, turns, tool calls and `token_count` snapshots, all written within the same second)
 * before its own first turn. The replay is not new usage: its snapshots only move the baseline, its turns
 * and tool calls are dropped once a replayed snapshot shows they were the parent's.
 */
interface Replay {
  second?: string;
  /** Tool runs seen during the replay, emitted only if their turn turns out to be this session's own. */
  held: ToolRunEvent[];
}

export function codexParser(ctx: ParseContext): LineParser {
  let session = '';
  let cwd: string | undefined;
  let model: string | undefined;
  let turn: Turn | undefined;
  let clock: number | undefined;
  let unsupported = false;
  let metas = 0;
  let base: Snapshot | undefined;
  let orphan: Usage | undefined;
  let replay: Replay | undefined;
  /** Once the file has shown `event_msg/user_message`, prompts come from those events only. */
  let userEvents = false;
  const calls = new Map<string, Call>();

  function emit(e: AiInteractionEvent | ToolRunEvent): void {
    if (replay !== undefined && e.kind === 'tool_run') replay.held.push(e);
    else ctx.emit(e);
  }

  function endTurn(): void {
    if (turn !== undefined) emit(toInteraction(turn, session, cwd, ctx));
    for (const [id, call] of calls) emitRun(id, call, undefined, undefined);
    turn = undefined;
    calls.clear();
  }

  function startTurn(prompt: string, ts: number, start: number, fromItem: boolean): void {
    endTurn();
    turn = { start, ts, lastTs: ts, prompt, model, responseChars: 0, toolCalls: 0, toolErrors: 0, awaitsEvent: fromItem, usage: orphan };
    orphan = undefined;
  }

  function emitRun(id: string, call: Call, success: boolean | undefined, endTs: number | undefined): void {
    emit(compact<ToolRunEvent>({
      kind: 'tool_run', ts: call.ts, tool: call.name, source: 'import', sourceTool: 'codex', success,
      durationMs: endTs !== undefined && endTs >= call.ts ? endTs - call.ts : undefined,
      externalId: shortHash(`codex|tool|${session}|${id}`),
    }));
  }

  function onItem(p: Json, ts: number, start: number): void {
    const type = str(p.type) ?? '';
    if (type === 'message') {
      const text = arr(p.content).map((c) => str(obj(c)?.text) ?? '').join('\n');
      if (p.role === 'user' && !userEvents && !isContextMessage(text)) startTurn(text, ts, start, true);
      else if (p.role === 'assistant' && turn !== undefined) {
        turn.responseChars += text.length;
        turn.firstReplyTs ??= ts;
      }
    } else if (CALL_TYPES.has(type)) {
      const id = str(p.call_id) ?? str(p.id) ?? `${type}@${start}`;
      const name = str(p.name) ?? DEFAULT_NAMES[type] ?? 'unknown';
      if (type === 'web_search_call') emitRun(id, { name, ts }, p.status === 'completed' ? true : p.status === 'failed' ? false : undefined, undefined);
      else calls.set(id, { name, ts });
      if (turn !== undefined) {
        turn.toolCalls++;
        turn.firstReplyTs ??= ts;
      }
    } else if (type === 'function_call_output' || type === 'custom_tool_call_output') {
      const id = str(p.call_id) ?? '';
      const call = calls.get(id);
      if (call === undefined) return;
      const success = outcome(p.output);
      if (success === false && turn !== undefined) turn.toolErrors++;
      emitRun(id, call, success, ts);
      calls.delete(id);
    }
    if (turn !== undefined) turn.lastTs = Math.max(turn.lastTs, ts);
  }

  /** A prompt as an event: pairs with the `response_item` that started the turn, or is a turn of its own (pruned rollouts). */
  function onUserEvent(p: Json, ts: number, start: number): void {
    userEvents = true;
    if (turn !== undefined && turn.awaitsEvent) {
      turn.awaitsEvent = false;
      return;
    }
    startTurn(str(p.message) ?? '', ts, start, false);
    turn!.awaitsEvent = false;
  }

  function onTokens(p: Json, ts: string): void {
    const total = totalOf(p);
    if (replay !== undefined && total !== undefined) {
      replay.second ??= ts;
      if (ts === replay.second) {
        if (magnitude(total) > magnitude(base)) {
          base = total;
          turn = undefined; // a replayed turn of the parent
          calls.clear();
          replay.held = [];
        }
        return;
      }
      for (const run of replay.held) ctx.emit(run);
      replay = undefined;
    }
    const last = lastOf(p);
    const usage = total !== undefined ? increase(total, base) : last !== undefined ? fromLast(last) : undefined;
    if (total !== undefined) base = total;
    if (usage === undefined) return;
    if (turn !== undefined) turn.usage = addUsage(turn.usage, usage);
    else orphan = addUsage(orphan, usage);
  }

  function onMeta(payload: Json): void {
    metas++;
    if (metas > 1) {
      // The parent's meta of a fork: what follows is replayed history.
      replay ??= { held: [] };
      return;
    }
    session = str(payload.id) ?? session;
    cwd = str(payload.cwd) ?? cwd;
    clock = toMs(payload.timestamp) ?? clock;
    unsupported = !versionOk(payload.cli_version);
    if (unsupported) ctx.skip('unsupported_version');
  }

  return {
    line(v, start) {
      const enveloped = typeof v.type === 'string' && obj(v.payload) !== undefined;
      if (unsupported) return ctx.skip('unsupported_version');
      const ts = toMs(v.timestamp);
      clock = ts ?? clock;
      const payload = enveloped ? obj(v.payload)! : v;
      const type = enveloped ? str(v.type) : ITEM_TYPES.has(str(v.type) ?? '') ? 'response_item' : 'legacy_meta';
      if (type === 'session_meta' || type === 'legacy_meta') return onMeta(payload);
      if (type === 'turn_context') {
        model = str(payload.model) ?? model;
        if (turn !== undefined && turn.model === undefined) turn.model = model;
        return;
      }
      if (type === 'event_msg' && payload.type === 'token_count') return onTokens(payload, (str(v.timestamp) ?? '').slice(0, 19));
      const at = ts ?? clock;
      if (type === 'event_msg' && payload.type === 'user_message') return at === undefined ? ctx.skip('missing_fields') : onUserEvent(payload, at, start);
      if (type !== 'response_item') return;
      if (at === undefined) return ctx.skip('missing_fields');
      onItem(payload, at, start);
    },
    finish(quiet, endOffset) {
      if (!quiet && turn !== undefined) return turn.start;
      if (replay !== undefined) {
        for (const run of replay.held) ctx.emit(run);
        replay = undefined;
      }
      endTurn();
      return endOffset;
    },
  };
}

/** Codex CLI versions 0.x are known; lines after the meta of another major are skipped and counted. */
function versionOk(version: unknown): boolean {
  const v = str(version);
  return v === undefined || /^0\./.test(v);
}

/** Context Codex injects as a "user" message: not something the user typed. */
function isContextMessage(text: string): boolean {
  return /^\s*(<environment_context>|<user_instructions>|# AGENTS\.md|<user_shell_command>|<turn_aborted>)/.test(text);
}

/** Outcome of a function call from its output: JSON `{metadata:{exit_code}}` or an "Exit code: N" line. */
function outcome(output: unknown): boolean | undefined {
  const text = str(output) ?? str(obj(output)?.content);
  if (text === undefined) return undefined;
  if (text.startsWith('{')) {
    try {
      const meta = obj(obj(JSON.parse(text))?.metadata);
      const code = meta?.exit_code;
      if (typeof code === 'number') return code === 0;
    } catch {
      // Not JSON: fall through to the text forms.
    }
  }
  const m = /(?:^|\n)Exit code: (\d+)/.exec(text) ?? /Process exited with code (\d+)/.exec(text);
  if (m !== null) return m[1] === '0';
  if (/^(Success|Done!)/.test(text)) return true;
  return /^(error|failed|apply_patch verification failed)/i.test(text) ? false : undefined;
}

function toInteraction(t: Turn, session: string, cwd: string | undefined, ctx: ParseContext): AiInteractionEvent {
  const u = t.usage;
  return compact<AiInteractionEvent>({
    kind: 'ai_interaction',
    ts: t.ts,
    id: shortHash(`codex|${session}|${t.start}`),
    sourceTool: 'codex',
    interaction: 'agent',
    model: t.model,
    ...turnFields(t, ctx.options),
    tokensIn: u?.input,
    tokensOut: u?.output,
    cacheReadTokens: u?.cacheRead,
    reasoningTokens: u !== undefined && u.reasoning > 0 ? u.reasoning : undefined,
    costUsd: u !== undefined ? costUsd(t.model, { input: u.input, output: u.output, cacheRead: u.cacheRead }, ctx.options.pricingOverrides, t.ts) : undefined,
    toolCalls: t.toolCalls,
    toolErrors: t.toolErrors,
    conversation: session || undefined,
    workspaceHash: cwd !== undefined ? shortHash(cwd) : undefined,
  });
}
