import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AiInteractionEvent, RecordedEvent, ToolRunEvent } from '../model/events';
import { costUsd } from '../learn/pricing';
import { classifyIntentOnce } from '../learn/intent-memo';
import { shortHash } from '../util/hash';
import { importLogFile } from './jsonl-driver';
import type { LineParser } from './jsonl-driver';
import { compact, figure, obj, str } from './parse-util';
import type { Json } from './parse-util';
import type { FileCursor, FileImportResult, ImportOptions, ParseContext } from './types';

/**
 * Copilot CLI's OpenTelemetry file export (`COPILOT_OTEL_ENABLED=true COPILOT_OTEL_EXPORTER_TYPE=file`, written to
 * `$COPILOT_OTEL_FILE_EXPORTER_PATH` or `~/.copilot/otel/*.jsonl`): one JSON line per span, metric or log record.
 * Spans are `{type: "span", traceId, spanId, parentSpanId, name, startTime: [s, ns], endTime, status: {code},
 * attributes}` with the GenAI semantic conventions' attributes: `gen_ai.operation.name` (`chat` per model request,
 * `execute_tool` per tool call, `invoke_agent` a turn's or a sub-agent's sum), `gen_ai.conversation.id`,
 * `gen_ai.request.model` / `gen_ai.response.model`, `gen_ai.usage.input_tokens` (the whole prompt, cache reads and
 * writes inside it), `gen_ai.usage.output_tokens`, `gen_ai.usage.cache_read.input_tokens`,
 * `gen_ai.usage.cache_write.input_tokens`, `gen_ai.usage.reasoning.output_tokens`, `gen_ai.tool.name`,
 * `gen_ai.tool.call.id`. Prompt text is only there with content capture on, and is not read.
 *
 * One `ai_interaction` per `chat` span (a model request: tokens, model, latency, no prompt), one `tool_run` per
 * `execute_tool` span; `invoke_agent` sums are not records (they would count each request twice). The same session
 * imported from its `events.jsonl` too must not count twice: a `chat` span whose `gen_ai.conversation.id` names a
 * session that has an events log in `session-state/` (beside this file's folder, or the folder discovery gives) is
 * skipped, since that log's `session.shutdown` already carries the session's exact tokens; tool runs take the
 * events log's own key (`copilot-cli|tool|<session>|<toolCallId>`), so the store keeps one of each.
 */
export async function importCopilotOtel(
  path: string,
  cursor: FileCursor | undefined,
  options: ImportOptions,
  sink: (event: RecordedEvent) => void,
  sessionState: string | undefined,
  cancelled?: () => boolean,
): Promise<FileImportResult> {
  const states = [...new Set([sessionState, join(dirname(dirname(path)), 'session-state')].filter((d): d is string => d !== undefined))];
  const known = new Map<string, boolean>();
  const hasEventsLog = (session: string): boolean => {
    let seen = known.get(session);
    if (seen === undefined) {
      seen = /^[\w.-]+$/.test(session) && states.some((d) => existsSync(join(d, session, 'events.jsonl')) || existsSync(join(d, `${session}.jsonl`)));
      known.set(session, seen);
    }
    return seen;
  };
  return importLogFile(path, 'copilot-otel', cursor, options, sink, (ctx) => otelParser(ctx, hasEventsLog), cancelled);
}

/** OTel's `[seconds, nanoseconds]` time to integer ms. */
function hrMs(value: unknown): number | undefined {
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [s, ns] = value as unknown[];
  return typeof s === 'number' && typeof ns === 'number' && Number.isFinite(s) && s > 0 ? Math.round(s * 1000 + ns / 1e6) : undefined;
}

/** Semantic-convention figures may come as numbers or numeric strings; an absurd number is kept for the bounds check. */
function count(a: Json, key: string): number | undefined {
  const v = a[key];
  return typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : figure(v);
}

export function otelParser(ctx: ParseContext, hasEventsLog: (session: string) => boolean): LineParser {
  return {
    line(v) {
      if (v.type !== 'span') return; // metrics and log records carry nothing a span does not
      const a = obj(v.attributes);
      const op = a !== undefined ? str(a['gen_ai.operation.name']) : undefined;
      const start = hrMs(v.startTime);
      const trace = str(v.traceId);
      const span = str(v.spanId);
      if (a === undefined || start === undefined || trace === undefined || span === undefined) return ctx.skip('missing_fields');
      const end = hrMs(v.endTime);
      const session = str(a['gen_ai.conversation.id']);
      if (op === 'chat' && !(session !== undefined && hasEventsLog(session))) ctx.emit(toRequest(a, start, end, trace, span, session, ctx));
      else if (op === 'execute_tool') ctx.emit(toToolRun(a, v, start, end, session ?? trace, span));
    },
    finish(_quiet, endOffset) {
      return endOffset;
    },
  };
}

function toRequest(a: Json, start: number, end: number | undefined, trace: string, span: string, session: string | undefined, ctx: ParseContext): AiInteractionEvent {
  const whole = count(a, 'gen_ai.usage.input_tokens');
  const cacheRead = count(a, 'gen_ai.usage.cache_read.input_tokens');
  const cacheWrite = count(a, 'gen_ai.usage.cache_write.input_tokens');
  const cached = (cacheRead ?? 0) + (cacheWrite ?? 0);
  // The whole prompt, cached parts inside it; a reader that wrote the uncached rest alone is never taken below zero.
  const input = whole !== undefined && whole >= cached ? whole - cached : whole;
  const output = count(a, 'gen_ai.usage.output_tokens');
  const model = str(a['gen_ai.response.model']) ?? str(a['gen_ai.request.model']);
  const usage = { input, output, cacheRead, cacheWrite };
  return compact<AiInteractionEvent>({
    kind: 'ai_interaction',
    ts: start,
    id: shortHash(`copilot-otel|${trace}|${span}`),
    sourceTool: 'copilot-cli',
    interaction: 'agent',
    intent: classifyIntentOnce(''),
    model,
    latencyMs: end !== undefined && end >= start ? end - start : undefined,
    tokensIn: input,
    tokensOut: output,
    cacheReadTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    reasoningTokens: count(a, 'gen_ai.usage.reasoning.output_tokens'),
    costUsd: costUsd(model, usage, ctx.options.pricingOverrides, start),
    conversation: session ?? trace,
  });
}

function toToolRun(a: Json, v: Json, start: number, end: number | undefined, session: string, span: string): ToolRunEvent {
  const code = obj(v.status)?.code;
  const callId = str(a['gen_ai.tool.call.id']);
  return compact<ToolRunEvent>({
    kind: 'tool_run',
    ts: start,
    tool: str(a['gen_ai.tool.name']) ?? 'unknown',
    source: 'import',
    sourceTool: 'copilot-cli',
    // OTel status codes: 0 unset, 1 ok, 2 error.
    success: code === 2 ? false : code === 0 || code === 1 ? true : undefined,
    durationMs: end !== undefined && end >= start ? end - start : undefined,
    // The events log's key for the same call, so a session read from both keeps one run.
    externalId: shortHash(callId !== undefined ? `copilot-cli|tool|${session}|${callId}` : `copilot-otel|tool|${span}`),
  });
}
