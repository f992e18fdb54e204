import type { AiInteractionEvent, FeedbackEvent, RecordedEvent, ToolRunEvent } from '../model/events';
import { classifyIntentOnce } from '../learn/intent-memo';
import { shortHash } from '../util/hash';
import { arr, countLines, figure, obj, str, toMs } from './parse-util';
import type { Json } from './parse-util';
import type { RequestEdits } from './copilot-editing-state';
import type { ParseContext } from './types';

/**
 * Maps one Copilot Chat request (`ISerializableChatData` v3 `requests[i]`, the same shape in the `.json`
 * files and in the `.jsonl` mutation log) to events: one `ai_interaction`, a `tool_run` per serialized tool
 * invocation, and a `feedback` for a vote. Copilot bills by subscription and persists only last-round
 * token counts, so no cost is computed (left unknown). Long strings may have been replaced by
 * `LongText` markers (see copilot-mutation-log.ts); lengths and line counts read through `textLength`.
 * `promptTokens`/`outputTokens` in `result.metadata` and `result.usage` are the last model round's only (a
 * request of many rounds would be undercounted), so tokens in are not read from them.
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

/**
 * `index` names a request that has no `requestId` (session files some tools write with only
 * `{timestamp, prompt, completion}` per request): its position in the session.
 */
export function requestEvents(request: Json, sessionId: string, ctx: ParseContext, index?: number, edits?: ReadonlyMap<string, RequestEdits>): RecordedEvent[] {
  const requestId = str(request.requestId) ?? (index !== undefined ? `#${index}` : undefined);
  const ts = toMs(request.timestamp);
  if (requestId === undefined || ts === undefined) {
    ctx.skip('missing_fields');
    return [];
  }
  const id = shortHash(`copilot-chat|${sessionId}|${requestId}`);
  const response = responseFacts(request.response, ts, sessionId);
  // The editing state's operations of this request (chatEditingSessions, see copilot-editing-state.ts) cover the
  // agent's tool edits too: when it has them they replace the textEditGroup parts' figures.
  const edited = edits?.get(requestId);
  if (edited !== undefined) {
    response.files = edited.files;
    response.lines = edited.linesAdded;
  }
  const interaction = toInteraction(request, id, ts, sessionId, response, ctx);
  const events: RecordedEvent[] = [interaction];
  for (const run of response.runs) events.push(run);
  if (interaction.vote !== undefined) events.push(vote(interaction));
  return events;
}

/** What a request's response parts say, gathered in one pass. */
interface ResponseFacts {
  runs: ToolRunEvent[];
  /** Tool invocations of sub-agents (parts with `subAgentInvocationId`), among `runs`. */
  subAgentRuns: number;
  toolErrors: number;
  responseChars: number;
  /** Distinct files and inserted lines of the `textEditGroup` parts. */
  files: number;
  lines: number;
}

function responseFacts(response: unknown, ts: number, sessionId: string): ResponseFacts {
  const facts: ResponseFacts = { runs: [], subAgentRuns: 0, toolErrors: 0, responseChars: 0, files: 0, lines: 0 };
  let files: Set<string> | undefined;
  for (const part of arr(response)) {
    const p = obj(part);
    if (p === undefined) continue;
    const kind = p.kind;
    if (kind === undefined || kind === 'markdownContent') {
      facts.responseChars += textLength(p.value ?? obj(p.content)?.value);
    } else if (kind === 'toolInvocationSerialized') {
      const run = toolRun(p, ts, sessionId);
      facts.runs.push(run);
      if (str(p.subAgentInvocationId) !== undefined && p.subAgentInvocationId !== '') facts.subAgentRuns++;
      if (run.success === false) facts.toolErrors++;
    } else if (kind === 'textEditGroup') {
      const uri = obj(p.uri);
      (files ??= new Set()).add(str(uri?.path) ?? str(uri?.external) ?? '');
      for (const group of arr(p.edits)) for (const e of arr(group)) facts.lines += textLines(obj(e)?.text);
    }
  }
  facts.files = files?.size ?? 0;
  return facts;
}

/** Sets `key` only when `value` is defined: the journal never stores `undefined` (no `delete` needed). */
function put<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

/** Fields are set in the order the event has always been written in. */
function toInteraction(request: Json, id: string, ts: number, sessionId: string, r: ResponseFacts, ctx: ParseContext): AiInteractionEvent {
  const message = obj(request.message);
  const promptValue = message?.text ?? request.prompt;
  const prompt = str(promptValue);
  const result = obj(request.result);
  const timings = obj(result?.timings);
  const voteValue = request.vote === 1 ? 1 : request.vote === 0 ? -1 : undefined;
  const cancelled = request.isCanceled === true;
  const { includeText, redact } = ctx.options;
  const event: AiInteractionEvent = {
    kind: 'ai_interaction',
    ts,
    id,
    sourceTool: 'copilot-chat',
    interaction: interactionKind(request),
    intent: classifyIntentOnce(prompt),
  };
  put(event, 'model', str(request.modelId));
  event.promptChars = textLength(promptValue);
  if (includeText && prompt !== undefined) event.prompt = redact !== undefined ? redact(prompt) : prompt;
  event.responseChars = r.responseChars + textLength(request.completion);
  put(event, 'firstTokenMs', figure(timings?.firstProgress));
  put(event, 'latencyMs', figure(timings?.totalElapsed));
  put(event, 'tokensOut', figure(request.completionTokens));
  if (!cancelled && result !== undefined) event.success = obj(result.errorDetails) === undefined;
  put(event, 'vote', voteValue);
  put(event, 'voteReason', voteValue === -1 ? str(request.voteDownReason) : undefined);
  if (cancelled) event.cancelled = true;
  event.toolCalls = mainToolCalls(result) ?? r.runs.length - r.subAgentRuns;
  if (r.subAgentRuns > 0) event.subAgentToolCalls = r.subAgentRuns;
  event.toolErrors = r.toolErrors;
  event.filesEdited = r.files;
  event.linesEdited = r.lines;
  event.conversation = sessionId;
  return event;
}
/**
 * The main agent's tool calls: those of its model rounds (`result.metadata.toolCallRounds[].toolCalls`);
 * undefined when the request has no rounds (older files: the serialized parts are counted instead).
 */
function mainToolCalls(result: Json | undefined): number | undefined {
  const rounds = obj(result?.metadata)?.toolCallRounds;
  if (!Array.isArray(rounds)) return undefined;
  return rounds.reduce((n: number, round) => n + arr(obj(round)?.toolCalls).length, 0);
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
  const run: ToolRunEvent = { kind: 'tool_run', ts, tool: str(part.toolId) ?? 'unknown', source: 'import', sourceTool: 'copilot-chat' };
  put(run, 'success', success);
  run.externalId = shortHash(`copilot-chat|tool|${sessionId}|${callId}`);
  return run;
}

function vote(interaction: AiInteractionEvent): FeedbackEvent {
  return {
    kind: 'feedback',
    ts: interaction.ts,
    id: shortHash(`copilot-chat|vote|${interaction.id}|${interaction.vote}`),
    rating: interaction.vote === 1 ? 5 : 1,
    tags: interaction.voteReason !== undefined ? ['vote', interaction.voteReason] : ['vote'],
    sourceTool: 'copilot-chat',
    interactionId: interaction.id,
  };
}
