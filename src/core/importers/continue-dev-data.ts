import { basename } from 'node:path';
import type { AiInteractionEvent, FeedbackEvent, RecordedEvent, ToolRunEvent } from '../model/events';
import { classifyIntent } from '../learn/intent';
import { costUsd } from '../learn/pricing';
import { shortHash } from '../util/hash';
import type { LineParser } from './jsonl-driver';
import { compact, num, str, toMs } from './parse-util';
import type { Json } from './parse-util';
import type { ParseContext } from './types';

/**
 * Continue's dev data (`~/.continue/dev_data/0.2.0/<eventName>.jsonl`; older layouts `dev_data/<eventName>.jsonl`
 * and `dev_data/0.1.0/`). One self-contained record per line, so each line maps to at most one event and
 * a record's id is the hash of its content (stable across re-reads). The event name comes from the record's
 * `eventName` or the file name. Timestamps are ISO strings or epoch-millisecond numbers.
 */
const EVENT_ALIASES: Record<string, string> = {
  autocomplete: 'autocomplete',
  chatInteraction: 'chatInteraction',
  chat: 'chatInteraction',
  chatFeedback: 'chatFeedback',
  editOutcome: 'editOutcome',
  editInteraction: 'editInteraction',
  quickEdit: 'editInteraction',
  toolUsage: 'toolUsage',
  tokensGenerated: 'tokensGenerated',
  tokens_generated: 'tokensGenerated',
};

export function continueEventName(path: string): string | undefined {
  return EVENT_ALIASES[basename(path).replace(/\.jsonl$/, '')];
}

export function continueParserFor(path: string) {
  const fromFile = continueEventName(path);
  return (ctx: ParseContext): LineParser => ({
    line(v) {
      const name = EVENT_ALIASES[str(v.eventName) ?? ''] ?? fromFile;
      if (name === undefined) return;
      const ts = toMs(v.timestamp) ?? toMs(v.time_stamp);
      if (ts === undefined) return ctx.skip('missing_fields');
      const id = shortHash(`continue|${name}|${JSON.stringify(v)}`);
      const event = toEvent(name, v, ts, id, ctx);
      if (event === undefined) ctx.skip('missing_fields');
      else ctx.emit(event);
    },
    finish: (_quiet, endOffset) => endOffset,
  });
}

function toEvent(name: string, v: Json, ts: number, id: string, ctx: ParseContext): RecordedEvent | undefined {
  const model = str(v.modelName) ?? str(v.modelTitle) ?? str(v.model);
  const base = { kind: 'ai_interaction' as const, ts, id, sourceTool: 'continue' as const, model };
  switch (name) {
    case 'autocomplete':
      if (typeof v.accepted !== 'boolean' && v.accepted !== undefined) return undefined;
      return compact<AiInteractionEvent>({
        ...base, interaction: 'inline', intent: 'code_generation', success: v.accepted === true,
        latencyMs: num(v.time), responseChars: str(v.completion)?.length,
      });
    case 'chatInteraction':
    case 'editInteraction':
      return withPrompt({ ...base, interaction: name === 'chatInteraction' ? 'chat' : 'edit', intent: 'other' }, v, ctx);
    case 'editOutcome':
      return withPrompt({ ...base, interaction: 'edit', intent: 'other', success: v.accepted === true }, v, ctx);
    case 'chatFeedback':
      if (typeof v.feedback !== 'boolean') return undefined;
      return compact<FeedbackEvent>({ kind: 'feedback', ts, id, rating: v.feedback ? 5 : 1, tags: ['vote'], sourceTool: 'continue' });
    case 'toolUsage': {
      const tool = str(v.functionName) ?? str(v.toolName);
      if (tool === undefined) return undefined;
      const success = typeof v.succeeded === 'boolean' ? v.succeeded : undefined;
      return compact<ToolRunEvent>({ kind: 'tool_run', ts, tool, source: 'import', sourceTool: 'continue', success, externalId: id });
    }
    case 'tokensGenerated': {
      const input = num(v.promptTokens);
      const output = num(v.generatedTokens);
      if (input === undefined && output === undefined) return undefined;
      return compact<AiInteractionEvent>({
        ...base, interaction: 'completion', intent: 'other', tokensIn: input, tokensOut: output,
        costUsd: costUsd(model, { input, output }, ctx.options.pricingOverrides, ts),
      });
    }
    default:
      return undefined;
  }
}

function withPrompt(e: AiInteractionEvent, v: Json, ctx: ParseContext): AiInteractionEvent {
  const prompt = str(v.prompt);
  e.intent = classifyIntent(prompt);
  e.promptChars = prompt?.length;
  e.responseChars = str(v.completion)?.length;
  if (ctx.options.includeText && prompt !== undefined) e.prompt = (ctx.options.redact ?? ((t: string) => t))(prompt);
  return compact(e);
}
