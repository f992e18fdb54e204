import assert from 'node:assert/strict';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StoreEngine } from '../../../src/core/store/engine';
import { loadSqlJs } from '../../../src/core/store/db';
import { silentLog } from '../../../src/core/store/log';
import { localDay } from '../../../src/core/model/day';
import { PROMPT_MARKER, buildStore, listing } from './store-fixture';
import type { Fixture } from './store-fixture';

const ROOT = path.resolve(__dirname, '../../..');

type Result = { content: { type: string; text: string }[]; isError?: boolean };
const text = (r: Result): string => r.content.map((c) => c.text).join('');

describe('ai-learning mcp (stdio, the official SDK client)', function () {
  this.timeout(120_000);
  let f: Fixture;
  let client: Client;
  let initial: Map<string, string>;

  before(async () => {
    f = await buildStore(40, 100);
    initial = listing(f.dir);
    // The server as an agent starts it: a child process speaking MCP on stdin/stdout.
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['--import=tsx', path.join(ROOT, 'src/cli/bin.ts'), 'mcp', '--store', f.dir],
      cwd: ROOT,
      stderr: 'pipe',
    });
    client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(transport);
  });

  after(async () => {
    await client?.close();
  });

  const call = async (name: string, args: Record<string, unknown>): Promise<Result> =>
    (await client.callTool({ name, arguments: args })) as Result;

  it('lists the four read-only tools, each saying what the agent gets', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), ['get_pattern', 'model_advice', 'search_patterns', 'usage_summary']);
    for (const t of tools) {
      assert.ok((t.description ?? '').length > 80, t.name);
      assert.equal(t.annotations?.readOnlyHint, true);
      assert.equal(t.inputSchema.type, 'object');
    }
  });

  it('every tool answers with the store\'s figures, no prompt text', async () => {
    // The oracle: the extension's own engine on the same folder (after the server, which must not have written).
    const engine = StoreEngine.open({ storageDir: f.dir, ownerId: 'oracle', SQL: await loadSqlJs(), log: silentLog, passive: true });
    const today = localDay(Date.now());
    const tokens = engine.query('tokensByModel', { fromDay: today - 29, toDay: today });
    const perf = engine.query('modelPerformance', {});
    engine.close();

    const search = await call('search_patterns', { query: 'retry async', limit: 2, language: 'typescript' });
    assert.ok(!search.isError, text(search));
    const s = JSON.parse(text(search)) as { libraryPatterns: number; patterns: { id: string; name: string; code: string; relevance: number }[] };
    assert.equal(s.patterns.length, 2);
    assert.equal(s.patterns[0].name, 'retry');
    assert.match(s.patterns[0].code, /function retry/);
    const none = JSON.parse(text(await call('search_patterns', { query: 'retry', language: 'cobol' }))) as { patterns: unknown[] };
    assert.deepEqual(none.patterns, []);

    const got = JSON.parse(text(await call('get_pattern', { id: s.patterns[0].id }))) as { id: string; code: string };
    assert.equal(got.id, s.patterns[0].id);
    const missing = await call('get_pattern', { id: 'no-such-id' });
    assert.equal(missing.isError, true);
    assert.match(text(missing), /no pattern with id no-such-id/);

    const usage = JSON.parse(text(await call('usage_summary', { days: 30 }))) as {
      total: { requests: number; tokensIn: number }; byModel: unknown[]; byTask: { taskType: string; requests: number }[]; modelsByTask: unknown[];
    };
    assert.equal(usage.total.requests, tokens.reduce((x, t) => x + t.n, 0));
    assert.equal(usage.total.tokensIn, tokens.reduce((x, t) => x + t.tokensIn, 0));
    assert.equal(usage.byModel.length, tokens.length);
    assert.equal(usage.byTask.reduce((x, t) => x + t.requests, 0), usage.total.requests);

    const advice = JSON.parse(text(await call('model_advice', { taskType: 'code_generation' }))) as {
      ranking: { model: string; quality: number; rated: number }[]; recommendation: { model: string } | null;
    };
    const want = perf.filter((p) => p.taskType === 'code_generation' && p.n > 0);
    assert.deepEqual(advice.ranking.map((m) => m.model).sort(), want.map((p) => p.model).sort());
    assert.equal(advice.recommendation?.model, [...want].sort((a, b) => b.quality - a.quality || b.confidence - a.confidence)[0].model);
    const unknown = JSON.parse(text(await call('model_advice', { taskType: 'architecture' }))) as { recommendation: null; note: string };
    assert.equal(unknown.recommendation, null);
    assert.match(unknown.note, /nothing learned yet/);

    for (const r of [search, missing]) assert.ok(!text(r).includes(PROMPT_MARKER));
    const all = await Promise.all([call('usage_summary', { days: 3650 }), call('model_advice', { taskType: 'refactor' })]);
    for (const r of all) assert.ok(!text(r).includes(PROMPT_MARKER), 'prompt text in a result');
  });

  it('a bad argument gets a clear error naming the argument', async () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['search_patterns', { query: '' }, /query/],
      ['search_patterns', { query: 'x', limit: 0 }, /limit/],
      ['search_patterns', { limit: 3 }, /query/],
      ['usage_summary', { days: 'many' }, /days/],
      ['model_advice', { taskType: 'cooking' }, /taskType/],
    ];
    for (const [name, args, re] of cases) {
      let message: string;
      try {
        const r = await call(name, args);
        assert.equal(r.isError, true, `${name} ${JSON.stringify(args)} was accepted`);
        message = text(r);
      } catch (e) {
        message = e instanceof Error ? e.message : String(e);
      }
      assert.match(message, re, `${name}: ${message}`);
      assert.match(message, /invalid/i, `${name}: ${message}`);
    }
  });

  it('wrote nothing into the store folder', () => {
    assert.deepEqual(listing(f.dir), initial);
  });
});
