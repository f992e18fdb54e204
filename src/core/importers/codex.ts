import type { AiInteractionEvent, ToolRunEvent } from '../model/events';
import { classifyIntent } from '../learn/intent';
import { costUsd } from '../learn/pricing';
import { shortHash } from '../util/hash';
import type { LineParser } from './jsonl-driver';
import { add, arr, compact, num, obj, str, toMs } from './parse-util';
import type { Json } from './parse-util';
import type { ParseContext } from './types';

/**
 * Codex CLI rollouts (`~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl`).
 *
 * Current envelope: `{timestamp, type, payload}` with `session_meta` (id, cwd, cli_version),
 * `turn_context` (model), `response_item` (messages, function calls and their outputs) and `event_msg`
 * (`token_count`: `info.last_token_usage`, whose `input_tokens` already include `cached_input_tokens`).
 * Early rollouts (before the envelope) hold the items at top level; they are read the same way.
 * One `ai_interaction` per user message (the turn), one `tool_run` per function call.
 */
interface Turn {
  start: number;
  ts: number;
  lastTs: number;
  firstReplyTs?: number;
  prompt: string;
  model?: string;
  responseChars: number;
  tokensIn?: number;
  tokensOut?: number;
  cacheRead?: number;
  toolCalls: number;
  toolErrors: number;
}

interface Call {
  name: string;
  ts: number;
}

const ITEM_TYPES = new Set(['message', 'function_call', 'function_call_output', 'custom_tool_call', 'custom_tool_call_output', 'local_shell_call', 'reasoning']);

export function codexParser(ctx: ParseContext): LineParser {
  let session = '';
  let cwd: string | undefined;
  let model: string | undefined;
  let turn: Turn | undefined;
  let clock: number | undefined;
  let unsupported = false;
  const calls = new Map<string, Call>();

  function endTurn(): void {
    if (turn !== undefined) ctx.emit(toInteraction(turn, session, cwd, ctx));
    for (const [id, call] of calls) emitRun(id, call, undefined, undefined);
    turn = undefined;
    calls.clear();
  }

  function emitRun(id: string, call: Call, success: boolean | undefined, endTs: number | undefined): void {
    ctx.emit(compact<ToolRunEvent>({
      kind: 'tool_run', ts: call.ts, tool: call.name, source: 'import', sourceTool: 'codex', success,
      durationMs: endTs !== undefined && endTs >= call.ts ? endTs - call.ts : undefined,
      externalId: shortHash(`codex|tool|${session}|${id}`),
    }));
  }

  function onItem(p: Json, ts: number, start: number): void {
    const type = str(p.type);
    if (type === 'message') {
      const text = arr(p.content).map((c) => str(obj(c)?.text) ?? '').join('\n');
      if (p.role === 'user' && !isContextMessage(text)) {
        endTurn();
        turn = { start, ts, lastTs: ts, prompt: text, model, responseChars: 0, toolCalls: 0, toolErrors: 0 };
      } else if (p.role === 'assistant' && turn !== undefined) {
        turn.responseChars += text.length;
        turn.firstReplyTs ??= ts;
      }
    } else if (type === 'function_call' || type === 'custom_tool_call' || type === 'local_shell_call') {
      const id = str(p.call_id) ?? str(p.id);
      if (id !== undefined) calls.set(id, { name: str(p.name) ?? (type === 'local_shell_call' ? 'shell' : 'unknown'), ts });
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

  function onTokens(p: Json): void {
    const last = obj(obj(p.info)?.last_token_usage);
    if (last === undefined || turn === undefined) return;
    const input = num(last.input_tokens);
    const cached = num(last.cached_input_tokens) ?? 0;
    turn.tokensIn = add(turn.tokensIn, input !== undefined ? Math.max(0, input - cached) : undefined);
    turn.cacheRead = add(turn.cacheRead, input !== undefined ? cached : undefined);
    turn.tokensOut = add(turn.tokensOut, num(last.output_tokens));
  }

  return {
    line(v, start) {
      const enveloped = typeof v.type === 'string' && obj(v.payload) !== undefined;
      if (unsupported) return ctx.skip('unsupported_version');
      const ts = toMs(v.timestamp);
      clock = ts ?? clock;
      const payload = enveloped ? obj(v.payload)! : v;
      const type = enveloped ? str(v.type) : ITEM_TYPES.has(str(v.type) ?? '') ? 'response_item' : 'legacy_meta';
      if (type === 'session_meta' || type === 'legacy_meta') {
        session = str(payload.id) ?? session;
        cwd = str(payload.cwd) ?? cwd;
        clock = toMs(payload.timestamp) ?? clock;
        unsupported = !versionOk(payload.cli_version);
        if (unsupported) ctx.skip('unsupported_version');
        return;
      }
      if (type === 'turn_context') {
        model = str(payload.model) ?? model;
        if (turn !== undefined && turn.model === undefined) turn.model = model;
        return;
      }
      if (type === 'event_msg' && payload.type === 'token_count') return onTokens(payload);
      if (type !== 'response_item') return;
      const at = ts ?? clock;
      if (at === undefined) return ctx.skip('missing_fields');
      onItem(payload, at, start);
    },
    finish(quiet, endOffset) {
      if (!quiet && turn !== undefined) return turn.start;
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
  return /^\s*(<environment_context>|<user_instructions>|# AGENTS\.md|<user_shell_command>)/.test(text);
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
  const { includeText, redact } = ctx.options;
  return compact<AiInteractionEvent>({
    kind: 'ai_interaction',
    ts: t.ts,
    id: shortHash(`codex|${session}|${t.start}`),
    sourceTool: 'codex',
    interaction: 'agent',
    intent: classifyIntent(t.prompt),
    model: t.model,
    promptChars: t.prompt.length,
    prompt: includeText ? (redact ?? ((x: string) => x))(t.prompt) : undefined,
    responseChars: t.responseChars,
    firstTokenMs: t.firstReplyTs !== undefined ? t.firstReplyTs - t.ts : undefined,
    latencyMs: t.lastTs - t.ts,
    tokensIn: t.tokensIn,
    tokensOut: t.tokensOut,
    cacheReadTokens: t.cacheRead,
    costUsd: costUsd(t.model, { input: t.tokensIn, output: t.tokensOut, cacheRead: t.cacheRead }, ctx.options.pricingOverrides, t.ts),
    toolCalls: t.toolCalls,
    toolErrors: t.toolErrors,
    conversation: session || undefined,
    workspaceHash: cwd !== undefined ? shortHash(cwd) : undefined,
  });
}
