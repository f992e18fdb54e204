import { openWalWriter, openWriter } from './sqlite-writer';
import type { WriterDb } from './sqlite-writer';

/**
 * Realistic databases of the SQLite sources, written by real SQLite at test time (no public real Cursor or Windsurf
 * database with a licence was found). Shapes follow the published descriptions of Cursor's storage (composerData
 * `_v` 10 with `fullConversationHeadersOnly`, bubbles `_v` 3: michaeldhood/chatrxiv docs/cursor/storage-reference.md,
 * pppp606/cursor-efficiency docs/vscdbRelation.md; `scored_commits` as in kenn-io/agentsview
 * internal/parser/cursor_attribution_test.go, MIT) and Windsurf's chat tabs (agentsview windsurf_provider.go).
 * Each writer is left open and never checkpointed, so the newest rows are only in the `-wal`, as while the tool runs.
 */
export const T0 = Date.UTC(2026, 10, 20, 9, 0, 0);

const KV = 'CREATE TABLE IF NOT EXISTS cursorDiskKV (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)';
const ITEMS = 'CREATE TABLE IF NOT EXISTS ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)';

function put(db: WriterDb, table: string, key: string, value: unknown, asBlob = false): void {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  db.prepare(`INSERT INTO ${table} (key, value) VALUES (?, ?)`).run(key, asBlob ? Buffer.from(text, 'utf8') : text);
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Cursor's global `state.vscdb`: an agent conversation (two requests: tools, tokens on one reply, 0-token reply on
 * the other), an older chat with its bubbles inline, a bubble that is not JSON, a conversation of a future version,
 * and unrelated keys. Expected: 3 requests, tokens in 1200+800, out 300+150, 3 tool calls (1 failed).
 */
export function writeCursorState(path: string): WriterDb {
  const db = openWalWriter(path);
  db.exec(`${KV}; ${ITEMS}`);
  put(db, 'ItemTable', 'workbench.colorTheme', 'Default Dark');
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  const a = 'c0ffee00-0000-4000-8000-00000000000a';
  const head = (id: string, type: number) => ({ bubbleId: id, type });
  put(db, 'cursorDiskKV', `composerData:${a}`, {
    _v: 10, composerId: a, createdAt: T0, lastUpdatedAt: T0 + 120_000, status: 'completed', unifiedMode: 'agent',
    modelConfig: { modelName: 'default', maxMode: false },
    fullConversationHeadersOnly: [head('u1', 1), head('a1', 2), head('a2', 2), head('a3', 2), head('u2', 1), head('a4', 2)],
  });
  const bubble = (id: string, type: number, at: number, extra: Record<string, unknown>) => put(db, 'cursorDiskKV', `bubbleId:${a}:${id}`,
    { _v: 3, type, bubbleId: id, createdAt: iso(at), text: '', tokenCount: { inputTokens: 0, outputTokens: 0 }, ...extra }, id === 'a2');
  bubble('u1', 1, T0, { text: 'Fix the failing test in parser.test.ts, it throws a TypeError' });
  bubble('a1', 2, T0 + 5_000, { toolFormerData: { name: 'read_file', status: 'completed', tool: 5 }, modelInfo: { modelName: 'claude-4.5-sonnet' } });
  bubble('a2', 2, T0 + 9_000, { toolFormerData: { name: 'run_terminal_cmd', status: 'error', tool: 15 } });
  bubble('a3', 2, T0 + 20_000, { text: 'The parser now checks for null before reading.', tokenCount: { inputTokens: 1200, outputTokens: 300 }, modelInfo: { modelName: 'claude-4.5-sonnet' } });
  bubble('u2', 1, T0 + 60_000, { text: 'Now add a unit test for the empty input' });
  bubble('a4', 2, T0 + 80_000, { text: 'Added `it("handles empty input")`.', toolFormerData: { name: 'edit_file', status: 'completed' }, modelInfo: { modelName: 'gpt-5' } });
  const b = 'c0ffee00-0000-4000-8000-00000000000b';
  put(db, 'cursorDiskKV', `composerData:${b}`, {
    _v: 3, composerId: b, createdAt: T0 + 3_600_000, forceMode: 'chat', conversation: [
      { type: 1, bubbleId: 'bu', text: 'Explain what this regex does: ^a+$', createdAt: T0 + 3_600_000 },
      { type: 2, bubbleId: 'ba', text: 'It matches one or more a characters.', createdAt: T0 + 3_605_000, tokenCount: { inputTokens: 800, outputTokens: 150 }, modelInfo: { modelName: 'gpt-4o' } },
    ],
  }, true);
  const c = 'c0ffee00-0000-4000-8000-00000000000c';
  put(db, 'cursorDiskKV', `composerData:${c}`, { _v: 10, composerId: c, createdAt: T0, fullConversationHeadersOnly: [head('x1', 1)] });
  put(db, 'cursorDiskKV', `bubbleId:${c}:x1`, '{"type":1,"text":"torn');
  const d = 'c0ffee00-0000-4000-8000-00000000000d';
  put(db, 'cursorDiskKV', `composerData:${d}`, { _v: 99, composerId: d, createdAt: T0 });
  put(db, 'cursorDiskKV', `checkpointId:${a}:u1`, { files: [] });
  return db;
}

/** Cursor's `ai-code-tracking.db`: two good commits, one with a negative count, one with more AI than lines. */
export function writeCursorTracking(path: string): WriterDb {
  const db = openWalWriter(path);
  db.exec(`CREATE TABLE scored_commits (commitHash TEXT PRIMARY KEY, scoredAt INTEGER NOT NULL, commitDate TEXT NOT NULL,
    linesAdded INTEGER NOT NULL DEFAULT 0, linesDeleted INTEGER NOT NULL DEFAULT 0, tabLinesAdded INTEGER NOT NULL DEFAULT 0,
    tabLinesDeleted INTEGER NOT NULL DEFAULT 0, composerLinesAdded INTEGER NOT NULL DEFAULT 0, composerLinesDeleted INTEGER NOT NULL DEFAULT 0,
    humanLinesAdded INTEGER NOT NULL DEFAULT 0, humanLinesDeleted INTEGER NOT NULL DEFAULT 0, blankLinesAdded INTEGER NOT NULL DEFAULT 0,
    blankLinesDeleted INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE conversation_summaries (model TEXT, mode TEXT, updatedAt INTEGER NOT NULL)`);
  const ins = db.prepare(`INSERT INTO scored_commits (commitHash, scoredAt, commitDate, linesAdded, linesDeleted, tabLinesAdded, composerLinesAdded,
    humanLinesAdded, blankLinesAdded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  ins.run(COMMITS[0], T0 + 100_000, 'Fri Nov 20 2026 10:00:00 GMT+0000', 12, 4, 6, 3, 1, 2);
  ins.run(COMMITS[1], T0 + 200_000, 'Fri Nov 20 2026 11:00:00 GMT+0000', 6, 2, 0, 1, 4, 1);
  ins.run(COMMITS[2], T0 + 300_000, 'x', -5, 0, 0, 0, 0, 0);
  ins.run(COMMITS[3], T0 + 400_000, 'x', 3, 0, 2, 2, 0, 0);
  return db;
}

export const COMMITS = ['a'.repeat(39) + '1', 'b'.repeat(39) + '2', 'c'.repeat(39) + '3', 'd'.repeat(39) + '4'];

/** Windsurf's workspace `state.vscdb`: one tab of two requests, one tab without an id. */
export function writeWindsurfState(path: string): WriterDb {
  const db = openWriter(path);
  db.exec(ITEMS);
  put(db, 'ItemTable', 'workbench.panel.aichat.view.aichat.chatdata', {
    tabs: [
      { tabId: 'tab-1', chatTitle: 'Refactor', bubbles: [
        { type: 'user', text: 'Refactor this function to use async/await' }, { type: 'ai', text: 'Here is the refactored function.' },
        { type: 'user', rawText: 'Why does the test fail with a timeout?' }, { type: 'ai', text: 'The promise is never awaited.' }, { type: 'ai', text: 'Add await.' },
      ] },
      { chatTitle: 'no id', bubbles: [{ type: 'user', text: 'hi' }] },
    ],
  });
  return db;
}
