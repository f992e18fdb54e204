import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { discoverFiles, watchPatterns } from '../../../src/core/importers/discovery';
import type { DiscoveryRoots } from '../../../src/core/importers/discovery';
import { formatOf } from '../../../src/core/importers/chat-file';
import { BUSY, FIXTURES, QUIET, collect, sum, withTmp } from './helpers';

const HOME = join(FIXTURES, 'kiro', 'home');
const SID = '3f5b8a3e-8c1d-4f5e-9a42-6b7e0c9d1a20';
const CLI = join(HOME, '.kiro', 'sessions', 'cli', `${SID}.jsonl`);
const IDE = join(HOME, '.kiro', 'sessions', '7d0c2f4e-ide-0001', 'messages.jsonl');

/** Copies the CLI session (log and session file) into `dir`, as Kiro lays them out. */
async function copyCli(dir: string): Promise<string> {
  const cli = join(dir, 'cli');
  await mkdir(cli, { recursive: true });
  await copyFile(CLI, join(cli, `${SID}.jsonl`));
  await copyFile(CLI.replace(/\.jsonl$/, '.json'), join(cli, `${SID}.json`));
  return join(cli, `${SID}.jsonl`);
}

describe('Kiro importer', () => {
  it('reads a CLI session: a record per prompt with its turn entry, a tool run per tool use', async () => {
    const c = await collect(CLI, 'kiro');
    assert.deepEqual(c.result.skipped, {});
    assert.equal(c.interactions.length, 3);
    const [fix, explain, add] = c.interactions;
    assert.ok(c.interactions.every((e) => e.sourceTool === 'kiro' && e.conversation === SID && e.interaction === 'agent' && e.workspaceHash !== undefined));
    assert.deepEqual(c.interactions.map((e) => e.toolCalls), [3, 0, 1]);
    assert.deepEqual(c.interactions.map((e) => e.toolErrors), [1, 0, 0]);
    assert.deepEqual(c.interactions.map((e) => e.model), ['auto', 'claude-sonnet-4.5', 'auto']);
    assert.equal(fix.ts, Date.parse('2026-09-01T12:00:00Z'));
    assert.equal(fix.latencyMs, 90_500, 'the turn ends at its entry');
    assert.equal(fix.tokensIn, undefined, 'zero counts are not reported counts');
    assert.equal(explain.ts, Date.parse('2026-09-01T12:05:10Z') - 10_250, 'an undated prompt starts its entry\'s duration before its end');
    assert.equal(explain.tsEstimated, true);
    assert.deepEqual([explain.tokensIn, explain.tokensOut, explain.cacheReadTokens], [5200, 310, 4100]);
    assert.ok(explain.costUsd !== undefined && explain.costUsd > 0, 'priced by the shared catalogue');
    assert.equal(add.latencyMs, 0, 'no entry: no end time');
    assert.equal(fix.promptChars, 'fix the failing date parser test in src/util/dates.ts'.length);
    assert.equal(c.tools.length, 4);
    assert.deepEqual(c.tools.map((t) => [t.tool, t.success]), [['read', true], ['write', true], ['shell', false], ['write', true]]);
    assert.equal(new Set(c.tools.map((t) => t.externalId)).size, 4);
  });

  it('holds the last turn back while the session is written and without its entry, then reads it once', async () => {
    await withTmp(async (dir) => {
      const path = await copyCli(dir);
      const busy = await collect(path, 'kiro', BUSY);
      assert.equal(busy.interactions.length, 2);
      const text = await readFile(path, 'utf8');
      assert.equal(busy.result.cursor.offset, text.indexOf('{"version":"v1","kind":"Prompt","data":{"message_id":"p-003"'));
      const quiet = await collect(path, 'kiro', QUIET, busy.result.cursor);
      assert.deepEqual(quiet.interactions.map((e) => e.toolCalls), [1]);
      assert.equal(quiet.tools.length, 1);
      const again = await collect(path, 'kiro', QUIET, quiet.result.cursor);
      assert.equal(again.result.unchanged, true);
    });
  });

  it('reads an IDE session (messages.jsonl + session.json)', async () => {
    const c = await collect(IDE, 'kiro');
    assert.deepEqual(c.result.skipped, {});
    assert.equal(c.interactions.length, 2);
    assert.ok(c.interactions.every((e) => e.conversation === '7d0c2f4e-ide-0001' && e.model === 'claude-sonnet-4'));
    assert.deepEqual(c.interactions.map((e) => e.firstTokenMs), [4000, 8000]);
    assert.deepEqual(c.interactions.map((e) => e.latencyMs), [12_000, 8000]);
    assert.deepEqual(c.tools.map((t) => [t.tool, t.success]), [['fsWrite', true], ['executeBash', false]]);
    assert.equal(sum(c.interactions, 'toolErrors'), 1);
  });

  it('counts a torn session file and an unknown version, and still reads the log', async () => {
    await withTmp(async (dir) => {
      const path = await copyCli(dir);
      const meta = path.replace(/\.jsonl$/, '.json');
      await writeFile(meta, (await readFile(meta, 'utf8')).slice(0, 300));
      const torn = await collect(path, 'kiro');
      assert.deepEqual(torn.result.skipped, { truncated_line: 1 });
      assert.equal(torn.interactions.length, 3);
      assert.ok(torn.interactions.every((e) => e.model === undefined && e.conversation === SID));
      assert.equal(torn.interactions[1].ts, torn.interactions[0].ts, 'an undated prompt without its entry: after the turn before it, estimated');
      assert.equal(torn.interactions[1].tsEstimated, true);
      await writeFile(path, (await readFile(path, 'utf8')).replace(/"version":"v1"/g, '"version":"v9"'));
      const future = await collect(path, 'kiro');
      assert.equal(future.interactions.length, 0);
      assert.equal(future.result.skipped.unsupported_version, 13);
    });
  });

  it('is found at ~/.kiro and $KIRO_HOME, watched there, and told from its first line when chosen', async () => {
    const roots: DiscoveryRoots = { homeDir: HOME, workspaceFolders: [] };
    const found = await discoverFiles(roots, new Set(['kiro']));
    assert.deepEqual(found.map((f) => `${f.format} ${f.source} ${f.path.slice(HOME.length)}`), [
      `kiro kiro /.kiro/sessions/cli/${SID}.jsonl`,
      'kiro kiro /.kiro/sessions/7d0c2f4e-ide-0001/messages.jsonl',
    ]);
    const moved = await discoverFiles({ homeDir: '/nonexistent', kiroHome: join(HOME, '.kiro'), workspaceFolders: [] }, new Set(['kiro']));
    assert.equal(moved.length, 2);
    assert.equal((await discoverFiles(roots, new Set(['amp']))).length, 0);
    const watched = watchPatterns(roots, new Set(['kiro'])).map(([d, g]) => `${d.slice(HOME.length)} ${g}`);
    assert.deepEqual(watched, ['/.kiro/sessions/cli *.jsonl', '/.kiro/sessions */messages.jsonl']);
    assert.equal(await formatOf(CLI), 'kiro');
  });

  it('reads Kiro\'s own session export as the two files it holds: the same records, the same ids', async () => {
    await withTmp(async (dir) => {
      const lines = (await readFile(CLI, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as unknown);
      const metadata = JSON.parse(await readFile(CLI.replace(/\.jsonl$/, '.json'), 'utf8')) as unknown;
      const path = join(dir, 'saved-session.json');
      await writeFile(path, JSON.stringify({ format: 'kiro-session-export-v1', metadata, log_entries: lines }, null, 2));
      assert.equal(await formatOf(path), 'kiro-export');
      const exported = await collect(path, 'kiro-export');
      const live = await collect(CLI, 'kiro');
      assert.deepEqual(exported.result.skipped, {});
      assert.deepEqual(exported.interactions, live.interactions);
      assert.deepEqual(exported.tools, live.tools);
      await writeFile(path, JSON.stringify({ format: 'kiro-session-export-v2', metadata, log_entries: lines }));
      assert.deepEqual((await collect(path, 'kiro-export')).result.skipped, { unsupported_version: 1 });
    });
  });
});
