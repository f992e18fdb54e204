import type { AiInteractionEvent } from '../model/events';
import { classifyIntentOnce } from '../learn/intent-memo';
import { costUsd } from '../learn/pricing';
import { shortHash } from '../util/hash';
import type { TextLineParser } from './jsonl-driver';
import { compact } from './parse-util';
import type { ParseContext } from './types';

/**
 * Aider's `.aider.chat.history.md` in a workspace folder. Markdown, line by line:
 * `# aider chat started at <local time>` opens a session; `> Main model: X with …` (new) or
 * `> Models: X with …, weak model Y` / `> Model: X with …` (old) names the model; `#### ` lines are the
 * user's message; plain lines are the reply; `> Tokens: 5,244 sent, 604 received. Cost: $0.02 request, …`
 * (old) or `> Tokens: 3.2k sent, 1.1k cache write, 2.0k cache hit, 604 received. Cost: $0.0123 message, …`
 * (new) gives usage and Aider's own cost (used as is; the pricing table only when it is absent);
 * `> Applied edit to <file>` counts edited files. Every message is an `ai_interaction`, also one that got no
 * reply (interrupted, a slash command, an error): it has a prompt and no response, so a session of commands
 * only is still a session.
 */

interface Turn {
  start: number;
  seq: number;
  lines: string[];
  replyChars: number;
  tokensIn?: number;
  tokensOut?: number;
  cacheWrite?: number;
  cacheRead?: number;
  cost?: number;
  files: Set<string>;
}

export function aiderParser(ctx: ParseContext): TextLineParser {
  let sessionTs: number | undefined;
  let model: string | undefined;
  let seq = 0;
  let turn: Turn | undefined;
  let inUserBlock = false;

  function endTurn(): void {
    if (turn !== undefined && sessionTs !== undefined) ctx.emit(toInteraction(turn, sessionTs, model, ctx));
    turn = undefined;
  }

  return {
    text(raw, start) {
      const line = raw.endsWith('  ') ? raw.slice(0, -2) : raw;
      const wasUser = inUserBlock;
      inUserBlock = line.startsWith('#### ') || line === '####';
      if (inUserBlock) {
        if (!wasUser) {
          endTurn();
          turn = { start, seq: seq++, lines: [], replyChars: 0, files: new Set() };
        }
        turn?.lines.push(line.slice(5));
        return;
      }
      const session = /^# aider chat started at (\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)/.exec(line);
      if (session !== null) {
        endTurn();
        const [y, mo, d, h, mi, s] = session.slice(1).map(Number) as [number, number, number, number, number, number];
        sessionTs = new Date(y, mo - 1, d, h, mi, s).getTime();
        seq = 0;
        return;
      }
      // Aider's notes; a bare `>` (an empty note line) is not a reply either.
      if (line.startsWith('>')) return onNote(line.replace(/^>\s?/, ''));
      if (turn !== undefined && line.trim().length > 0) turn.replyChars += line.length + 1;
    },
    finish(quiet, endOffset) {
      if (!quiet && turn !== undefined) return turn.start;
      endTurn();
      return endOffset;
    },
  };

  function onNote(note: string): void {
    const m = /^(?:Main model|Models?): (\S+)/.exec(note);
    if (m !== null) {
      model = m[1];
      return;
    }
    if (turn === undefined) return;
    if (note.startsWith('Tokens: ')) return parseTokens(note, turn);
    const applied = /^Applied edit to (.+)$/.exec(note);
    if (applied !== null) turn.files.add(applied[1]);
  }
}

/** "5,244" -> 5244, "3.2k" -> 3200, "1.1M" -> 1100000. */
export function aiderCount(text: string): number | undefined {
  const m = /^([\d,.]+)([kKmM]?)$/.exec(text.trim());
  if (m === null) return undefined;
  const n = Number(m[1].replace(/,/g, ''));
  if (!Number.isFinite(n)) return undefined;
  const scale = m[2] === '' ? 1 : m[2].toLowerCase() === 'k' ? 1e3 : 1e6;
  return Math.round(n * scale);
}

function parseTokens(note: string, turn: Turn): void {
  const [tokens, cost] = note.slice('Tokens: '.length).split(/\.\s+Cost:\s*/);
  for (const m of (tokens ?? '').matchAll(/(\d[\d.,]*[kKmM]?) (sent|received|cache write|cache hit)/g)) {
    const n = aiderCount(m[1]) ?? 0;
    if (m[2] === 'sent') turn.tokensIn = (turn.tokensIn ?? 0) + n;
    else if (m[2] === 'received') turn.tokensOut = (turn.tokensOut ?? 0) + n;
    else if (m[2] === 'cache write') turn.cacheWrite = (turn.cacheWrite ?? 0) + n;
    else turn.cacheRead = (turn.cacheRead ?? 0) + n;
  }
  const c = /^\$([\d.]+) (?:request|message)/.exec(cost ?? '');
  if (c !== null && Number.isFinite(Number(c[1]))) turn.cost = (turn.cost ?? 0) + Number(c[1]);
}

function toInteraction(t: Turn, sessionTs: number, model: string | undefined, ctx: ParseContext): AiInteractionEvent {
  const prompt = t.lines.join('\n').trim();
  const usage = { input: t.tokensIn, output: t.tokensOut, cacheWrite: t.cacheWrite, cacheRead: t.cacheRead };
  const { includeText, redact } = ctx.options;
  return compact<AiInteractionEvent>({
    kind: 'ai_interaction',
    ts: sessionTs + t.seq,
    id: shortHash(`aider|${ctx.fileKey}|${t.start}`),
    sourceTool: 'aider',
    interaction: 'chat',
    intent: classifyIntentOnce(prompt),
    model,
    promptChars: prompt.length,
    prompt: includeText ? (redact ?? ((x: string) => x))(prompt) : undefined,
    responseChars: t.replyChars,
    tokensIn: t.tokensIn,
    tokensOut: t.tokensOut,
    cacheWriteTokens: t.cacheWrite,
    cacheReadTokens: t.cacheRead,
    costUsd: t.cost ?? costUsd(model, usage, ctx.options.pricingOverrides, sessionTs),
    filesEdited: t.files.size,
    conversation: shortHash(`aider|${ctx.fileKey}|${sessionTs}`),
  });
}
