import { basename } from 'node:path';
import type { AiInteractionEvent, FeedbackEvent, RecordedEvent, ToolRunEvent } from '../model/events';
import { classifyIntentOnce } from '../learn/intent-memo';
import { costUsd } from '../learn/pricing';
import { shortHash } from '../util/hash';
import type { LineParser } from './jsonl-driver';
import { compact, figure, str, toMs } from './parse-util';
import type { Json } from './parse-util';
import type { ParseContext } from './types';

/**
 * Continue's dev data (`~/.continue/dev_data/0.2.0/<eventName>.jsonl`; older layouts `dev_data/<eventName>.jsonl`
 * and `dev_data/0.1.0/`). One self-contained record per line, so each line maps to at most one event and
 * a record's id is the hash of its content (stable across re-reads). The event name comes from the record's
 * `eventName` or the file name. Timestamps are ISO strings or epoch-millisecond numbers; the oldest layout
 * (`tokens_generated.jsonl`, `chat.jsonl`, `autocomplete.jsonl`, and `0.1.0/`) often has none: such records
 * are dated from the file's modification time and marked `tsEstimated`.
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
    line(v, start) {
      const name = EVENT_ALIASES[str(v.eventName) ?? ''] ?? fromFile;
      if (name === undefined) return;
      const own = toMs(v.timestamp) ?? toMs(v.time_stamp);
      // Older layouts wrote no time: the record is dated from the file and says the date is estimated.
      const ts = own ?? ctx.fileMtimeMs;
      if (ts === undefined) return ctx.skip('missing_fields');
      // Undated records repeat (the same completion twice): their offset keeps them apart.
      const id = shortHash(`continue|${name}|${own === undefined ? `@${start}|` : ''}${JSON.stringify(v)}`);
      const event = toEvent(name, v, ts, id, ctx);
      if (event === undefined) return ctx.skip('missing_fields');
      if (own === undefined && event.kind === 'ai_interaction') event.tsEstimated = true;
      ctx.emit(event);
      if (event.kind === 'ai_interaction' && event.vote !== undefined) ctx.emit(chatVote(event, ts));
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
        latencyMs: figure(v.time), responseChars: str(v.completion)?.length,
      });
    case 'chatInteraction':
    case 'editInteraction': {
      const e = withPrompt({ ...base, interaction: name === 'chatInteraction' ? 'chat' : 'edit', intent: 'other' }, v, ctx);
      // A chat's thumbs up/down, where the record carries it (`feedback`, true/false).
      if (typeof v.feedback === 'boolean') e.vote = v.feedback ? 1 : -1;
      return e;
    }
    case 'editOutcome':
      return withPrompt({ ...base, interaction: 'edit', intent: 'other', success: v.accepted === true }, v, ctx);
    case 'chatFeedback':
      if (typeof v.feedback !== 'boolean') return undefined;
      return compact<FeedbackEvent>({ kind: 'feedback', ts, id, rating: v.feedback ? 5 : 1, tags: ['vote'], sourceTool: 'continue' });
    case 'toolUsage': {
      const tool = str(v.functionName) ?? str(v.toolName);
      if (tool === undefined) return undefined;
      const success = typeof v.succeeded === 'boolean' ? v.succeeded : undefined;
      // Whether the user let the tool run (`accepted`) is its own fact, kept beside whether it succeeded.
      const accepted = typeof v.accepted === 'boolean' ? v.accepted : undefined;
      return compact<ToolRunEvent>({ kind: 'tool_run', ts, tool, source: 'import', sourceTool: 'continue', success, accepted, externalId: id });
    }
    case 'tokensGenerated': {
      const input = figure(v.promptTokens);
      const output = figure(v.generatedTokens);
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

function chatVote(e: AiInteractionEvent, ts: number): FeedbackEvent {
  return { kind: 'feedback', ts, id: shortHash(`continue|vote|${e.id}`), rating: e.vote === 1 ? 5 : 1, tags: ['vote'], sourceTool: 'continue', interactionId: e.id };
}

function withPrompt(e: AiInteractionEvent, v: Json, ctx: ParseContext): AiInteractionEvent {
  const prompt = str(v.prompt);
  e.intent = classifyIntentOnce(prompt);
  e.promptChars = prompt?.length;
  e.responseChars = str(v.completion)?.length;
  if (ctx.options.includeText && prompt !== undefined) e.prompt = (ctx.options.redact ?? ((t: string) => t))(prompt);
  return compact(e);
}
