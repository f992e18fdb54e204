import type { AiInteractionEvent, Intent, SourceTool, ToolRunEvent } from '../model/events';
import { classifyIntentOnce } from '../learn/intent-memo';
import { costUsd } from '../learn/pricing';
import { shortHash } from '../util/hash';
import { compact, figure, obj, parseObject, str } from './parse-util';
import type { Json } from './parse-util';
import type { ParseContext } from './types';

/**
 * The messages of one Cline-family task (`ui_messages.json`, a JSON array of `{ts, type: say|ask, say, ask,
 * text, partial, modelInfo}`), shared by Cline, Roo Code and Kilo Code, which forked it.
 *
 * - A request: the task's opening `say: "text"` (or `say: "task"`, older versions) written before any API
 *   request, and every `say: "user_feedback"` (the user's later messages).
 * - One `say: "api_req_started"` is one API request: its `text` is JSON with `tokensIn`, `tokensOut`,
 *   `cacheWrites`, `cacheReads`, `cost` (older versions put them in the `api_req_finished` that follows) and
 *   `cancelReason`. Where `apiProtocol` is `"openai"` (Roo, Kilo), `tokensIn` includes the cache tokens,
 *   which are taken out so that each is counted once. The tool's own `cost` is kept; our price data prices
 *   a request that has none. `say: "deleted_api_reqs"` sums requests the user deleted; it counts as one.
 * - Tool uses (`tool`, `command`, `use_mcp_server`, `browser_action_launch`, as `say` when auto-approved or
 *   `ask` when approved) belong to the request before them; file tools (`editedExistingFile`,
 *   `newFileCreated`, `appliedDiff`, ...) name the files the request edited.
 * - The model: the request's `modelInfo.modelId`, else the task's `task_metadata.json` `model_usage`.
 */
export interface ClineTaskInfo {
  tool: SourceTool;
  taskId: string;
  /** `task_metadata.json` `model_usage`: which model was in use from when. */
  modelUsage: { ts: number; model: string }[];
}

const TOOL_SAYS = new Set(['tool', 'command', 'use_mcp_server', 'browser_action_launch']);
const FILE_TOOLS = new Set(['editedExistingFile', 'newFileCreated', 'appliedDiff', 'insertContent', 'searchAndReplace', 'fileDeleted', 'writeToFile']);

interface Request {
  ts: number;
  usage: Json;
  model?: string;
  prompt?: { text: string; ts: number };
  /** The intent of the turn's prompt, which every request of the turn carries. */
  intent: Intent;
  responseChars: number;
  tools: { name: string; ts: number; path?: string }[];
  /** An API request, the sum of deleted ones, or a prompt no request answered. */
  kind: 'api' | 'deleted' | 'prompt';
}

/** Emits the task's events; the last request is held back unless `final` (the file is still being written). */
export function emitClineTask(messages: unknown[], info: ClineTaskInfo, final: boolean, ctx: ParseContext): void {
  let current: Request | undefined;
  let prompt: { text: string; ts: number } | undefined;
  let intent: Intent = classifyIntentOnce(undefined);
  let sawRequest = false;
  let cwd: string | undefined;
  const done: Request[] = [];
  const close = (): void => {
    if (current !== undefined) done.push(current);
    current = undefined;
  };
  for (const raw of messages) {
    const m = obj(raw);
    const ts = typeof m?.ts === 'number' && Number.isFinite(m.ts) ? m.ts : undefined;
    if (m === undefined || ts === undefined) {
      ctx.skip(m === undefined ? 'not_object' : 'missing_fields');
      continue;
    }
    if (m.partial === true) continue;
    const kind = str(m.say) ?? str(m.ask);
    const text = str(m.text) ?? '';
    if (m.type === 'say' && (kind === 'user_feedback' || kind === 'task' || (kind === 'text' && !sawRequest && prompt === undefined))) {
      if (prompt !== undefined) done.push(unansweredRequest(prompt, intent));
      prompt = { text, ts };
      intent = classifyIntentOnce(text);
      continue;
    }
    if (m.type === 'say' && (kind === 'api_req_started' || kind === 'deleted_api_reqs')) {
      close();
      const usage = jsonText(text);
      if (usage === undefined) ctx.skip('not_json');
      cwd ??= workingDirectory(str(usage?.request));
      sawRequest = true;
      current = { ts, usage: usage ?? {}, model: str(obj(m.modelInfo)?.modelId), prompt, intent, responseChars: 0, tools: [], kind: kind === 'deleted_api_reqs' ? 'deleted' : 'api' };
      prompt = undefined;
      continue;
    }
    if (current === undefined) continue;
    if (m.type === 'say' && kind === 'api_req_finished') Object.assign(current.usage, jsonText(text) ?? {});
    else if (m.type === 'say' && (kind === 'text' || kind === 'completion_result')) current.responseChars += text.length;
    else if (kind !== undefined && TOOL_SAYS.has(kind)) current.tools.push(toolOf(kind, text, ts));
    current.model ??= str(obj(m.modelInfo)?.modelId);
  }
  if (final) {
    close();
    if (prompt !== undefined) done.push(unansweredRequest(prompt, intent));
  }
  const workspaceHash = cwd !== undefined ? shortHash(cwd) : undefined;
  for (const r of done) emitRequest(r, info, workspaceHash, ctx);
}

function unansweredRequest(prompt: { text: string; ts: number }, intent: Intent): Request {
  return { ts: prompt.ts, usage: {}, prompt, intent, responseChars: 0, tools: [], kind: 'prompt' };
}

function jsonText(text: string): Json | undefined {
  const v = parseObject(text);
  return typeof v === 'object' ? v : undefined;
}

/** The task's folder, from the environment details Cline sends with the first request. */
function workingDirectory(request: string | undefined): string | undefined {
  const m = /# Current Working Directory \(([^)\n]+)\)/.exec(request ?? '');
  return m?.[1];
}

function toolOf(kind: string, text: string, ts: number): { name: string; ts: number; path?: string } {
  if (kind !== 'tool') return { name: kind === 'command' ? 'execute_command' : kind, ts };
  const t = jsonText(text);
  const name = str(t?.tool) ?? 'tool';
  return { name, ts, path: FILE_TOOLS.has(name) ? str(t?.path) : undefined };
}

function modelAt(info: ClineTaskInfo, ts: number): string | undefined {
  let model: string | undefined;
  for (const u of info.modelUsage) if (u.ts <= ts + 1000) model = u.model;
  return model ?? info.modelUsage[0]?.model;
}

function emitRequest(r: Request, info: ClineTaskInfo, workspaceHash: string | undefined, ctx: ParseContext): void {
  const u = r.usage;
  const cacheWrite = figure(u.cacheWrites);
  const cacheRead = figure(u.cacheReads);
  let input = figure(u.tokensIn);
  if (input !== undefined && u.apiProtocol === 'openai') input = Math.max(0, input - Math.max(0, cacheRead ?? 0) - Math.max(0, cacheWrite ?? 0));
  const output = figure(u.tokensOut);
  const model = r.kind === 'prompt' ? undefined : (r.model ?? modelAt(info, r.ts));
  const logged = figure(u.cost);
  const { includeText, redact } = ctx.options;
  const files = new Set(r.tools.map((t) => t.path).filter((p) => p !== undefined));
  const id = shortHash(`${info.tool}|${info.taskId}|${r.kind}|${r.ts}`);
  ctx.emit(compact<AiInteractionEvent>({
    kind: 'ai_interaction', ts: r.ts, id, sourceTool: info.tool, interaction: 'agent', intent: r.intent, model,
    promptChars: r.prompt?.text.length,
    prompt: r.prompt !== undefined && includeText ? (redact ?? ((x: string) => x))(r.prompt.text) : undefined,
    responseChars: r.responseChars,
    tokensIn: input, tokensOut: output, cacheWriteTokens: cacheWrite, cacheReadTokens: cacheRead,
    costUsd: logged ?? (model !== undefined ? costUsd(model, { input, output, cacheWrite, cacheRead }, ctx.options.pricingOverrides, r.ts) : undefined),
    cancelled: typeof u.cancelReason === 'string' ? true : undefined,
    toolCalls: r.tools.length, filesEdited: files.size > 0 ? files.size : undefined,
    conversation: info.taskId, workspaceHash,
  }));
  for (const [i, t] of r.tools.entries()) {
    ctx.emit(compact<ToolRunEvent>({
      kind: 'tool_run', ts: t.ts, tool: t.name, source: 'import', sourceTool: info.tool,
      externalId: shortHash(`${info.tool}|tool|${info.taskId}|${t.ts}|${i}`),
    }));
  }
}
