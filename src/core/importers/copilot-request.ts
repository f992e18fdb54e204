import type { AiInteractionEvent, FeedbackEvent, RecordedEvent, ToolRunEvent } from '../model/events';
import { classifyIntent } from '../learn/intent';
import { shortHash } from '../util/hash';
import { arr, compact, countLines, num, obj, str, toMs } from './parse-util';
import type { Json } from './parse-util';
import type { ParseContext } from './types';

/**
 * Maps one Copilot Chat request (`ISerializableChatData` v3 `requests[i]`, the same shape in the `.json`
 * files and in the `.jsonl` mutation log) to events: one `ai_interaction`, a `tool_run` per serialized tool
 * invocation, and a `feedback` for a vote. Copilot bills by subscription and persists only last-round
 * token counts, so no cost is computed (left unknown). Long strings may have been replaced by
 * `LongText` markers (see copilot-mutation-log.ts); lengths and line counts read through `textLength`.
 */
export interface LongText {
  $len: number;
  $lines: number;
}

export function textLength(value: unknown): number {
  if (typeof value === 'string') return value.length;
  const o = obj(value);
  return typeof o?.$len === 'number' ? o.$len : 0;
}

function textLines(value: unknown): number {
  if (typeof value === 'string') return countLines(value);
  const o = obj(value);
  return typeof o?.$lines === 'number' ? o.$lines : 0;
}

/** A request is final once it has a result or was cancelled. */
export function isFinalRequest(request: Json): boolean {
  return obj(request.result) !== undefined || request.isCanceled === true;
}

export function requestEvents(request: Json, sessionId: string, ctx: ParseContext): RecordedEvent[] {
  const requestId = str(request.requestId);
  const ts = toMs(request.timestamp);
  if (requestId === undefined || ts === undefined) {
    ctx.skip('missing_fields');
    return [];
  }
  const id = shortHash(`copilot-chat|${sessionId}|${requestId}`);
  const parts = arr(request.response).map(obj).filter((p): p is Json => p !== undefined);
  const tools = parts.filter((p) => p.kind === 'toolInvocationSerialized');
  const runs = tools.map((t) => toolRun(t, ts, sessionId));
  const edits = editStats(parts);
  const interaction = toInteraction(request, { id, ts, sessionId, parts, runs, edits }, ctx);
  const events: RecordedEvent[] = [interaction, ...runs];
  if (interaction.vote !== undefined) events.push(vote(interaction));
  return events;
}

interface Facts {
  id: string;
  ts: number;
  sessionId: string;
  parts: Json[];
  runs: ToolRunEvent[];
  edits: { files: number; lines: number };
}

function toInteraction(request: Json, f: Facts, ctx: ParseContext): AiInteractionEvent {
  const message = obj(request.message);
  const prompt = str(message?.text);
  const result = obj(request.result);
  const timings = obj(result?.timings);
  const voteValue = request.vote === 1 ? 1 : request.vote === 0 ? -1 : undefined;
  const { includeText, redact } = ctx.options;
  return compact<AiInteractionEvent>({
    kind: 'ai_interaction',
    ts: f.ts,
    id: f.id,
    sourceTool: 'copilot-chat',
    interaction: interactionKind(request),
    intent: classifyIntent(prompt),
    model: str(request.modelId),
    promptChars: textLength(message?.text),
    prompt: includeText && prompt !== undefined ? (redact ?? ((t: string) => t))(prompt) : undefined,
    responseChars: f.parts.reduce((n, p) => n + (p.kind === undefined || p.kind === 'markdownContent' ? textLength(p.value ?? obj(p.content)?.value) : 0), 0),
    firstTokenMs: num(timings?.firstProgress),
    latencyMs: num(timings?.totalElapsed),
    tokensOut: num(request.completionTokens),
    success: request.isCanceled === true || result === undefined ? undefined : obj(result.errorDetails) === undefined,
    vote: voteValue,
    voteReason: voteValue === -1 ? str(request.voteDownReason) : undefined,
    cancelled: request.isCanceled === true ? true : undefined,
    toolCalls: f.runs.length,
    toolErrors: f.runs.filter((r) => r.success === false).length,
    filesEdited: f.edits.files,
    linesEdited: f.edits.lines,
    conversation: f.sessionId,
  });
}

function interactionKind(request: Json): AiInteractionEvent['interaction'] {
  const mode = str(obj(request.modeInfo)?.kind);
  if (mode === 'agent') return 'agent';
  if (mode === 'edit') return 'edit';
  if (mode === 'ask') return 'chat';
  const agentId = str(obj(request.agent)?.id) ?? '';
  if (/editsAgent|\.agent$/.test(agentId)) return 'agent';
  if (/editingSession/.test(agentId)) return 'edit';
  return 'chat';
}

/** Distinct files and inserted lines of the response's `textEditGroup` parts. */
function editStats(parts: Json[]): { files: number; lines: number } {
  const files = new Set<string>();
  let lines = 0;
  for (const p of parts) {
    if (p.kind !== 'textEditGroup') continue;
    const uri = obj(p.uri);
    files.add(str(uri?.path) ?? str(uri?.external) ?? '');
    for (const group of arr(p.edits)) for (const e of arr(group)) lines += textLines(obj(e)?.text);
  }
  return { files: files.size, lines };
}

/**
 * Outcome of a serialized tool invocation: denied (`isConfirmed` false or `{type: 0}`) or a result
 * flagged `isError` is a failure; complete otherwise is a success; incomplete is unknown.
 */
function toolRun(part: Json, ts: number, sessionId: string): ToolRunEvent {
  const confirmed = part.isConfirmed;
  const denied = confirmed === false || obj(confirmed)?.type === 0;
  const isError = obj(part.resultDetails)?.isError === true;
  const success = denied || isError ? false : part.isComplete === true ? true : undefined;
  const callId = str(part.toolCallId) ?? '';
  return compact<ToolRunEvent>({
    kind: 'tool_run',
    ts,
    tool: str(part.toolId) ?? 'unknown',
    source: 'import',
    sourceTool: 'copilot-chat',
    success,
    externalId: shortHash(`copilot-chat|tool|${sessionId}|${callId}`),
  });
}

function vote(interaction: AiInteractionEvent): FeedbackEvent {
  return compact<FeedbackEvent>({
    kind: 'feedback',
    ts: interaction.ts,
    id: shortHash(`copilot-chat|vote|${interaction.id}|${interaction.vote}`),
    rating: interaction.vote === 1 ? 5 : 1,
    tags: interaction.voteReason !== undefined ? ['vote', interaction.voteReason] : ['vote'],
    sourceTool: 'copilot-chat',
    interactionId: interaction.id,
  });
}
