import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadSqlJs } from '../../../src/core/store/db';
import type { LogTool } from '../../oracle/count-logs';
import { countLog } from '../../oracle/count-logs';
import { FIXTURES } from './helpers';
import { differences, productFigures } from './real-logs';

/**
 * Issue 14: every figure the product stores for each fixture of the new sources equals the independent
 * counter's (test/oracle/count-logs.ts, written from the formats, sharing no code with src/).
 */
function filesUnder(dir: string, name: RegExp): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p, name));
    else if (name.test(entry)) out.push(p);
  }
  return out;
}

function clineTool(path: string): LogTool {
  return path.includes('rooveterinaryinc.roo-cline') ? 'roo-code' : path.includes('kilocode.kilo-code') ? 'kilo-code' : 'cline';
}

export const NEW_SOURCE_FIXTURES: [LogTool, string][] = [
  ...filesUnder(join(FIXTURES, 'gemini'), /\.jsonl?$/).filter((p) => !p.endsWith('projects.json')).map((p): [LogTool, string] => ['gemini-cli', p]),
  ...filesUnder(join(FIXTURES, 'cline'), /^ui_messages\.json$/).map((p): [LogTool, string] => [clineTool(p), p]),
];

describe('new sources: stored figures equal the independent counter', function () {
  this.timeout(60_000);
  for (const [tool, path] of NEW_SOURCE_FIXTURES) {
    it(`${tool} ${relative(FIXTURES, path)}`, async () => {
      const SQL = await loadSqlJs();
      const oracle = countLog(path, tool);
      const { figures, failed } = await productFigures(SQL, { tool, path, split: 'dev', present: true });
      assert.equal(failed, 0, 'every record applied');
      const diff = differences(figures, oracle);
      assert.ok(diff.length === 0, diff.join('; '));
    });
  }
});
