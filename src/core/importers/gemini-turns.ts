import type { AiInteractionEvent, Intent, ToolRunEvent } from '../model/events';
import { classifyIntentOnce } from '../learn/intent-memo';
import { costUsd } from '../learn/pricing';
import { shortHash } from '../util/hash';
import { add, arr, compact, figure, obj, str, toMs } from './parse-util';
import type { Json } from './parse-util';
import type { ParseContext } from './types';

/**
 * Gemini CLI's message records (`ConversationRecord.messages`, the same shape in the `.json` document and as
 * lines of the `.jsonl` log): `{id, timestamp, type: user|gemini|info|error|warning, content, model, tokens,
 * toolCalls, thoughts}`. One `gemini` message is one model response: it becomes one `ai_interaction` (agent)
 * whose tokens count cached input apart once (`tokens.input` includes `tokens.cached`; the tool-use prompt
 * `tokens.tool` is input too) and whose thoughts count as reasoning inside the output (Gemini bills them as
 * output; `tokens.output` excludes them). The first response of a turn carries the user's prompt; a prompt
 * no response answered is an interaction of its own. Each tool call becomes a `tool_run`; the lines its
 * `resultDisplay.diffStat` says the model added and removed are the response's `linesEdited`.
 *
 * A message is rewritten (the same id appended again, its tokens and tool statuses filled in) only while it
 * is the newest message, so it is final once another message follows it or the file is quiet. Ids come from
 * the session and message ids: a `.json` session that Gemini CLI migrated to `.jsonl` on resume keeps its
 * session id and holds the same messages, which the store keeps once. A `$rewindTo` hides turns from Gemini CLI's own view, but their
 * requests were made and billed: they stay counted (the store cannot take back what it was given).
 */
export interface GeminiSessionInfo {
  sessionId?: string;
  /** The project folder the slug maps back to, when known. */
  folder?: string;
}

interface Prompt {
  id: string;
  ts: number;
  text: string;
  /** Classified once: every response of the turn carries it. */
  intent: Intent;
  answered: boolean;
}

export class GeminiTurns {
  private prompt: Prompt | undefined;
  private open: Json | undefined;
  private lastResponseTs: number | undefined;
  private readonly workspaceHash: string | undefined;

  constructor(private readonly ctx: ParseContext, private readonly info: GeminiSessionInfo) {
    this.workspaceHash = info.folder !== undefined ? shortHash(info.folder) : undefined;
  }

  /** True while a turn (a prompt or a response) is not yet emitted whole. */
  get pending(): boolean {
    return this.open !== undefined || (this.prompt !== undefined && !this.prompt.answered);
  }

  /** The metadata line's (or a `$set`'s) session id replaces the one taken from the file name. */
  setSession(sessionId: string | undefined): void {
    if (sessionId !== undefined) this.info.sessionId = sessionId;
  }

  /** One message record, in file order. Returns true when it opened a new user turn. */
  message(m: Json): boolean {
    const id = str(m.id);
    if (id === undefined) {
      this.ctx.skip('missing_fields');
      return false;
    }
    if (this.open !== undefined && str(this.open.id) === id) {
      this.open = m;
      return false;
    }
    this.flushOpen();
    const type = str(m.type);
    if (type === 'user') return this.onUser(m, id);
    if (type === 'gemini') this.open = m;
    return false;
  }

  /** Emits what is still open: at the end of a quiet file, or before a record that cannot extend it. */
  flush(): void {
    this.flushOpen();
    this.unanswered();
  }

  private onUser(m: Json, id: string): boolean {
    if (this.prompt?.id === id) return false;
    const text = contentText(m.content);
    const ts = toMs(m.timestamp);
    if (text === undefined || text.trim() === '') return false;
    if (ts === undefined) {
      this.ctx.skip('missing_fields');
      return false;
    }
    this.unanswered();
    this.prompt = { id, ts, text, intent: classifyIntentOnce(text), answered: false };
    this.lastResponseTs = ts;
    return true;
  }

  private flushOpen(): void {
    const m = this.open;
    this.open = undefined;
    if (m === undefined) return;
    const ts = toMs(m.timestamp);
    if (ts === undefined) return this.ctx.skip('missing_fields');
    const withPrompt = this.prompt !== undefined && !this.prompt.answered ? this.prompt : undefined;
    if (withPrompt !== undefined) withPrompt.answered = true;
    const calls = arr(m.toolCalls).map(obj).filter((c): c is Json => c !== undefined);
    this.ctx.emit(this.interaction(m, ts, withPrompt, calls));
    for (const c of calls) {
      const run = toolRun(c, ts, this.info.sessionId);
      if (run !== undefined) this.ctx.emit(run);
    }
    this.lastResponseTs = ts;
  }

  private interaction(m: Json, ts: number, prompt: Prompt | undefined, calls: Json[]): AiInteractionEvent {
    const t = obj(m.tokens);
    const cached = figure(t?.cached);
    const rawIn = add(figure(t?.input), figure(t?.tool));
    const thoughts = figure(t?.thoughts);
    const input = rawIn !== undefined ? Math.max(0, rawIn - (cached !== undefined && cached > 0 ? cached : 0)) : undefined;
    const output = add(figure(t?.output), thoughts !== undefined && thoughts > 0 ? thoughts : undefined);
    const model = str(m.model);
    const usage = { input, output, cacheRead: cached };
    const edits = diffStats(calls);
    const { includeText, redact } = this.ctx.options;
    return compact<AiInteractionEvent>({
      kind: 'ai_interaction', ts, id: shortHash(`gemini-cli|${this.info.sessionId ?? ''}|${str(m.id)!}`), sourceTool: 'gemini-cli', interaction: 'agent',
      intent: this.prompt?.intent ?? classifyIntentOnce(undefined), model,
      promptChars: prompt?.text.length,
      prompt: prompt !== undefined && includeText ? (redact ?? ((x: string) => x))(prompt.text) : undefined,
      responseChars: contentText(m.content)?.length ?? 0,
      latencyMs: this.lastResponseTs !== undefined && ts >= this.lastResponseTs ? ts - this.lastResponseTs : undefined,
      tokensIn: input, tokensOut: output, cacheReadTokens: cached, reasoningTokens: thoughts,
      costUsd: t !== undefined ? costUsd(model, usage, this.ctx.options.pricingOverrides, ts) : undefined,
      toolCalls: calls.length, toolErrors: calls.filter((c) => c.status === 'error').length,
      filesEdited: edits.files > 0 ? edits.files : undefined, linesEdited: edits.files > 0 ? edits.lines : undefined,
      conversation: this.info.sessionId, workspaceHash: this.workspaceHash,
    });
  }

  /** A prompt no response answered (cancelled, an error) is still a request. */
  private unanswered(): void {
    const p = this.prompt;
    if (p === undefined || p.answered) return;
    p.answered = true;
    const { includeText, redact } = this.ctx.options;
    this.ctx.emit(compact<AiInteractionEvent>({
      kind: 'ai_interaction', ts: p.ts, id: shortHash(`gemini-cli|prompt|${this.info.sessionId ?? ''}|${p.id}`), sourceTool: 'gemini-cli', interaction: 'agent',
      intent: p.intent, promptChars: p.text.length, prompt: includeText ? (redact ?? ((x: string) => x))(p.text) : undefined,
      responseChars: 0, conversation: this.info.sessionId, workspaceHash: this.workspaceHash,
    }));
  }
}

/** Text of a `PartListUnion`: a string, a part `{text}`, or a list of them. */
export function contentText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  const parts = Array.isArray(content) ? content : obj(content) !== undefined ? [content] : [];
  const texts = parts.map((p) => str(obj(p)?.text) ?? (typeof p === 'string' ? p : undefined)).filter((x) => x !== undefined);
  return texts.length > 0 ? texts.join('') : undefined;
}

function diffStats(calls: Json[]): { files: number; lines: number } {
  const files = new Set<string>();
  let lines = 0;
  for (const c of calls) {
    const display = obj(c.resultDisplay);
    const stat = obj(display?.diffStat);
    if (stat === undefined) continue;
    files.add(str(display?.filePath) ?? str(obj(c.args)?.file_path) ?? str(c.id) ?? '');
    const added = figure(stat.model_added_lines);
    const removed = figure(stat.model_removed_lines);
    lines += (added !== undefined && added > 0 ? added : 0) + (removed !== undefined && removed > 0 ? removed : 0);
  }
  return { files: files.size, lines };
}

function toolRun(c: Json, fallbackTs: number, session: string | undefined): ToolRunEvent | undefined {
  const id = str(c.id);
  const name = str(c.name);
  if (id === undefined || name === undefined) return undefined;
  const status = str(c.status);
  return compact<ToolRunEvent>({
    kind: 'tool_run', ts: toMs(c.timestamp) ?? fallbackTs, tool: name, source: 'import', sourceTool: 'gemini-cli',
    success: status === 'success' ? true : status === 'error' ? false : undefined,
    accepted: status === 'cancelled' ? false : undefined,
    externalId: shortHash(`gemini-cli|tool|${session ?? ''}|${id}`),
  });
}
