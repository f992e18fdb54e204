/**
 * The independent counter's reading of Copilot CLI's OpenTelemetry file export (see count-logs.ts for the figures),
 * sharing no code with `src/core/importers`: every `chat` span is one model request (there is no prompt in the
 * export, so `requests` stays 0); `invoke_agent` spans sum their `chat` children and are not counted again. Input
 * tokens are the whole prompt: the cache reads and writes are taken out of them (when they fit inside). Numbers may
 * be written as strings. `exclude`: sessions (`gen_ai.conversation.id`) counted from their events log instead.
 */
import { readFileSync } from 'node:fs';
import type { Figures } from './count-logs';

type Obj = Record<string, unknown>;

const asCount = (v: unknown): number => {
  const x = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  return typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : 0;
};

export function countCopilotOtel(path: string, exclude: ReadonlySet<string> = new Set()): Figures {
  const f: Figures = { sessions: 0, requests: 0, responses: 0, tokensIn: 0, tokensOut: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0, toolCalls: 0, subAgentToolCalls: 0, models: [] };
  const sessions = new Set<string>();
  const models = new Set<string>();
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    let o: Obj;
    try {
      o = JSON.parse(raw) as Obj;
    } catch {
      continue;
    }
    const at = o?.attributes as Obj | undefined;
    if (o?.type !== 'span' || at === null || typeof at !== 'object' || Array.isArray(at) || at['gen_ai.operation.name'] !== 'chat') continue;
    if (!Array.isArray(o.startTime) || typeof o.traceId !== 'string' || typeof o.spanId !== 'string') continue;
    const session = typeof at['gen_ai.conversation.id'] === 'string' ? at['gen_ai.conversation.id'] : o.traceId;
    if (exclude.has(session)) continue;
    sessions.add(session);
    const all = asCount(at['gen_ai.usage.input_tokens']);
    const read = asCount(at['gen_ai.usage.cache_read.input_tokens']);
    const write = asCount(at['gen_ai.usage.cache_write.input_tokens']);
    f.tokensIn += all >= read + write ? all - read - write : all;
    f.cacheRead += read;
    f.cacheWrite += write;
    f.tokensOut += asCount(at['gen_ai.usage.output_tokens']);
    f.reasoning += asCount(at['gen_ai.usage.reasoning.output_tokens']);
    if (asCount(at['gen_ai.usage.output_tokens']) > 0) f.responses++;
    const model = at['gen_ai.response.model'] ?? at['gen_ai.request.model'];
    if (typeof model === 'string') models.add(model);
  }
  f.sessions = sessions.size;
  f.models = [...models].sort();
  return f;
}
