import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommitAttributionEvent, RecordedEvent } from '../../../src/core/model/events';
import { discoverFiles } from '../../../src/core/importers/discovery';
import { importFile } from '../../../src/core/importers/run-import';
import type { FileCursor, FoundFile, ImportFormat, ImportOptions } from '../../../src/core/importers/types';
import { COMMITS, T0, writeCursorState, writeCursorTracking, writeWindsurfState } from '../../support/sqlite-fixtures';
import { hasNodeSqlite, writerKind } from '../../support/sqlite-writer';
import { BUSY, FIXTURES, QUIET, sum, withTmp } from './helpers';

const OPENCODE = join(FIXTURES, 'sqlite', 'opencode', 'opencode.db');

async function run(path: string, format: ImportFormat, options: ImportOptions = QUIET, cursor?: FileCursor) {
  const events: RecordedEvent[] = [];
  const file: FoundFile = { path, format, source: 'cursor' };
  const result = await importFile(file, cursor, options, (e) => events.push(e));
  const pick = <K extends RecordedEvent['kind']>(k: K) => events.filter((e): e is Extract<RecordedEvent, { kind: K }> => e.kind === k);
  return { events, result, interactions: pick('ai_interaction'), tools: pick('tool_run'), attributions: pick('commit_attribution'), cursors: pick('import_cursor') };
}

for (const native of hasNodeSqlite ? [false, true] : [false]) {
  const opts: ImportOptions = { ...QUIET, nativeSqlite: native };
  describe(`SQLite sources through ${native ? 'node:sqlite' : 'sql.js'} (databases written by ${writerKind ?? 'none'})`, function () {
    before(function () {
      if (writerKind === undefined) this.skip();
    });

    it('Cursor state.vscdb: requests from composers and bubbles (header order and inline), tools, tokens; bad rows counted', async () => withTmp(async (dir) => {
      const path = join(dir, 'state.vscdb');
      const w = writeCursorState(path);
      try {
        const c = await run(path, 'cursor-state', opts);
        assert.equal(c.interactions.length, 3);
        const [first, second] = c.interactions.filter((i) => i.conversation === 'c0ffee00-0000-4000-8000-00000000000a').sort((x, y) => x.ts - y.ts);
        assert.deepEqual([first.interaction, first.model, first.tokensIn, first.tokensOut, first.toolCalls, first.toolErrors, first.latencyMs, first.intent],
          ['agent', 'claude-4.5-sonnet', 1200, 300, 2, 1, 20_000, 'debugging']);
        assert.equal(first.ts, T0);
        assert.ok(first.costUsd === undefined || first.costUsd > 0);
        assert.deepEqual([second.model, second.tokensIn, second.tokensOut, second.toolCalls], ['gpt-5', undefined, undefined, 1], 'a 0-token reply is unknown, not 0');
        const chat = c.interactions.find((i) => i.conversation === 'c0ffee00-0000-4000-8000-00000000000b')!;
        assert.deepEqual([chat.interaction, chat.model, chat.tokensIn, chat.tokensOut, chat.intent], ['chat', 'gpt-4o', 800, 150, 'explanation']);
        assert.ok(chat.costUsd !== undefined && chat.costUsd > 0, 'gpt-4o is priced');
        assert.deepEqual(c.tools.map((t) => [t.tool, t.success]).sort(), [['edit_file', true], ['read_file', true], ['run_terminal_cmd', false]]);
        assert.deepEqual(c.result.skipped, { not_json: 1, unsupported_version: 1 });
        assert.equal(c.result.pending, false);
        assert.equal(c.interactions.every((i) => i.prompt === undefined), true, 'no prompt text unless the capture level allows it');
        // Unchanged: nothing read. Then a new reply arrives (a new row in the WAL): only its conversation is read again.
        const again = await run(path, 'cursor-state', opts, c.result.cursor);
        assert.equal(again.result.unchanged, true);
        w.prepare('INSERT INTO cursorDiskKV (key, value) VALUES (?, ?)').run('bubbleId:c0ffee00-0000-4000-8000-00000000000b:bu2',
          JSON.stringify({ type: 1, text: 'and ^b*$?', createdAt: new Date(T0 + 3_700_000).toISOString() }));
        const more = await run(path, 'cursor-state', opts, c.result.cursor);
        assert.deepEqual(more.interactions.map((i) => i.conversation), ['c0ffee00-0000-4000-8000-00000000000b']);
      } finally {
        w.close();
      }
    }));

    it('Cursor: the last request of a conversation still being written is held back, and read once it is quiet', async () => withTmp(async (dir) => {
      const path = join(dir, 'state.vscdb');
      const w = writeCursorState(path);
      try {
        // Ten minutes after the chat's last reply: the chat (updated 95 s ago) is still open, the agent one is not.
        const busy = { ...BUSY, quietMs: 600_000, now: () => T0 + 3_700_000, nativeSqlite: native };
        const c = await run(path, 'cursor-state', busy);
        assert.deepEqual(c.interactions.map((i) => i.model).sort(), ['claude-4.5-sonnet', 'gpt-5'], 'the chat\u2019s request waits');
        assert.equal(c.result.pending, true);
        const later = await run(path, 'cursor-state', opts, c.result.cursor);
        assert.deepEqual(later.interactions.map((i) => i.model), ['gpt-4o']);
      } finally {
        w.close();
      }
    }));

    it('Cursor ai-code-tracking.db: its own AI share per commit (tab + composer lines); absurd rows skipped and counted', async () => withTmp(async (dir) => {
      const path = join(dir, 'ai-code-tracking.db');
      const w = writeCursorTracking(path);
      try {
        const c = await run(path, 'cursor-tracking', opts);
        assert.deepEqual(c.attributions.map((a): Partial<CommitAttributionEvent> => ({ hash: a.hash, linesAdded: a.linesAdded, aiLinesAdded: a.aiLinesAdded, tabLinesAdded: a.tabLinesAdded, humanLinesAdded: a.humanLinesAdded })), [
          { hash: COMMITS[0], linesAdded: 12, aiLinesAdded: 9, tabLinesAdded: 6, humanLinesAdded: 1 },
          { hash: COMMITS[1], linesAdded: 6, aiLinesAdded: 1, tabLinesAdded: 0, humanLinesAdded: 4 },
        ]);
        assert.equal(c.attributions[0].ts, T0 + 100_000);
        assert.deepEqual(c.result.skipped, { absurd_value: 2 });
      } finally {
        w.close();
      }
    }));

    it('OpenCode opencode.db (git-ai\u2019s fixture): one request per assistant message with tokens, cost, tool parts', async () => {
      const c = await run(OPENCODE, 'opencode-db', opts);
      assert.equal(c.interactions.length, 1);
      const t = c.interactions[0];
      assert.deepEqual([t.model, t.tokensIn, t.tokensOut, t.reasoningTokens, t.cacheReadTokens, t.toolCalls, t.toolErrors, t.latencyMs, t.conversation, t.success],
        ['gpt-5', 10, 20, 0, 0, 1, 0, 4000, 'test-session-123', true]);
      assert.equal(t.promptChars, 'Please update index.ts using sqlite transcript data'.length);
      assert.deepEqual(c.tools.map((x) => [x.tool, x.success, x.durationMs]), [['edit', true, 1000]]);
      const empty = await run(join(FIXTURES, 'sqlite', 'opencode-empty', 'opencode.db'), 'opencode-db', opts);
      assert.equal(empty.interactions.length, 0);
      assert.deepEqual(empty.result.skipped, {});
    });

    it('Windsurf state.vscdb: chat tabs, dated from the file (estimated), a tab without id counted', async () => withTmp(async (dir) => {
      const path = join(dir, 'state.vscdb');
      writeWindsurfState(path).close();
      const c = await run(path, 'windsurf-state', opts);
      assert.deepEqual(c.interactions.map((i) => [i.sourceTool, i.intent, i.tsEstimated, i.responseChars]),
        [['windsurf', 'refactor', true, 32], ['windsurf', 'debugging', true, 'The promise is never awaited.'.length + 'Add await.'.length]]);
      assert.deepEqual(c.result.skipped, { missing_fields: 1 });
    }));
  });
}

describe('SQLite sources: bad databases and discovery', function () {
  before(function () {
    if (writerKind === undefined) this.skip();
  });

  it('a database of another schema, an encrypted or truncated file: a skip reason, a cursor, no exception', async () => withTmp(async (dir) => {
    const other = join(dir, 'other.db');
    writeWindsurfState(other).close();
    for (const f of ['cursor-tracking', 'opencode-db'] as const) assert.deepEqual((await run(other, f)).result.skipped, { unknown_schema: 1 }, f);
    const enc = join(dir, 'enc.vscdb');
    writeFileSync(enc, Buffer.alloc(4096 * 3, 7));
    assert.deepEqual((await run(enc, 'cursor-state')).result.skipped, { not_sqlite: 1 });
    const cut = join(dir, 'cut.db');
    writeFileSync(cut, readFileSync(OPENCODE).subarray(0, 4096 * 2));
    const r = (await run(cut, 'opencode-db')).result;
    assert.ok(r.skipped.db_corrupt === 1, JSON.stringify(r.skipped));
  }));

  it('finds every source at its real locations on Linux, macOS and Windows, and the remote servers', async () => withTmp(async (home) => {
    const lay = (rel: string) => {
      const p = join(home, rel);
      mkdirSync(join(p, '..'), { recursive: true });
      copyFileSync(OPENCODE, p);
      return p;
    };
    const want = [
      lay('.config/Cursor/User/globalStorage/state.vscdb'),
      lay('Library/Application Support/Cursor/User/workspaceStorage/abc/state.vscdb'),
      lay('AppData/Roaming/Cursor/User/globalStorage/state.vscdb'),
      lay('.cursor-server/data/User/globalStorage/state.vscdb'),
      lay('.cursor/ai-tracking/ai-code-tracking.db'),
      lay('.config/Windsurf/User/workspaceStorage/w1/state.vscdb'),
      lay('.windsurf-server/data/User/globalStorage/state.vscdb'),
      lay('.local/share/opencode/opencode.db'),
      lay('oc-data/opencode.db'),
    ];
    const found = await discoverFiles({ homeDir: home, workspaceFolders: [], opencodeDataDir: join(home, 'oc-data') }, new Set(['cursor', 'windsurf', 'opencode']));
    assert.deepEqual(found.map((f) => f.path).sort(), [...want].sort());
    assert.deepEqual(new Set(found.map((f) => f.format)), new Set(['cursor-state', 'cursor-tracking', 'windsurf-state', 'opencode-db']));
    assert.deepEqual(await discoverFiles({ homeDir: home, workspaceFolders: [] }, new Set(['codex'])), []);
  }));

  it('sums over a run: the interactions of the agent conversation add up', async () => withTmp(async (dir) => {
    const path = join(dir, 'state.vscdb');
    const w = writeCursorState(path);
    const c = await run(path, 'cursor-state');
    w.close();
    assert.equal(sum(c.interactions, 'tokensIn'), 2000);
    assert.equal(sum(c.interactions, 'toolCalls'), 3);
  }));
});
