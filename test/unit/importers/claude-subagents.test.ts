import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { discoverFiles, watchPatterns } from '../../../src/core/importers/discovery';
import { importFile } from '../../../src/core/importers/run-import';
import type { RecordedEvent } from '../../../src/core/model/events';
import { all, loadSqlJs, openDb } from '../../../src/core/store/db';
import { Ingestor } from '../../../src/core/store/ingest';
import { QUIET, withTmp } from './helpers';
import { UNLICENSED } from './real-logs';

const PROJECT = join(UNLICENSED, 'claude-code', 'patent-platform');
const SESSION = 'f7881aa9-f93e-41b6-94a1-fde7ddb9485f';
const AGENT = join(PROJECT, SESSION, 'subagents', 'agent-a1c54672ab61514c6.jsonl');

/** Imports files through the product path into one real sql.js store; returns its interactions and tool runs. */
async function store(paths: string[]): Promise<{ interactions: number; tools: number; tokensOut: number }> {
  const events: RecordedEvent[] = [];
  for (const path of paths) await importFile({ path, format: 'claude-code', source: 'claudeCode' }, undefined, { ...QUIET, now: () => Date.now(), quietMs: 0 }, (e) => events.push(e));
  const { db } = openDb(await loadSqlJs());
  const ingest = new Ingestor(db);
  ingest.apply([{ writer: 'w', records: events.map((ev, i) => ({ seq: i + 1, ev, offset: 0 })) }]);
  const [row] = all<{ i: number; o: number }>(db, 'SELECT count(*) AS i, coalesce(sum(tokens_out), 0) AS o FROM ai_interactions');
  const [t] = all<{ n: number }>(db, 'SELECT count(*) AS n FROM tool_usage');
  ingest.close();
  db.close();
  return { interactions: row.i, tools: t.n, tokensOut: row.o };
}

describe('Claude Code sub-agents and cross-file duplicates (issue 10, cause 3)', () => {
  it('discovery and the watchers find <project>/<session>/subagents/agent-*.jsonl', async function () {
    if (!existsSync(AGENT)) this.skip();
    await withTmp(async (home) => {
      const project = join(home, '.claude', 'projects', '-Users-x-patent-platform');
      await mkdir(join(project, SESSION, 'subagents'), { recursive: true });
      await copyFile(join(PROJECT, `${SESSION}.jsonl`), join(project, `${SESSION}.jsonl`));
      await copyFile(AGENT, join(project, SESSION, 'subagents', 'agent-a1c54672ab61514c6.jsonl'));
      await writeFile(join(project, SESSION, 'subagents', 'agent-a1c54672ab61514c6.meta.json'), '{}');
      const found = await discoverFiles({ homeDir: home, workspaceFolders: [] }, new Set(['claudeCode']));
      assert.deepEqual(found.map((f) => f.path.slice(project.length + 1)).sort(), [`${SESSION}.jsonl`, `${SESSION}/subagents/agent-a1c54672ab61514c6.jsonl`]);
      const globs = watchPatterns({ homeDir: home, workspaceFolders: [] }, new Set(['claudeCode']));
      assert.ok(globs.some(([dir, glob]) => dir === join(home, '.claude', 'projects') && glob === '*/*/subagents/agent-*.jsonl'));
      const both = await store(found.map((f) => f.path));
      const main = await store([join(project, `${SESSION}.jsonl`)]);
      assert.ok(both.interactions > main.interactions, `the sub-agent adds its requests (${both.interactions} > ${main.interactions})`);
    });
  });

  it('one API message in several files (a resumed session copies history) is stored once', async function () {
    const source = join(PROJECT, `${SESSION}.jsonl`);
    if (!existsSync(source)) this.skip();
    await withTmp(async (dir) => {
      // Derived from the real session: a resumed copy under a new session id, as Claude Code writes on --resume.
      const copy = (await readFile(source, 'utf8')).replaceAll(SESSION, '00000000-0000-4000-8000-000000000000');
      const resumed = join(dir, 'resumed.jsonl');
      await writeFile(resumed, copy);
      const once = await store([source]);
      const twice = await store([source, resumed]);
      assert.ok(once.interactions > 5);
      assert.deepEqual(twice, once);
    });
  });

  it('without requestId, message.id alone identifies the message', async () => {
    await withTmp(async (dir) => {
      const line = (session: string) => JSON.stringify({ type: 'assistant', sessionId: session, timestamp: '2026-01-01T00:00:00Z', version: '2.0.1',
        message: { id: 'msg_1', model: 'claude-sonnet-4-5', content: [{ type: 'text', text: 'hi' }], usage: { input_tokens: 3, output_tokens: 5 } } });
      await writeFile(join(dir, 'a.jsonl'), `${line('a')}\n`);
      await writeFile(join(dir, 'b.jsonl'), `${line('b')}\n`);
      assert.deepEqual(await store([join(dir, 'a.jsonl'), join(dir, 'b.jsonl')]), { interactions: 1, tools: 0, tokensOut: 5 });
    });
  });
});
