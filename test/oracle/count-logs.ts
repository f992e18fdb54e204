/**
 * An independent counter of AI-tool log files, written from the formats (the tools' files as found in public
 * repositories and the format notes in DESIGN.md / research), sharing no code with `src/core/importers`.
 * It reads a whole file at once (the importers stream) and gives, per file:
 *
 * - `sessions`: sessions with at least one request;
 * - `requests`: what the user (or, in a sub-agent's transcript, the calling agent) asked: one per prompt;
 * - `responses`: model responses that produced something (text, a tool call or output tokens);
 * - token sums (`tokensIn` excludes cache reads and writes), `reasoning` on its own;
 * - `toolCalls` of the main agent and `subAgentToolCalls` (Copilot sub-agents) apart;
 * - `models`: the distinct model names, sorted.
 */
/* eslint-disable @typescript-eslint/no-unsafe-return -- the counter walks untyped JSON on purpose: its own reading, not the importers' helpers */
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { countKiro } from './count-kiro';
import { countCopilotOtel } from './count-otel';
import { countCursor, countOpencode, countWindsurf } from './count-sqlite';

/** The SQLite sources (issue 14) are counted in `count-sqlite.ts`, with their own SQL. */
export type LogTool =
  | 'claude-code' | 'codex' | 'copilot' | 'continue' | 'aider' | 'copilot-cli' | 'amp' | 'gemini-cli' | 'cline' | 'roo-code'
  | 'kilo-code' | 'cursor' | 'opencode' | 'windsurf' | 'kiro' | 'copilot-otel';

export interface Figures {
  sessions: number;
  requests: number;
  responses: number;
  tokensIn: number;
  tokensOut: number;
  cacheRead: number;
  cacheWrite: number;
  reasoning: number;
  toolCalls: number;
  subAgentToolCalls: number;
  models: string[];
}

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function zero(): Figures {
  return { sessions: 0, requests: 0, responses: 0, tokensIn: 0, tokensOut: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0, toolCalls: 0, subAgentToolCalls: 0, models: [] };
}

function jsonLines(path: string): Obj[] {
  const out: Obj[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const v: unknown = JSON.parse(line);
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) out.push(v);
    } catch {
      // a torn or foreign line is not counted
    }
  }
  return out;
}

const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);

export function countLog(path: string, tool: LogTool): Figures {
  switch (tool) {
    case 'claude-code': return countClaude(path);
    case 'codex': return countCodex(path);
    case 'copilot': return countCopilot(path);
    case 'continue': return countContinue(path);
    case 'aider': return countAider(path);
    case 'copilot-cli': return countCopilotCli(path);
    case 'amp': return countAmp(path);
    case 'gemini-cli': return countGemini(path);
    case 'cline':
    case 'roo-code':
    case 'kilo-code': return countCline(path);
    case 'cursor': return countCursor(path);
    case 'opencode': return countOpencode(path);
    case 'windsurf': return countWindsurf(path);
    case 'kiro': return countKiro(path);
    case 'copilot-otel': return countCopilotOtel(path);
  }
}

// ---- Claude Code: one API message = message.id (+ requestId); its lines repeat the usage, keep the largest.
function countClaude(path: string): Figures {
  const f = zero();
  const messages = new Map<string, { usage: Obj; text: number; tools: Set<string>; model?: string; session?: string }>();
  const toolIds = new Set<string>();
  const sessions = new Set<string>();
  for (const o of jsonLines(path)) {
    if (o.type === 'user') {
      const content = o.message?.content;
      const parts: Obj[] = Array.isArray(content) ? content : [];
      if (parts.some((p) => p?.type === 'tool_result') || o.isMeta === true) continue;
      const text = typeof content === 'string' ? content : parts.filter((p) => p?.type === 'text').map((p) => String(p.text ?? '')).join('\n');
      if (text === '' || /^(<command-|<local-command-|\[Request interrupted|Caveat: )/.test(text)) continue;
      f.requests++;
      if (typeof o.sessionId === 'string') sessions.add(o.sessionId);
    } else if (o.type === 'assistant' && typeof o.message?.id === 'string' && o.message.usage !== undefined) {
      const key = `${o.message.id}|${o.requestId ?? ''}`;
      const m = messages.get(key) ?? { usage: {}, text: 0, tools: new Set<string>() };
      for (const [k, v] of Object.entries(o.message.usage as Obj)) if (typeof v === 'number') m.usage[k] = Math.max(m.usage[k] ?? 0, v);
      for (const p of (Array.isArray(o.message.content) ? o.message.content : []) as Obj[]) {
        if (p?.type === 'text') m.text += String(p.text ?? '').length;
        if (p?.type === 'tool_use' && typeof p.id === 'string') m.tools.add(p.id);
      }
      m.model = o.message.model ?? m.model;
      m.session = o.sessionId ?? m.session;
      messages.set(key, m);
    }
  }
  const models = new Set<string>();
  for (const m of messages.values()) {
    f.tokensIn += n(m.usage.input_tokens);
    f.tokensOut += n(m.usage.output_tokens);
    f.cacheRead += n(m.usage.cache_read_input_tokens);
    f.cacheWrite += n(m.usage.cache_creation_input_tokens);
    for (const t of m.tools) toolIds.add(t);
    if (m.text > 0 || m.tools.size > 0 || n(m.usage.output_tokens) > 0) f.responses++;
    if (m.model !== undefined) models.add(m.model);
    if (m.session !== undefined) sessions.add(m.session);
  }
  f.toolCalls = toolIds.size;
  f.sessions = f.requests > 0 || messages.size > 0 ? sessions.size : 0;
  f.models = [...models].sort();
  return f;
}

// ---- Codex: cumulative `total_token_usage` snapshots; a fork replays its parent's history after a second meta.
const CODEX_TOOL_ITEMS = new Set(['function_call', 'custom_tool_call', 'local_shell_call', 'web_search_call']);
const CODEX_CONTEXT = /^\s*(<environment_context>|<user_instructions>|# AGENTS\.md|<user_shell_command>|<permissions instructions>|<turn_aborted>)/;

function codexItem(o: Obj): { kind: string; p: Obj } {
  if (typeof o.type === 'string' && o.payload !== null && typeof o.payload === 'object') return { kind: o.type, p: o.payload };
  return { kind: 'response_item', p: o };
}

function totals(o: Obj): Obj | undefined {
  const info = o.payload?.info;
  return info !== null && typeof info === 'object' ? (info.total_token_usage ?? undefined) : undefined;
}

/** Index of the last line of replayed parent history (-1 when nothing is replayed). */
function codexReplayEnd(lines: Obj[]): number {
  const metas = lines.map((o, i) => (o.type === 'session_meta' ? i : -1)).filter((i) => i >= 0);
  if (metas.length < 2) return -1;
  let second: string | undefined;
  let end = -1;
  let prev = -1;
  for (let i = metas[1]; i < lines.length; i++) {
    const t = totals(lines[i]);
    if (lines[i].payload?.type !== 'token_count' || t === undefined) continue;
    const at = String(lines[i].timestamp ?? '').slice(0, 19);
    second ??= at;
    if (at !== second) break;
    if (n(t.total_tokens) > prev) {
      end = i;
      prev = n(t.total_tokens);
    }
  }
  return end;
}

function countCodex(path: string): Figures {
  const f = zero();
  const lines = jsonLines(path);
  const replayEnd = codexReplayEnd(lines);
  const own = lines.slice(replayEnd + 1);
  const hasUserEvents = own.some((o) => o.type === 'event_msg' && o.payload?.type === 'user_message');
  const models = new Set<string>();
  let base: Obj = replayEnd >= 0 ? (totals(lines[replayEnd]) ?? {}) : {};
  let answered = true;
  for (const o of own) {
    const { kind, p } = codexItem(o);
    const userTyped = hasUserEvents
      ? kind === 'event_msg' && p.type === 'user_message'
      : kind === 'response_item' && p.type === 'message' && p.role === 'user' && !CODEX_CONTEXT.test((p.content ?? []).map((c: Obj) => c?.text ?? '').join(''));
    if (userTyped) {
      f.requests++;
      answered = false;
    } else if (kind === 'turn_context' && typeof p.model === 'string') {
      models.add(p.model);
    } else if (kind === 'response_item' && CODEX_TOOL_ITEMS.has(p.type)) {
      f.toolCalls++;
      if (!answered) f.responses++;
      answered = true;
    } else if (kind === 'response_item' && p.type === 'message' && p.role === 'assistant') {
      if (!answered) f.responses++;
      answered = true;
    } else if (kind === 'event_msg' && p.type === 'token_count') {
      const t = totals(o);
      if (t === undefined) continue;
      const reset = n(t.total_tokens) < n(base.total_tokens);
      const from = reset ? {} : base;
      const d = (k: string): number => Math.max(0, n(t[k]) - n(from[k]));
      f.tokensIn += d('input_tokens') - d('cached_input_tokens');
      f.cacheRead += d('cached_input_tokens');
      f.tokensOut += d('output_tokens');
      f.reasoning += d('reasoning_output_tokens');
      base = t;
    }
  }
  f.sessions = f.requests > 0 ? 1 : 0;
  f.models = f.requests > 0 ? [...models].sort() : [];
  return f;
}

// ---- Copilot Chat: a session document (`chatSessions/*.json` v3, or an "Export Session JSON" file).
function countCopilot(path: string): Figures {
  const f = zero();
  const doc = JSON.parse(readFileSync(path, 'utf8')) as Obj;
  const requests: Obj[] = Array.isArray(doc.requests) ? doc.requests : [];
  const models = new Set<string>();
  for (const r of requests) {
    f.requests++;
    if (typeof r.modelId === 'string') models.add(r.modelId);
    const parts: Obj[] = Array.isArray(r.response) ? r.response : [];
    // Some writers keep `{timestamp, prompt, completion}` per request instead of response parts.
    let text = typeof r.completion === 'string' ? r.completion.length : 0;
    let partCalls = 0;
    for (const p of parts) {
      if (p === null || typeof p !== 'object') continue;
      if (p.kind === undefined || p.kind === 'markdownContent') text += typeof p.value === 'string' ? p.value.length : 0;
      if (p.kind === 'toolInvocationSerialized') {
        if (typeof p.subAgentInvocationId === 'string' && p.subAgentInvocationId !== '') f.subAgentToolCalls++;
        else partCalls++;
      }
    }
    const rounds = r.result?.metadata?.toolCallRounds;
    const calls = Array.isArray(rounds) ? rounds.reduce((s: number, x: Obj) => s + (Array.isArray(x?.toolCalls) ? x.toolCalls.length : 0), 0) : partCalls;
    f.toolCalls += calls;
    f.tokensOut += n(r.completionTokens);
    if (text > 0 || calls > 0 || n(r.completionTokens) > 0) f.responses++;
  }
  f.sessions = f.requests > 0 ? 1 : 0;
  f.models = [...models].sort();
  return f;
}

// ---- Continue dev data: one record per line; the event is `eventName` or the file's name.
function countContinue(path: string): Figures {
  const f = zero();
  const fromFile = basename(path, '.jsonl');
  const models = new Set<string>();
  for (const o of jsonLines(path)) {
    const name = String(o.eventName ?? fromFile);
    const model = o.modelName ?? o.modelTitle ?? o.model;
    if (name === 'tokensGenerated' || name === 'tokens_generated') {
      f.tokensIn += n(o.promptTokens);
      f.tokensOut += n(o.generatedTokens);
      if (n(o.generatedTokens) > 0) f.responses++;
    } else if (name === 'autocomplete') {
      if (typeof o.completion === 'string' && o.completion.length > 0) f.responses++;
    } else if (name === 'chatInteraction' || name === 'chat') {
      f.requests++;
      if (typeof o.completion === 'string' && o.completion.length > 0) f.responses++;
    } else {
      continue;
    }
    if (typeof model === 'string') models.add(model);
  }
  f.models = [...models].sort();
  return f;
}

// ---- Aider: `.aider.chat.history.md`; `#### ` lines are the user's, `> ` lines are Aider's notes.
function aiderNumber(s: string): number {
  const m = /^([\d.,]+)([kKmM]?)$/.exec(s);
  if (m === null) return 0;
  const base = Number(m[1].replace(/,/g, ''));
  return Math.round(base * (m[2] === '' ? 1 : /k/i.test(m[2]) ? 1000 : 1_000_000));
}

function countAider(path: string): Figures {
  const f = zero();
  const models = new Set<string>();
  let sessionHasRequest = false;
  let model: string | undefined;
  let inUser = false;
  let replied = true;
  const endSession = (): void => {
    if (sessionHasRequest) f.sessions++;
    sessionHasRequest = false;
  };
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (line.startsWith('# aider chat started at')) {
      endSession();
      inUser = false;
      model = undefined;
      continue;
    }
    if (line === '####' || line.startsWith('#### ')) {
      if (!inUser) {
        f.requests++;
        sessionHasRequest = true;
        replied = false;
        if (model !== undefined) models.add(model);
      }
      inUser = true;
      continue;
    }
    inUser = false;
    if (line.startsWith('>')) {
      const note = line.replace(/^>\s?/, '');
      const named = /^(?:Main model|Models?): (\S+)/.exec(note);
      if (named !== null) model = named[1];
      if (note.startsWith('Tokens: ')) {
        for (const m of note.matchAll(/([\d.,]+[kKmM]?) (sent|received|cache write|cache hit)/g)) {
          const v = aiderNumber(m[1]);
          if (m[2] === 'sent') f.tokensIn += v;
          else if (m[2] === 'received') f.tokensOut += v;
          else if (m[2] === 'cache write') f.cacheWrite += v;
          else f.cacheRead += v;
        }
      }
      continue;
    }
    if (line.trim() !== '' && !replied && sessionHasRequest) {
      f.responses++;
      replied = true;
    }
  }
  endSession();
  f.models = [...models].sort();
  return f;
}

// ---- Copilot CLI: `events.jsonl`; every `session.shutdown` repeats the session's totals so far, so the last one
// holds the file's usage (its `inputTokens` is the whole prompt: the uncached part is what is left after the
// cache reads and writes). Prompts are `user.message` lines; tool calls are the assistant's `toolRequests`.
function countCopilotCli(path: string): Figures {
  const f = zero();
  const lines = jsonLines(path);
  const version = lines.find((o) => o.type === 'session.start')?.data?.version;
  if (version !== undefined && version !== 1) return f;
  let last: Obj | undefined;
  let model: string | undefined;
  let replied = false;
  let open = false;
  const models = new Set<string>();
  const close = (): void => {
    if (open && replied) f.responses++;
    open = false;
    replied = false;
  };
  for (const o of lines) {
    const d = o.data;
    if (d === null || typeof d !== 'object' || typeof o.timestamp !== 'string') continue;
    if (o.type === 'session.start' && typeof d.selectedModel === 'string') model = d.selectedModel;
    if (o.type === 'session.model_change' && typeof d.newModel === 'string') model = d.newModel;
    if (o.type === 'user.message') {
      close();
      f.requests++;
      open = true;
      if (model !== undefined) models.add(model);
    }
    if (o.type === 'assistant.message') {
      const asks = Array.isArray(d.toolRequests) ? d.toolRequests.length : 0;
      f.toolCalls += open ? asks : 0;
      if (open && (asks > 0 || (typeof d.content === 'string' && d.content !== ''))) replied = true;
    }
    if (o.type === 'session.shutdown') {
      last = d;
      close();
    }
  }
  close();
  for (const [name, m] of Object.entries((last?.modelMetrics ?? {}) as Obj)) {
    const u = m?.usage ?? {};
    const cached = n(u.cacheReadTokens) + n(u.cacheWriteTokens);
    f.tokensIn += n(u.inputTokens) >= cached ? n(u.inputTokens) - cached : n(u.inputTokens);
    f.tokensOut += n(u.outputTokens);
    f.cacheRead += n(u.cacheReadTokens);
    f.cacheWrite += n(u.cacheWriteTokens);
    f.reasoning += n(u.reasoningTokens);
    if (models.size === 0 && f.requests > 0) models.add(name);
  }
  f.sessions = f.requests > 0 ? 1 : 0;
  f.models = [...models].sort();
  return f;
}

// ---- Amp: one thread document; a user message with text (and no tool result) is a prompt; assistant
// messages carry their own usage (input uncached) and `tool_use` parts.
function countAmp(path: string): Figures {
  const f = zero();
  let doc: Obj;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8')) as Obj;
  } catch {
    return f;
  }
  const models = new Set<string>();
  let open = false;
  let replied = false;
  for (const m of (Array.isArray(doc.messages) ? doc.messages : []) as Obj[]) {
    const parts: Obj[] = Array.isArray(m?.content) ? m.content : [];
    if (m?.role === 'user' && parts.some((p) => p?.type === 'text') && !parts.some((p) => p?.type === 'tool_result')) {
      if (open && replied) f.responses++;
      f.requests++;
      open = true;
      replied = false;
    } else if (m?.role === 'assistant' && open) {
      const u = m.usage ?? {};
      f.tokensIn += n(u.inputTokens);
      f.tokensOut += n(u.outputTokens);
      f.cacheRead += n(u.cacheReadInputTokens);
      f.cacheWrite += n(u.cacheCreationInputTokens);
      if (typeof u.model === 'string') models.add(u.model);
      const tools = parts.filter((p) => p?.type === 'tool_use').length;
      f.toolCalls += tools;
      if (tools > 0 || n(u.outputTokens) > 0 || parts.some((p) => p?.type === 'text' && p.text !== '')) replied = true;
    }
  }
  if (open && replied) f.responses++;
  f.sessions = f.requests > 0 ? 1 : 0;
  f.models = [...models].sort();
  return f;
}

// ---- Gemini CLI: a `.json` document's `messages`, or `.jsonl` records where a message written again with the
// same id replaces the earlier one (and `$set.messages` lists messages too). `$rewindTo` only hides turns from
// the CLI's view: the requests were made, so they stay counted. `tokens.input` includes `tokens.cached`;
// `tokens.output` excludes `tokens.thoughts`, which are billed as output.
function geminiText(content: unknown): string {
  if (typeof content === 'string') return content;
  const parts = Array.isArray(content) ? content : content !== null && typeof content === 'object' ? [content] : [];
  return parts.map((p: Obj) => (typeof p?.text === 'string' ? p.text : '')).join('');
}

function countGemini(path: string): Figures {
  const f = zero();
  const byId = new Map<string, Obj>();
  const take = (m: Obj): void => {
    if (m !== null && typeof m === 'object' && typeof m.id === 'string') byId.set(m.id, m);
  };
  if (path.endsWith('.jsonl')) {
    for (const o of jsonLines(path)) {
      if (o.$set !== null && typeof o.$set === 'object') for (const m of Array.isArray(o.$set.messages) ? o.$set.messages : []) take(m);
      else if (typeof o.$rewindTo !== 'string') take(o);
    }
  } else {
    const doc = JSON.parse(readFileSync(path, 'utf8')) as Obj;
    for (const m of Array.isArray(doc.messages) ? doc.messages : []) take(m);
  }
  const models = new Set<string>();
  let any = false;
  for (const m of byId.values()) {
    if (m.type === 'user' && geminiText(m.content).trim() !== '') {
      f.requests++;
      any = true;
    }
    if (m.type !== 'gemini') continue;
    any = true;
    const t: Obj = m.tokens !== null && typeof m.tokens === 'object' ? m.tokens : {};
    f.tokensIn += Math.max(0, n(t.input) + n(t.tool) - n(t.cached));
    f.cacheRead += n(t.cached);
    f.tokensOut += n(t.output) + n(t.thoughts);
    f.reasoning += n(t.thoughts);
    const calls = Array.isArray(m.toolCalls) ? m.toolCalls.length : 0;
    f.toolCalls += calls;
    if (geminiText(m.content).length > 0 || calls > 0 || n(t.output) + n(t.thoughts) > 0) f.responses++;
    if (typeof m.model === 'string') models.add(m.model);
  }
  f.sessions = any ? 1 : 0;
  f.models = [...models].sort();
  return f;
}

// ---- Cline, Roo Code, Kilo Code: `tasks/<id>/ui_messages.json`, an array of `{ts, type, say|ask, text, partial}`.
// The user speaks in the opening `say: "text"` (before any API request), `say: "task"` and `say: "user_feedback"`;
// each `say: "api_req_started"` (and `deleted_api_reqs`) is a request whose JSON text holds its tokens, which an
// older `api_req_finished` right after may carry instead. With `apiProtocol: "openai"` the input includes the
// cache tokens. Tool uses are `tool`, `command`, `use_mcp_server` and `browser_action_launch` messages.
function clineModels(path: string): { ts: number; model: string }[] {
  try {
    const meta = JSON.parse(readFileSync(join(dirname(path), 'task_metadata.json'), 'utf8')) as Obj;
    return (Array.isArray(meta.model_usage) ? meta.model_usage : [])
      .filter((u: Obj) => typeof u?.model_id === 'string' && typeof u?.ts === 'number')
      .map((u: Obj) => ({ ts: u.ts as number, model: u.model_id as string }))
      .sort((a: { ts: number }, b: { ts: number }) => a.ts - b.ts);
  } catch {
    return [];
  }
}

function countCline(path: string): Figures {
  const f = zero();
  const list: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const messages: Obj[] = (Array.isArray(list) ? list : []).filter((m: Obj) => m !== null && typeof m === 'object' && m.partial !== true);
  const usage = clineModels(path);
  const models = new Set<string>();
  type Req = { u: Obj; text: number; tools: number; model?: string; ts: number };
  const reqs: Req[] = [];
  let last: Req | undefined;
  let opened = false;
  for (const m of messages) {
    const what = m.say ?? m.ask;
    const parse = (): Obj => {
      try {
        const v: unknown = JSON.parse(String(m.text ?? ''));
        return v !== null && typeof v === 'object' ? v : {};
      } catch {
        return {};
      }
    };
    if (m.type === 'say' && (what === 'task' || what === 'user_feedback' || (what === 'text' && reqs.length === 0 && !opened))) {
      f.requests++;
      opened = true;
    } else if (m.type === 'say' && (what === 'api_req_started' || what === 'deleted_api_reqs')) {
      last = { u: parse(), text: 0, tools: 0, model: m.modelInfo?.modelId, ts: m.ts };
      reqs.push(last);
    } else if (last !== undefined && m.type === 'say' && what === 'api_req_finished') {
      Object.assign(last.u, parse());
    } else if (last !== undefined && m.type === 'say' && (what === 'text' || what === 'completion_result')) {
      last.text += String(m.text ?? '').length;
    } else if (['tool', 'command', 'use_mcp_server', 'browser_action_launch'].includes(what)) {
      f.toolCalls++;
      if (last !== undefined) last.tools++;
    }
    if (last !== undefined && last.model === undefined && typeof m.modelInfo?.modelId === 'string') last.model = m.modelInfo.modelId;
  }
  for (const r of reqs) {
    const cacheR = n(r.u.cacheReads);
    const cacheW = n(r.u.cacheWrites);
    f.tokensIn += r.u.apiProtocol === 'openai' ? Math.max(0, n(r.u.tokensIn) - cacheR - cacheW) : n(r.u.tokensIn);
    f.tokensOut += n(r.u.tokensOut);
    f.cacheRead += cacheR;
    f.cacheWrite += cacheW;
    if (r.text > 0 || r.tools > 0 || n(r.u.tokensOut) > 0) f.responses++;
    const fromMeta = usage.filter((x) => x.ts <= r.ts + 1000).pop()?.model ?? usage[0]?.model;
    const model = r.model ?? fromMeta;
    if (model !== undefined) models.add(model);
  }
  f.sessions = f.requests > 0 || reqs.length > 0 ? 1 : 0;
  f.models = [...models].sort();
  return f;
}
