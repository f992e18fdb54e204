import type { AiInteractionEvent, SourceTool } from '../model/events';
import { classifyIntentOnce } from '../learn/intent-memo';
import { shortHash } from '../util/hash';
import type { DbReader } from './db-driver';
import { jsonValue } from './db-driver';
import type { ForeignDb } from './foreign-db';
import { arr, compact, obj, str, toMs } from './parse-util';
import type { Json } from './parse-util';
import type { ParseContext } from './types';

/**
 * The VS Code-family chat panel's history in a workspace's `state.vscdb`, table `ItemTable`, one JSON value under
 * `workbench.panel.aichat.view.aichat.chatdata` (or `aiChat.chatdata`): `{tabs: [{tabId, chatTitle, bubbles:
 * [{type: 'user'|'ai' (or 1|2), text | rawText | initText}]}]}`. Windsurf writes it (read the same way by
 * agentsview's windsurf provider); Cursor's workspaces did before its composer storage. One request per user
 * bubble and the AI bubbles after it. The layout carries no times and no tokens: requests are dated from the
 * database's modification time, marked estimated, and have no token or cost figures. The whole value is read
 * whenever the database changed; request ids (tab and position) are stable while tabs only grow, so the store dedupes.
 */
export const CHATDATA_KEYS = ['workbench.panel.aichat.view.aichat.chatdata', 'aiChat.chatdata'];

/** Reads the chat tabs of `ItemTable`, if there are any; returns the number of requests emitted. */
export function readChatdata(db: ForeignDb, ctx: ParseContext, tool: SourceTool): number {
  if (!db.tables().has('ItemTable')) return 0;
  let n = 0;
  for (const key of CHATDATA_KEYS) {
    const row = db.all('SELECT value FROM ItemTable WHERE key = ?', [key])[0];
    if (row === undefined) continue;
    const data = jsonValue(row.value);
    if (data === undefined) {
      ctx.skip('not_json');
      continue;
    }
    for (const tab of arr(data.tabs)) n += readTab(ctx, tool, obj(tab));
  }
  return n;
}

function readTab(ctx: ParseContext, tool: SourceTool, tab: Json | undefined): number {
  const tabId = str(tab?.tabId);
  if (tab === undefined || tabId === undefined) {
    ctx.skip('missing_fields');
    return 0;
  }
  let n = 0;
  let current: { prompt: string; index: number; replies: number; chars: number } | undefined;
  const flush = (): void => {
    if (current === undefined) return;
    const ts = toMs(tab.lastSendTime) ?? ctx.fileMtimeMs;
    if (ts === undefined) return ctx.skip('missing_fields');
    ctx.emit(compact<AiInteractionEvent>({
      kind: 'ai_interaction', ts, id: shortHash(`${tool}|chatdata|${tabId}|${current.index}`), sourceTool: tool, interaction: 'chat',
      intent: classifyIntentOnce(current.prompt), promptChars: current.prompt.length, responseChars: current.replies > 0 ? current.chars : undefined,
      conversation: tabId, tsEstimated: toMs(tab.lastSendTime) === undefined ? true : undefined,
      prompt: ctx.options.includeText ? (ctx.options.redact ?? ((t: string) => t))(current.prompt) : undefined,
    }));
    n++;
  };
  arr(tab.bubbles).forEach((b, index) => {
    const bubble = obj(b);
    const text = [str(bubble?.text), str(bubble?.rawText), str(bubble?.initText)].find((t) => t !== undefined && t.trim() !== '');
    if (bubble === undefined || text === undefined) return;
    const type = String(bubble.type).toLowerCase();
    if (type === '2' || type === 'ai' || type === 'assistant') {
      if (current !== undefined) {
        current.replies++;
        current.chars += text.length;
      }
      return;
    }
    flush();
    current = { prompt: text, index, replies: 0, chars: 0 };
  });
  flush();
  return n;
}

/** Windsurf's workspace and global `state.vscdb`: the chat tabs (an unknown schema when there is no `ItemTable`). */
export const windsurfStateReader: DbReader = (db, ctx, since) => {
  if (!db.tables().has('ItemTable')) ctx.skip('unknown_schema');
  else readChatdata(db, ctx, 'windsurf');
  return { offset: since, pending: false };
};
