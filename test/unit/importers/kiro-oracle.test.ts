import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadSqlJs } from '../../../src/core/store/db';
import { countLog } from '../../oracle/count-logs';
import { differences, productFigures, UNLICENSED } from './real-logs';
import { FIXTURES, withTmp } from './helpers';

/**
 * Issue 14: Kiro's stored figures equal the independent counter's. Dev: the hand-made sessions of fixtures/kiro.
 * Final: the one real session found (skillsjars/skillsjars `bug.json`, fetched by scripts/fetch-real-logs.mjs; see
 * real/SOURCE.md), a Kiro session export laid back into the CLI's two files as Kiro writes them.
 */
const SESSIONS = join(FIXTURES, 'kiro', 'home', '.kiro', 'sessions');
const DEV = [join(SESSIONS, 'cli', '3f5b8a3e-8c1d-4f5e-9a42-6b7e0c9d1a20.jsonl'), join(SESSIONS, '7d0c2f4e-ide-0001', 'messages.jsonl')];
const EXPORT = join(UNLICENSED, 'kiro', 'skillsjars', 'bug.json');

/** Writes a `kiro-session-export-v1` document as `<dir>/<session_id>.json` and `.jsonl`; returns the log's path. */
export async function layKiroExport(exportPath: string, dir: string): Promise<string> {
  const doc = JSON.parse(await readFile(exportPath, 'utf8')) as { format: string; metadata: { session_id: string }; log_entries: unknown[] };
  assert.equal(doc.format, 'kiro-session-export-v1');
  await mkdir(dir, { recursive: true });
  const base = join(dir, doc.metadata.session_id);
  await writeFile(`${base}.json`, JSON.stringify(doc.metadata, null, 2));
  await writeFile(`${base}.jsonl`, doc.log_entries.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return `${base}.jsonl`;
}

async function check(path: string): Promise<void> {
  const SQL = await loadSqlJs();
  const oracle = countLog(path, 'kiro');
  const { figures, failed, result } = await productFigures(SQL, { tool: 'kiro', path, split: 'dev', present: true });
  assert.equal(failed, 0);
  assert.deepEqual(result.skipped, {});
  assert.ok(oracle.requests > 0, 'the counter sees the prompts');
  const diff = differences(figures, oracle);
  assert.ok(diff.length === 0, diff.join('; '));
}

describe('Kiro: stored figures equal the independent counter', function () {
  this.timeout(60_000);
  for (const path of DEV) it(`dev ${path.slice(SESSIONS.length + 1)}`, () => check(path));
  it('final: skillsjars/skillsjars bug.json (real, laid into sessions/cli)', async function () {
    if (!existsSync(EXPORT)) this.skip();
    await withTmp(async (dir) => check(await layKiroExport(EXPORT, join(dir, '.kiro', 'sessions', 'cli'))));
  });
  it('final: the same export chosen as a file gives the same figures', async function () {
    if (!existsSync(EXPORT)) this.skip();
    await withTmp(async (dir) => {
      const laid = await layKiroExport(EXPORT, join(dir, 'cli'));
      const SQL = await loadSqlJs();
      const { figures, result } = await productFigures(SQL, { tool: 'kiro', path: EXPORT, split: 'final', present: true }, 'kiro-export');
      assert.deepEqual(result.skipped, {});
      const diff = differences(figures, countLog(laid, 'kiro'));
      assert.ok(diff.length === 0, diff.join('; '));
    });
  });
});
