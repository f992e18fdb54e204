import assert from 'node:assert/strict';
import type { DashboardData } from '../../../src/core/dashboard/dashboard-data';
import { dailySeries, dayLabel, headline, healthText, insertionTotals, intentBars, modelRows, survivalCurve, tokenRows, toolRows } from '../../../src/core/dashboard/sections-model';

const day = 20_400; // 2025-11-08

describe('dashboard sections model', () => {
  it('labels local-day numbers as calendar dates', () => {
    assert.equal(dayLabel(0), '1970-01-01');
    assert.equal(dayLabel(day), '2025-11-08');
  });

  it('zero-fills daily activity over the whole range, one named dataset per kind, bookkeeping left out', () => {
    const s = dailySeries([
      { day, kind: 'text_change', n: 5 }, { day: day + 2, kind: 'commit', n: 1 }, { day: day + 2, kind: 'text_change', n: 2 },
      { day, kind: 'survival', n: 9 }, { day, kind: 'import_cursor', n: 3 },
    ], day, day + 2);
    assert.deepEqual(s.labels, ['2025-11-08', '2025-11-09', '2025-11-10']);
    assert.deepEqual(s.datasets, [{ label: 'edits', data: [5, 0, 2] }, { label: 'commits', data: [0, 0, 1] }]);
  });

  it('gives the survival curve per origin in checkpoint order, summing languages, null where unmeasured', () => {
    const c = survivalCurve({
      insertions: [],
      survival: [
        { language: 'ts', origin: 'inline', checkpoint: '30s', n: 2, charsKept: 90, charsTotal: 100 },
        { language: 'py', origin: 'inline', checkpoint: '30s', n: 1, charsKept: 10, charsTotal: 100 },
        { language: 'ts', origin: 'inline', checkpoint: 'commit', n: 1, charsKept: 1, charsTotal: 3 },
        { language: 'ts', origin: 'chat', checkpoint: '2m', n: 1, charsKept: 0, charsTotal: 50 },
      ],
    });
    assert.equal(c.labels[0], '30s');
    assert.deepEqual(c.datasets.map((d) => d.label), ['chat', 'inline']);
    const inline = c.datasets[1].data;
    assert.equal(inline[0], 50);
    assert.equal(inline[c.labels.indexOf('commit')], 33.3);
    assert.equal(inline[c.labels.indexOf('2m')], null);
    assert.equal(c.datasets[0].data[1], 0);
  });

  it('totals insertions by origin', () => {
    assert.deepEqual(insertionTotals({ insertions: [
      { language: 'ts', origin: 'inline', n: 2, chars: 30, lines: 2 },
      { language: 'py', origin: 'inline', n: 1, chars: 5, lines: 1 },
      { language: 'ts', origin: 'chat', n: 1, chars: 300, lines: 20 },
    ], survival: [] }), [{ origin: 'chat', n: 1, chars: 300 }, { origin: 'inline', n: 3, chars: 35 }]);
  });

  it('rates tools on known outcomes only and never prices an unknown model', () => {
    assert.deepEqual(toolRows([{ tool: 'npm', source: 'terminal', n: 10, ok: 6, failed: 2, avgDurationMs: 1234 }]),
      [{ tool: 'npm', source: 'terminal', runs: 10, successRate: 75, avgSeconds: 1.2 }]);
    assert.equal(toolRows([{ tool: 'x', source: 'task', n: 3, ok: 0, failed: 0, avgDurationMs: null }])[0].successRate, null);
    const rows = tokenRows([
      { model: 'claude-sonnet-4-5', sourceTool: 'claude-code', n: 3, tokensIn: 10, tokensOut: 20, cacheRead: 30, cacheWrite: 40, costUsd: 0.1234, costKnownN: 3 },
      { model: 'mystery', sourceTool: 'aider', n: 2, tokensIn: 1, tokensOut: 1, cacheRead: 0, cacheWrite: 0, costUsd: null, costKnownN: 0 },
      { model: 'gpt-5', sourceTool: 'codex', n: 4, tokensIn: 1, tokensOut: 1, cacheRead: 0, cacheWrite: 0, costUsd: 1, costKnownN: 2 },
    ]);
    assert.deepEqual(rows.map((r) => r.cost), ['$0.12', 'unknown', '$1.00 (partly unknown)']);
  });

  it('sums intents across tools', () => {
    const b = intentBars([
      { intent: 'debugging', sourceTool: 'claude-code', n: 2, ok: 2, failed: 0, votesUp: 1, votesDown: 0, avgLatencyMs: null },
      { intent: 'code_generation', sourceTool: 'copilot-chat', n: 5, ok: 5, failed: 0, votesUp: 0, votesDown: 1, avgLatencyMs: 100 },
      { intent: 'debugging', sourceTool: 'codex', n: 4, ok: 4, failed: 0, votesUp: 0, votesDown: 2, avgLatencyMs: null },
    ]);
    assert.deepEqual(b.labels, ['debugging', 'code generation']);
    assert.deepEqual(b.data, [6, 5]);
  });

  it('computes headline figures, leaving unknowns as a dash', () => {
    const base: DashboardData = { generatedTs: 0, source: 'store', rangeDays: 7, captureOn: true, textByLanguage: [], blindSpots: [] };
    assert.deepEqual(headline(base), { aiShareToday: '–', keptToday: '–', patternsKeptToday: '–', eventsInRange: 0, costInRange: '–' });
    const h = headline({
      ...base,
      today: { newChars: 400, aiChars: 100, aiKeptChars: 45, aiMeasuredChars: 60, insertions: 3, patternChars: 80, patternKeptChars: 20, patternMeasuredChars: 80, patternInsertions: 1, activeMs: 0 },
      daily: [{ day, kind: 'text_change', n: 3 }, { day, kind: 'tool_run', n: 4 }, { day, kind: 'session', n: 2 }],
      tokens: [{ model: 'm', sourceTool: 't', n: 1, tokensIn: 0, tokensOut: 0, cacheRead: 0, cacheWrite: 0, costUsd: 0.5, costKnownN: 1 }],
    });
    assert.deepEqual(h, { aiShareToday: '25%', keptToday: '75%', patternsKeptToday: '25%', eventsInRange: 7, costInRange: '$0.50' });
  });

  it('shows model performance with its confidence, cost unknown when never priced', () => {
    assert.deepEqual(modelRows([
      { taskType: 'code_generation', model: 'gpt-4o', n: 3, quality: 0.5913, latencyMs: 1040, costUsd: 0.012, confidence: 0.5135 },
      { taskType: 'debugging', model: 'mystery', n: 1, quality: 0.73, latencyMs: null, costUsd: null, confidence: 0.5045 },
      { taskType: 'refactor', model: 'claude-sonnet-4', n: 0, quality: 0.7, latencyMs: 4200, costUsd: 0.02, confidence: 0.5 },
    ]), [
      { task: 'code generation', model: 'gpt-4o', requests: 3, quality: '59%', latencyS: 1, cost: '$0.0120', confidence: '51%' },
      { task: 'debugging', model: 'mystery', requests: 1, quality: '73%', latencyS: null, cost: 'unknown', confidence: '50%' },
      { task: 'refactor', model: 'claude-sonnet-4', requests: 0, quality: null, latencyS: 4.2, cost: '$0.0200', confidence: null },
    ]);
  });

  it('says on the health line how many journal records were set aside, and nothing when none were', () => {
    assert.equal(healthText(undefined), null);
    assert.equal(healthText({ quarantined: 0, lastReason: null, lastTs: null }), null);
    assert.match(healthText({ quarantined: 1, lastReason: 'x', lastTs: 1 }) ?? '', /^1 journal record could not be stored and was set aside/);
    assert.match(healthText({ quarantined: 13, lastReason: 'x', lastTs: 1 }) ?? '', /^13 journal records could not be stored and were set aside/);
  });
});
