/**
 * The independent counter's SQLite part (issue 14): Cursor's `state.vscdb`, OpenCode's `opencode.db` and Windsurf's
 * chat tabs, counted from the formats with their own SQL, through a different SQLite than the product's (better-sqlite3,
 * else `node:sqlite`) opening the live file read-only, so SQLite itself applies the WAL (the product copies the files
 * and applies the log in JS under sql.js). Shares no code with `src/`. Same figures as `count-logs.ts`:
 * - Cursor: a request per user bubble (`type` 1) in a composer's conversation (the `fullConversationHeadersOnly`
 *   order, else the inline `conversation`), its replies the AI bubbles (`type` 2) up to the next user bubble; tokens
 *   from the replies' `tokenCount`; a tool call per reply with `toolFormerData`; the model named by a reply, else the
 *   request, else the composer (`default` names none).
 * - OpenCode: a request per assistant message; output tokens include `reasoning`; tool calls are its `tool` parts.
 * - Windsurf: a request per user bubble of a tab that has a `tabId`.
 */
/* eslint-disable @typescript-eslint/no-unsafe-return -- untyped JSON on purpose */
import { createRequire } from 'node:module';
import type { Figures } from './count-logs';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface Db { prepare(sql: string): { all(...p: unknown[]): Obj[] }; close(): void }

function open(path: string): Db {
  try {
    const D = createRequire(__filename)('better-sqlite3') as new (p: string, o: object) => Db;
    return new D(path, { readonly: true, fileMustExist: true });
  } catch {
    const builtin = (process as unknown as { getBuiltinModule: (id: string) => { DatabaseSync: new (p: string, o: object) => Db } }).getBuiltinModule('node:sqlite');
    return new builtin.DatabaseSync(path, { readOnly: true });
  }
}

const parse = (v: unknown): Obj | undefined => {
  try {
    const o = JSON.parse(typeof v === 'string' ? v : Buffer.from(v as Uint8Array).toString('utf8'));
    return o !== null && typeof o === 'object' && !Array.isArray(o) ? o : undefined;
  } catch {
    return undefined;
  }
};
const pos = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);
const blank = (): Figures => ({ sessions: 0, requests: 0, responses: 0, tokensIn: 0, tokensOut: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0, toolCalls: 0, subAgentToolCalls: 0, models: [] });

export function countCursor(path: string): Figures {
  const db = open(path);
  const f = blank();
  const models = new Set<string>();
  try {
    for (const row of db.prepare("SELECT key, value FROM cursorDiskKV WHERE key LIKE 'composerData:%'").all()) {
      const c = parse(row.value);
      if (c === undefined) continue;
      const id = String(row.key).split(':')[1];
      let bubbles: Obj[] = Array.isArray(c.conversation) && c.conversation.length > 0 ? c.conversation : [];
      if (bubbles.length === 0) {
        const mine = new Map<string, Obj>();
        for (const b of db.prepare('SELECT key, value FROM cursorDiskKV WHERE substr(key, 1, ?) = ?').all(`bubbleId:${id}:`.length, `bubbleId:${id}:`)) {
          const v = parse(b.value);
          if (v !== undefined) mine.set(String(b.key).split(':')[2], v);
        }
        bubbles = (Array.isArray(c.fullConversationHeadersOnly) ? c.fullConversationHeadersOnly : []).map((h: Obj) => mine.get(h?.bubbleId)).filter((b: Obj | undefined) => b !== undefined);
      }
      let requests = 0;
      for (let i = 0; i < bubbles.length; i++) {
        if (bubbles[i]?.type !== 1) continue;
        requests++;
        const replies: Obj[] = [];
        for (let j = i + 1; j < bubbles.length && bubbles[j]?.type !== 1; j++) if (bubbles[j]?.type === 2) replies.push(bubbles[j]);
        let out = 0;
        let text = 0;
        for (const r of replies) {
          f.tokensIn += pos(r.tokenCount?.inputTokens);
          out += pos(r.tokenCount?.outputTokens);
          if (r.toolFormerData !== undefined && r.toolFormerData !== null) f.toolCalls++;
          text += typeof r.text === 'string' ? r.text.length : 0;
        }
        f.tokensOut += out;
        if (text > 0 || out > 0 || replies.some((r) => r.toolFormerData)) f.responses++;
        const named = [...replies.map((r) => r.modelInfo?.modelName), bubbles[i].modelInfo?.modelName, c.modelConfig?.modelName]
          .find((m) => typeof m === 'string' && m !== '' && m !== 'default');
        if (named !== undefined) models.add(named);
      }
      f.requests += requests;
      if (requests > 0) f.sessions++;
    }
  } finally {
    db.close();
  }
  f.models = [...models].sort();
  return f;
}

export function countOpencode(path: string): Figures {
  const db = open(path);
  const f = blank();
  const models = new Set<string>();
  const sessions = new Set<string>();
  try {
    for (const m of db.prepare('SELECT id, session_id, data FROM message').all()) {
      const d = parse(m.data);
      if (d?.role !== 'assistant') continue;
      f.requests++;
      sessions.add(String(m.session_id));
      const t = d.tokens ?? {};
      f.tokensIn += pos(t.input);
      f.tokensOut += pos(t.output) + pos(t.reasoning);
      f.reasoning += pos(t.reasoning);
      f.cacheRead += pos(t.cache?.read);
      f.cacheWrite += pos(t.cache?.write);
      if (typeof d.modelID === 'string') models.add(d.modelID);
      const parts = db.prepare('SELECT data FROM part WHERE message_id = ?').all(m.id).map((p) => parse(p.data) ?? {});
      const tools = parts.filter((p) => p.type === 'tool').length;
      f.toolCalls += tools;
      if (tools > 0 || pos(t.output) > 0 || parts.some((p) => p.type === 'text' && typeof p.text === 'string' && p.text.length > 0)) f.responses++;
    }
  } finally {
    db.close();
  }
  f.sessions = sessions.size;
  f.models = [...models].sort();
  return f;
}

export function countWindsurf(path: string): Figures {
  const db = open(path);
  const f = blank();
  try {
    for (const row of db.prepare("SELECT value FROM ItemTable WHERE key IN ('workbench.panel.aichat.view.aichat.chatdata', 'aiChat.chatdata')").all()) {
      for (const tab of parse(row.value)?.tabs ?? []) {
        if (typeof tab?.tabId !== 'string') continue;
        const said = (b: Obj) => [b?.text, b?.rawText, b?.initText].some((t) => typeof t === 'string' && t.trim() !== '');
        const bubbles: Obj[] = (tab.bubbles ?? []).filter(said);
        const isAi = (b: Obj) => ['2', 'ai', 'assistant'].includes(String(b.type).toLowerCase());
        let requests = 0;
        bubbles.forEach((b, i) => {
          if (isAi(b)) return;
          requests++;
          if (i + 1 < bubbles.length && isAi(bubbles[i + 1])) f.responses++;
        });
        f.requests += requests;
        if (requests > 0) f.sessions++;
      }
    }
  } finally {
    db.close();
  }
  return f;
}
