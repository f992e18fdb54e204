import assert from 'node:assert/strict';
import { historyRows } from '../../../src/core/importers/history-rows';

const cursor = (source: string, fileKey: string, ts: number) => ({ source, fileKey, ts, size: 1, mtimeMs: 1, offset: 1, lastRecordId: null });
const tokens = (sourceTool: string, model: string, n: number, costUsd: number | null) => ({
  model, sourceTool, n, tokensIn: 10 * n, tokensOut: 2 * n, cacheRead: n, cacheWrite: 0, costUsd, costKnownN: costUsd === null ? 0 : n,
});

describe('AI History rows', () => {
  it('sums requests, tokens and known cost per tool over its models, counts files, most requests first', () => {
    const rows = historyRows(
      [cursor('claude-code', 'a', 100), cursor('claude-code', 'b', 300), cursor('aider', 'c', 50)],
      [tokens('claude-code', 'claude-sonnet-4-5', 3, 0.5), tokens('claude-code', 'claude-opus-4-6', 1, null), tokens('copilot', 'gpt-4o', 7, null)],
    );
    assert.deepEqual(rows.map((r) => [r.label, r.source, r.files, r.lastReadTs, r.requests, r.tokens, r.costUsd, r.description]), [
      ['GitHub Copilot', undefined, 0, undefined, 7, 91, undefined, '7 requests'],
      ['Claude Code', 'claudeCode', 2, 300, 4, 52, 0.5, '4 requests · 2 files · $0.50'],
      ['Aider', 'aider', 1, 50, 0, 0, undefined, '0 requests · 1 file'],
    ]);
  });

  it('shows a tool id this version does not know as stored, with no importer setting', () => {
    const [row] = historyRows([], [tokens('future-tool', 'm', 1, 0)]);
    assert.deepEqual([row?.label, row?.source, row?.description], ['future-tool', undefined, '1 request · $0.00']);
  });
});
