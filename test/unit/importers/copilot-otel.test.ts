import assert from 'node:assert/strict';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { discoverFiles, watchPatterns } from '../../../src/core/importers/discovery';
import { formatOf } from '../../../src/core/importers/chat-file';
import { loadSqlJs } from '../../../src/core/store/db';
import { countLog } from '../../oracle/count-logs';
import { countCopilotOtel } from '../../oracle/count-otel';
import { differences, productFigures } from './real-logs';
import { FIXTURES, collect, sum, withTmp } from './helpers';

const HOME = join(FIXTURES, 'copilot-otel', 'home');
const OTEL = join(HOME, '.copilot', 'otel', 'copilot-otel-20260512.jsonl');
const STATE = join(HOME, '.copilot', 'session-state');
const EVENTS = join(STATE, '301561f1-558a-43e9-a144-82d3ca12ab62', 'events.jsonl');
const B = '8c2e4b7a-1f3d-4c9e-b5a2-6d0f9e8c7b14';

describe('Copilot CLI OpenTelemetry file export', () => {
  it('reads a request per chat span and a run per tool span, and counts what it skips', async () => {
    await withTmp(async (dir) => {
      const alone = join(dir, 'otel.jsonl'); // no session-state beside it: every session is read from the export
      await copyFile(OTEL, alone);
      const c = await collect(alone, 'copilot-otel');
      assert.deepEqual(c.result.skipped, { missing_fields: 1, truncated_line: 1 });
      assert.equal(c.interactions.length, 4, 'four chat spans; the invoke_agent sum is no record');
      assert.ok(c.interactions.every((e) => e.sourceTool === 'copilot-cli' && e.promptChars === undefined));
      const b1 = c.interactions.find((e) => e.conversation === B && e.tokensOut === 281)!;
      assert.deepEqual([b1.tokensIn, b1.cacheReadTokens, b1.cacheWriteTokens, b1.reasoningTokens, b1.latencyMs], [19452 - 123 - 50, 123, 50, 128, 4250]);
      assert.equal(b1.model, 'gpt-5.4-mini');
      assert.equal(sum(c.interactions, 'tokensOut'), 300 + 120 + 281 + 95);
      assert.deepEqual(c.tools.map((t) => [t.tool, t.success, t.durationMs]), [['bash', true, 1000], ['view', true, 40], ['bash', false, 3000]]);
      const SQL = await loadSqlJs();
      const { figures } = await productFigures(SQL, { tool: 'copilot-otel', path: alone, split: 'dev', present: true });
      const diff = differences(figures, countLog(alone, 'copilot-otel'));
      assert.ok(diff.length === 0, diff.join('; '));
    });
  });

  it('does not count a session twice when its events log is there: chat spans skipped, tool runs under the same key', async () => {
    const found = await discoverFiles({ homeDir: HOME, workspaceFolders: [] }, new Set(['copilotCli']));
    assert.deepEqual(found.map((f) => `${f.format} ${f.path.slice(HOME.length)}`).sort(), [
      'copilot-cli /.copilot/session-state/301561f1-558a-43e9-a144-82d3ca12ab62/events.jsonl',
      'copilot-otel /.copilot/otel/copilot-otel-20260512.jsonl',
    ]);
    const otel = found.find((f) => f.format === 'copilot-otel')!;
    assert.equal(otel.sessionState, STATE);
    const fromOtel = await collect(OTEL, 'copilot-otel');
    assert.deepEqual(fromOtel.interactions.map((e) => e.conversation), [B, B], 'the session with an events log is read from it alone');
    const fromEvents = await collect(EVENTS, 'copilot-cli');
    const key = (t: { externalId?: string }): string => t.externalId!;
    assert.ok(fromEvents.tools.length > 0);
    assert.ok(fromEvents.tools.every((t) => fromOtel.tools.map(key).includes(key(t))), 'the same tool call, the same key');
    const SQL = await loadSqlJs();
    const { figures } = await productFigures(SQL, { tool: 'copilot-otel', path: OTEL, split: 'dev', present: true });
    const diff = differences(figures, countCopilotOtel(OTEL, new Set(['301561f1-558a-43e9-a144-82d3ca12ab62'])));
    assert.ok(diff.length === 0, diff.join('; '));
  });

  it('is found at $COPILOT_OTEL_FILE_EXPORTER_PATH too, watched, and told from its first line when chosen', async () => {
    await withTmp(async (dir) => {
      const custom = join(dir, 'review-otel.jsonl');
      await copyFile(OTEL, custom);
      const roots = { homeDir: '/nonexistent', copilotOtelFile: custom, workspaceFolders: [] };
      const found = await discoverFiles(roots, new Set(['copilotCli']));
      assert.deepEqual(found.map((f) => [f.path, f.format]), [[custom, 'copilot-otel']]);
      const watched = watchPatterns(roots, new Set(['copilotCli'])).map(([d, g]) => `${d} ${g}`);
      assert.ok(watched.includes(`/nonexistent/.copilot/otel *.jsonl`) && watched.includes(`${dir} review-otel.jsonl`));
      assert.equal(await formatOf(custom), 'copilot-otel');
      assert.equal((await discoverFiles(roots, new Set(['kiro']))).length, 0);
    });
  });
});
