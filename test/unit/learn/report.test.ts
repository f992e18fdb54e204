import assert from 'node:assert/strict';
import { sessionReport } from '../../../src/core/learn/report';
import type { QueryResult } from '../../../src/core/store/queries';

const pattern = (id: string, usageCount: number, successCount: number): QueryResult['patterns'][number] => ({
  id, name: `fn${id}`, description: null, language: 'typescript', framework: null, tags: [], complexity: 4, lines: 9,
  code: null, fingerprint: null, sourcePath: null, sourceCommit: null, firstSeenTs: null, createdTs: null, updatedTs: null,
  stale: false, usageCount, successCount, avgRating: usageCount ? 4.5 : null,
});

describe('session report', () => {
  it('summarises a range in Markdown with exact figures, unknown costs said so', () => {
    const md = sessionReport({
      title: 'Session report: today',
      data: {
        generatedTs: Date.UTC(2026, 10, 21, 12, 0), source: 'store', rangeDays: 1, captureOn: true, blindSpots: ['Shown suggestions.'],
        textByLanguage: [{ language: 'typescript', label: 'typed', chars: 1200, changes: 900 }, { language: 'typescript', label: 'inline', chars: 300, changes: 3 }],
        today: { newChars: 1500, aiChars: 300, aiKeptChars: 240, aiMeasuredChars: 300, insertions: 3, patternChars: 0, patternKeptChars: 0, patternMeasuredChars: 0, patternInsertions: 0, activeMs: 0 },
        insights: [{ id: 'tool-failing:terminal:npm', severity: 'alert', title: 'npm fails often', detail: '3 of 10 runs passed.', evidence: { runs: 10 } }],
        tokens: [{ model: 'mystery-model', sourceTool: 'aider', n: 2, tokensIn: 5000, tokensOut: 600, cacheRead: 0, cacheWrite: 0, costUsd: null, costKnownN: 0 }],
      },
      patterns: [pattern('a', 4, 3), pattern('b', 0, 0), pattern('c', 2, 2)],
    });
    assert.match(md, /^# Session report: today/);
    assert.match(md, /## Insights\n\n- \*\*alert\*\*: npm fails often\. 3 of 10 runs passed\./);
    assert.match(md, /AI share of today's new code: \*\*20%\*\* \(300 of 1,500 characters, 3 insertions\)/);
    assert.match(md, /Measured AI code kept: \*\*80%\*\*/);
    assert.match(md, /\| typescript \| 1,500 \| 903 \|/);
    assert.match(md, /\| mystery-model \| aider \| 2 \| 5,000 \| 600 \| 0 \| 0 \| unknown \|/);
    assert.match(md, /Total known cost: \*\*–\*\*/);
    assert.match(md, /listed with cost "unknown"; prices: @pydantic\/genai-prices 0\.1\.8, data of 2026-09-23\)/);
    const patternRows = md.split('\n').filter((l) => l.startsWith('| fn'));
    assert.deepEqual(patternRows.map((l) => l.split(' | ')[0]), ['| fnc', '| fna']);
    assert.match(md, /## What could not be observed\n\n- Shown suggestions\./);
  });
});
