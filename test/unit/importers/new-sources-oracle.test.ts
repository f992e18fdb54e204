import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadSqlJs } from '../../../src/core/store/db';
import { countLog } from '../../oracle/count-logs';
import type { LogTool } from '../../oracle/count-logs';
import { differences, productFigures } from './real-logs';
import { EDGE, FIXTURES } from './helpers';

/**
 * Issue 14: the stored figures of the Copilot CLI and Amp files equal the independent counter's. No user-written
 * Copilot CLI or Amp log was found in public repositories with a licence (or without): these are the readers' own
 * fixtures (git-ai, Apache-2.0; its Amp threads are real, its Copilot CLI events hand-edited) and one hand-made file.
 */
const FILES: [LogTool, string][] = [
  ['copilot-cli', join(FIXTURES, 'copilot-cli-session-events.jsonl')],
  ['copilot-cli', join(FIXTURES, 'copilot-cli-session-no-model.jsonl')],
  ['copilot-cli', join(EDGE, 'copilot-cli-resumed.jsonl')],
  ['amp', join(FIXTURES, 'amp-threads', 'T-019ca1ce-3ae2-7686-a41e-ccc078837f8a.json')],
  ['amp', join(FIXTURES, 'amp-threads', 'T-019ca1f6-7f21-77b5-a308-65416ebbdf48.json')],
];

describe('Copilot CLI and Amp: stored figures equal the independent counter', function () {
  this.timeout(60_000);
  for (const [tool, path] of FILES) {
    it(`${tool} ${path.slice(FIXTURES.length + 1)}`, async () => {
      const SQL = await loadSqlJs();
      const oracle = countLog(path, tool);
      const { figures, failed } = await productFigures(SQL, { tool, path, split: 'dev', present: true });
      assert.equal(failed, 0);
      assert.ok(oracle.requests > 0, 'the counter sees the prompts');
      const diff = differences(figures, oracle);
      assert.ok(diff.length === 0, diff.join('; '));
    });
  }
});
