import type { AiInteractionEvent, ToolRunEvent } from '../model/events';
import { classifyIntentOnce } from '../learn/intent-memo';
import { costUsd } from '../learn/pricing';
import { shortHash } from '../util/hash';
import type { LineParser } from './jsonl-driver';
import { arr, compact, figure, obj, str, toMs } from './parse-util';
import type { Json } from './parse-util';
import type { ParseContext } from './types';

/**
 * Claude Code transcripts (`~/.claude/projects/<cwd>/<sessionId>.jsonl` and sub-agents'
 * `<cwd>/<sessionId>/subagents/agent-*.jsonl`, versions 1.x and 2.x).
 *
 * Claude Code writes one line per content block of an assistant message, each repeating the message's
 * usage (output tokens grow as it streams), so one API call = one (message.id, requestId) pair; the last
 * line's usage is the final one. Each pair becomes one `ai_interaction` (agent), emitted when the user's
 * next prompt starts a new turn. Each tool_use becomes a `tool_run` with the outcome of its tool_result
 * (`is_error`). Lines of other types (summary, system, snapshots) are ignored. Ids come from the API message
 * (`message.id` + `requestId`, `message.id` alone without one) and the tool_use id, never from the file or
 * session, so the same message copied into several files (resumed sessions) is stored once.
 */
const SUPPORTED_MAJOR = new Set([1, 2]);
const MAX_OPEN = 256;

interface Group {
  id: string;
  ts: number;
  lastTs: number;
  waitFrom?: number;
  model?: string;
  usage: Json;
  responseChars: number;
  toolIds: string[];
  session?: string;
  cwd?: string;
  firstOfTurn: boolean;
}

interface PendingTool {
  name: string;
  ts: number;
  session?: string;
  success?: boolean;
  endTs?: number;
}

export function claudeCodeParser(ctx: ParseContext): LineParser {
  let turnStart = -1;
  let prompt: string | undefined;
  let promptUsed = false;
  /** Where the current prompt came from, for a prompt that gets no reply (interrupted, an error). */
  let promptLine: { id: string; ts: number; session?: string; cwd?: string } | undefined;
  let lastNonAssistantTs: number | undefined;
  const groups = new Map<string, Group>();
  const tools = new Map<string, PendingTool>();

  function flush(final: boolean): void {
    for (const g of groups.values()) ctx.emit(toInteraction(g, tools, prompt, ctx));
    groups.clear();
    for (const [id, t] of tools) {
      if (!final && t.success === undefined) continue;
      ctx.emit(toToolRun(id, t));
      tools.delete(id);
    }
  }

  function onUser(v: Json, ts: number | undefined, start: number): void {
    const content = obj(v.message)?.content;
    const results = arr(content).filter((p) => obj(p)?.type === 'tool_result');
    for (const r of results) {
      const part = obj(r)!;
      const t = tools.get(str(part.tool_use_id) ?? '');
      if (t !== undefined) {
        t.success = part.is_error !== true;
        t.endTs = ts;
      }
    }
    lastNonAssistantTs = ts ?? lastNonAssistantTs;
    const text = promptText(content);
    if (results.length > 0 || text === undefined || v.isMeta === true || isSynthetic(text)) return;
    flush(true);
    unanswered();
    turnStart = start;
    prompt = text;
    promptUsed = false;
    promptLine = ts === undefined ? undefined : { id: str(v.uuid) ?? `${str(v.sessionId) ?? ''}@${start}`, ts, session: str(v.sessionId), cwd: str(v.cwd) };
  }

  /** A prompt no API message answered is still a request: an interaction with a prompt and no response. */
  function unanswered(): void {
    if (prompt === undefined || promptUsed || promptLine === undefined) return;
    const { includeText, redact } = ctx.options;
    ctx.emit(compact<AiInteractionEvent>({
      kind: 'ai_interaction', ts: promptLine.ts, id: shortHash(`claude-code|prompt|${promptLine.id}`), sourceTool: 'claude-code',
      interaction: 'agent', intent: classifyIntentOnce(prompt), promptChars: prompt.length,
      prompt: includeText ? (redact ?? ((t: string) => t))(prompt) : undefined, responseChars: 0,
      conversation: promptLine.session, workspaceHash: promptLine.cwd !== undefined ? shortHash(promptLine.cwd) : undefined,
    }));
    promptUsed = true;
  }

  function onAssistant(v: Json, ts: number | undefined): void {
    const message = obj(v.message);
    const messageId = str(message?.id);
    const usage = obj(message?.usage);
    if (message === undefined || messageId === undefined || usage === undefined || ts === undefined) {
      ctx.skip('missing_fields');
      return;
    }
    const session = str(v.sessionId);
    const key = `${messageId}|${str(v.requestId) ?? ''}`;
    let g = groups.get(key);
    if (g === undefined) {
      if (groups.size >= MAX_OPEN) flush(false);
      g = {
        // Not per session: a resumed session's file copies earlier messages, the store keeps one of each.
        id: shortHash(`claude-code|${key}`),
        ts,
        lastTs: ts,
        waitFrom: lastNonAssistantTs,
        usage,
        responseChars: 0,
        toolIds: [],
        session,
        cwd: str(v.cwd),
        firstOfTurn: !promptUsed,
      };
      promptUsed = true;
      groups.set(key, g);
    }
    g.usage = usage;
    g.lastTs = Math.max(g.lastTs, ts);
    g.model = str(message.model) ?? g.model;
    for (const p of arr(message.content)) {
      const part = obj(p);
      if (part?.type === 'text') g.responseChars += str(part.text)?.length ?? 0;
      if (part?.type === 'tool_use' && str(part.id) !== undefined) {
        g.toolIds.push(str(part.id)!);
        tools.set(str(part.id)!, { name: str(part.name) ?? 'unknown', ts, session });
      }
    }
  }

  return {
    line(v, start) {
      const type = str(v.type);
      if (type !== 'user' && type !== 'assistant') return;
      if (!versionOk(v.version)) {
        ctx.skip('unsupported_version');
        return;
      }
      const ts = toMs(v.timestamp);
      if (type === 'user') onUser(v, ts, start);
      else onAssistant(v, ts);
    },
    finish(quiet, endOffset) {
      const open = groups.size > 0 || tools.size > 0 || (prompt !== undefined && !promptUsed);
      if (!quiet && open && turnStart >= 0) return turnStart;
      flush(true);
      unanswered();
      return endOffset;
    },
  };
}

function versionOk(version: unknown): boolean {
  if (version === undefined) return true;
  const major = Number.parseInt(str(version) ?? '', 10);
  return SUPPORTED_MAJOR.has(major);
}

function promptText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  const texts = arr(content).map((p) => (obj(p)?.type === 'text' ? str(obj(p)!.text) : undefined));
  const joined = texts.filter((t) => t !== undefined).join('\n');
  return joined.length > 0 ? joined : undefined;
}

/** Lines Claude Code writes as "user" that the user did not type. */
function isSynthetic(text: string): boolean {
  return /^(<command-|<local-command-|\[Request interrupted|Caveat: The messages below)/.test(text);
}

function toInteraction(g: Group, tools: Map<string, PendingTool>, prompt: string | undefined, ctx: ParseContext): AiInteractionEvent {
  const u = g.usage;
  const tokens = {
    input: figure(u.input_tokens),
    output: figure(u.output_tokens),
    cacheWrite: figure(u.cache_creation_input_tokens),
    cacheWrite1h: figure(obj(u.cache_creation)?.ephemeral_1h_input_tokens),
    cacheRead: figure(u.cache_read_input_tokens),
  };
  const toolErrors = g.toolIds.filter((id) => tools.get(id)?.success === false).length;
  const withPrompt = g.firstOfTurn && prompt !== undefined;
  const { includeText, redact } = ctx.options;
  return compact<AiInteractionEvent>({
    kind: 'ai_interaction',
    ts: g.ts,
    id: g.id,
    sourceTool: 'claude-code',
    interaction: 'agent',
    intent: classifyIntentOnce(prompt),
    model: g.model,
    promptChars: withPrompt ? prompt.length : undefined,
    prompt: withPrompt && includeText ? (redact ?? ((t: string) => t))(prompt) : undefined,
    responseChars: g.responseChars,
    latencyMs: g.waitFrom !== undefined && g.lastTs >= g.waitFrom ? g.lastTs - g.waitFrom : undefined,
    tokensIn: tokens.input,
    tokensOut: tokens.output,
    cacheWriteTokens: tokens.cacheWrite,
    cacheReadTokens: tokens.cacheRead,
    costUsd: costUsd(g.model, tokens, ctx.options.pricingOverrides, g.ts),
    toolCalls: g.toolIds.length,
    toolErrors,
    conversation: g.session,
    workspaceHash: g.cwd !== undefined ? shortHash(g.cwd) : undefined,
  });
}

function toToolRun(id: string, t: PendingTool): ToolRunEvent {
  return compact<ToolRunEvent>({
    kind: 'tool_run',
    ts: t.ts,
    tool: t.name,
    source: 'import',
    sourceTool: 'claude-code',
    success: t.success,
    durationMs: t.endTs !== undefined && t.endTs >= t.ts ? t.endTs - t.ts : undefined,
    externalId: shortHash(`claude-code|tool|${id}`),
  });
}
