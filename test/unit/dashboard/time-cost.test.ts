import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StoreClient } from '../../../src/core/store/client';
import { dayStartTs, localDay } from '../../../src/core/model/day';
import type { RecordedEvent } from '../../../src/core/model/events';
import { usageData } from '../../../src/core/dashboard/time-cost-data';
import { timeSeries, timeView } from '../../../src/core/dashboard/time-model';
import { burnLine, costSeries, costTable, monthForecast } from '../../../src/core/dashboard/cost-model';
import { dashboardData } from '../../../src/core/dashboard/data';
import { agentTables, burnTable, costTables, timeTables, windowTable } from '../../../src/core/dashboard/time-cost-rows';
import { sessionReport } from '../../../src/core/learn/report';

// A fixed day in the past (the 18th of November 2026, local time): nothing depends on when the test runs.
const D = localDay(Date.UTC(2026, 10, 18, 12));
const BASE = dayStartTs(D) + 10 * 3_600_000; // 10:00 local
const NOW = dayStartTs(D) + 15 * 3_600_000; // 15:00 local
const s = (sec: number) => BASE + sec * 1000;
const A = 'a'.repeat(16);
const B = 'b'.repeat(16);
const file = 'f'.repeat(16);

const edit = (sec: number, language: string, session = 's1'): RecordedEvent => ({
  kind: 'text_change', ts: s(sec), session, fileHash: file, language, label: 'typed', precision: 'strong',
  charsAdded: 3, charsRemoved: 0, linesAdded: 0, count: 1,
});
const request = (id: string, ts: number, more: Partial<Extract<RecordedEvent, { kind: 'ai_interaction' }>>): RecordedEvent => ({
  kind: 'ai_interaction', ts, id, sourceTool: 'claude-code', interaction: 'agent', intent: 'debugging', model: 'claude-sonnet-4-5', ...more,
});

// Session s1 (project A): the rows below; session s2 (project B) has no edit-level rows. Requests of Claude Code
// (imported, no session of ours) at 09:50 and 10:01:40; one Codex request, unpriced, at 14:00 in project B.
const EVENTS: RecordedEvent[] = [
  { kind: 'session', ts: s(0), id: 's1', phase: 'start', workspaceHash: A },
  { kind: 'context', ts: s(0), session: 's1', what: 'editor', language: 'typescript', branch: 'main' },
  edit(20, 'typescript'), edit(50, 'typescript'),
  { kind: 'tool_run', ts: s(80), session: 's1', tool: 'npm', source: 'terminal', success: true },
  // A diagnostics delta is not the user's activity, and a session the store never saw starting is nobody's.
  { kind: 'tool_run', ts: s(90), session: 's1', tool: 'diagnostics', source: 'diagnostics', errorDelta: 1 },
  edit(25, 'typescript', 'ghost'),
  edit(200, 'python'),
  { kind: 'ai_insertion', ts: s(230), session: 's1', id: 'ins1', origin: 'chat', fileHash: file, language: 'python', chars: 40, lines: 2, precision: 'heuristic', confidence: 0.8, textHash: 'c'.repeat(16) },
  edit(250, 'python'),
  { kind: 'context', ts: s(290), session: 's1', what: 'branch', language: 'python', branch: 'feat' },
  edit(300, 'python'),
  { kind: 'session', ts: s(300), id: 's1', phase: 'end', activeMs: 300_000, workspaceHash: A },
  { kind: 'session', ts: s(4000), id: 's2', phase: 'start', workspaceHash: B },
  { kind: 'session', ts: s(4060), id: 's2', phase: 'end', activeMs: 60_000, workspaceHash: B },
  request('r1', s(-600), { costUsd: 0.3, tokensIn: 1000, tokensOut: 200, workspaceHash: A, conversation: 'c1' }),
  request('r2', s(100), { costUsd: 0.2, tokensIn: 500, tokensOut: 100, workspaceHash: A, conversation: 'c1' }),
  request('r3', dayStartTs(D) + 14 * 3_600_000, { sourceTool: 'codex', model: 'gpt-5-codex', tokensIn: 300, tokensOut: 50, workspaceHash: B, conversation: 'x1' }),
  // Earlier in the month (the 3rd): priced, so the forecast has two days of cost.
  request('r4', dayStartTs(D - 15) + 12 * 3_600_000, { costUsd: 1.0, tokensIn: 2000, tokensOut: 400, workspaceHash: A, conversation: 'c0' }),
];

describe('dashboard time and cost from the real store worker', function () {
  this.timeout(30_000);
  let dir: string;
  let client: StoreClient;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'time-cost-'));
    client = await StoreClient.open({ storageDir: dir, windowId: 'test', tickMs: 50 });
    client.appendMany(EVENTS);
    await client.query('eventCount', {});
  });
  after(async () => {
    await client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('splits active time by project, language, branch and AI assistance', async () => {
    const u = await usageData(client, { fromDay: D, toDay: D }, {}, { [A]: 'webapp' }, NOW);
    const t = timeView(u.time, u.projectNames);
    // Sessions: 300 s + 60 s. Replayed gaps under a minute: TypeScript on main 20 + 30 + 30 s (the terminal
    // command at 80 s keeps TypeScript, its 120 s gap is idle); Python on main 30 s (AI-assisted: the request at
    // 100 s is within 5 minutes), 20 s, 40 s after the insertion at 230 s; Python on feat 10 s.
    assert.equal(t.totalMs, 360_000);
    assert.equal(t.splitMs, 180_000);
    assert.equal(t.assistedMs, 100_000);
    assert.deepEqual(t.byLanguage, [{ name: 'python', activeMs: 100_000, assistedMs: 100_000 }, { name: 'typescript', activeMs: 80_000, assistedMs: 0 }]);
    assert.deepEqual(t.byBranch, [{ name: 'main', activeMs: 170_000, assistedMs: 90_000 }, { name: 'feat', activeMs: 10_000, assistedMs: 10_000 }]);
    assert.deepEqual(t.byProject, [{ name: 'webapp', activeMs: 300_000, assistedMs: 100_000 }, { name: 'project bbbbbb', activeMs: 60_000, assistedMs: 0 }]);
    const series = timeSeries(u.time, D, D);
    assert.deepEqual(series.datasets, [{ label: 'AI-assisted', data: [0.03] }, { label: 'other active time', data: [0.07] }]);
  });

  it('filters time by project and cost by project, tool and model', async () => {
    const onlyB = await usageData(client, { fromDay: D, toDay: D }, { project: [B] }, {}, NOW);
    assert.equal(timeView(onlyB.time).totalMs, 60_000);
    assert.deepEqual(onlyB.time.spans, []);
    assert.deepEqual(onlyB.costDaily.map((r) => [r.tool, r.n, r.costKnownN]), [['codex', 1, 0]]);
    const codex = await usageData(client, { fromDay: D, toDay: D }, { tool: 'codex' }, {}, NOW);
    assert.deepEqual(codex.costDaily.map((r) => [r.model, r.n]), [['gpt-5-codex', 1]]);
    const sonnet = await usageData(client, { fromDay: D - 30, toDay: D }, { model: 'claude-sonnet-4-5' }, {}, NOW);
    assert.deepEqual(sonnet.projects.map((p) => [p.project, p.n, Math.round(p.costUsd * 100)]), [[A, 3, 150]]);
    assert.deepEqual(sonnet.options, { tools: ['claude-code', 'codex'], models: ['claude-sonnet-4-5', 'gpt-5-codex'], projects: [A, B] });
  });

  it('gives cost per day, per month and per session with the tool and model split', async () => {
    const u = await usageData(client, { fromDay: D - 30, toDay: D }, {}, {}, NOW);
    const byTool = costSeries(u.costDaily, D - 30, D, 'tool');
    assert.equal(byTool.unit, 'day');
    assert.deepEqual(byTool.datasets.map((d) => [d.label, d.data[15], d.data[30]]), [['Claude Code', 1, 0.5]]);
    const months = costTable(u.costDaily, 'month');
    assert.deepEqual(months.map((r) => [r.period, r.tool, r.model, r.requests, r.costUsd === null ? null : Math.round(r.costUsd * 100), r.unpriced]), [
      ['2026-11', 'Claude Code', 'claude-sonnet-4-5', 3, 150, 0],
      ['2026-11', 'Codex CLI', 'gpt-5-codex', 1, null, 1],
    ]);
    assert.deepEqual(u.sessions.map((r) => [r.session, r.tool, r.n, r.costUsd === null ? null : Math.round(r.costUsd * 100)]), [
      ['x1', 'codex', 1, null], ['c1', 'claude-code', 2, 50], ['c0', 'claude-code', 1, 100],
    ]);
  });

  it('draws today\'s burn line and forecasts the month from the days elapsed', async () => {
    const u = await usageData(client, { fromDay: D, toDay: D }, {}, {}, NOW);
    const burn = burnLine(u.today, NOW);
    // $0.30 at 09:50 and $0.20 at 10:01:40 (Codex unpriced): $0.50 over the 5 h 10 min since 09:50.
    assert.equal(burn.spent.length, 16);
    assert.deepEqual([burn.spent[9], burn.spent[10], burn.spent[15]].map((v) => Math.round(v * 100)), [30, 50, 50]);
    assert.equal(Math.round(burn.costPerHour! * 10_000), Math.round((0.5 / (310 / 60)) * 10_000));
    // Nine more hours to midnight at that rate.
    assert.equal(Math.round(burn.projectedToday! * 10_000), Math.round((0.5 + (0.5 / (310 / 60)) * 9) * 10_000));
    const f = monthForecast(u.monthDaily, NOW);
    assert.deepEqual({ ...f, spent: Math.round(f.spent * 100), forecast: Math.round(f.forecast! * 100) },
      { month: '2026-11', spent: 150, daysElapsed: 18, daysInMonth: 30, forecast: Math.round((1.5 / 18) * 30 * 100) });
  });

  it('finds the active five-hour window of Claude Code and when it resets', async () => {
    const u = await usageData(client, { fromDay: D, toDay: D }, {}, {}, NOW);
    assert.equal(u.claude.exact, true);
    // 09:50 floors to 09:00; the 10:01:40 request is within five hours of it: one window, 09:00 to 14:00, over at 15:00.
    assert.deepEqual(u.claude.windows.map((w) => [w.startTs - dayStartTs(D), w.requests, w.tokensIn, w.active]), [[9 * 3_600_000, 2, 1500, false]]);
    const earlier = await usageData(client, { fromDay: D, toDay: D }, {}, {}, BASE + 3_600_000);
    assert.equal(earlier.claude.windows[0].active, true);
    assert.equal(earlier.claude.windows[0].endTs, dayStartTs(D) + 14 * 3_600_000);
  });

  it('narrows the cards recorded per tool, model or project by query, and names the others', async () => {
    const range = { kind: 'custom' as const, fromDay: D - 30, toDay: D };
    const all = await dashboardData(range, false, client, { textByLanguage: () => [] });
    assert.deepEqual(all.unfiltered, []);
    assert.deepEqual(all.tokens?.map((t) => [t.sourceTool, t.n]), [['claude-code', 3], ['codex', 1]]);
    const b = await dashboardData(range, false, client, { textByLanguage: () => [] }, { filter: { project: [B] } });
    assert.deepEqual(b.tokens?.map((t) => [t.sourceTool, t.model, t.n, t.costUsd]), [['codex', 'gpt-5-codex', 1, null]]);
    assert.deepEqual(b.unfiltered, ['languages', 'daily', 'survival', 'tools', 'insights', 'intents', 'models']);
    const codex = await dashboardData(range, false, client, { textByLanguage: () => [] }, { filter: { tool: 'codex' } });
    assert.deepEqual(codex.intents?.map((i) => i.sourceTool), ['codex']);
    assert.ok(codex.unfiltered?.includes('time') && !codex.unfiltered.includes('intents'));
  });

  it('gives the page, the report and the CLI the same rows', async () => {
    const u = await usageData(client, { fromDay: D, toDay: D }, {}, { [A]: 'webapp' }, BASE + 3_600_000);
    const t = timeTables(u);
    assert.deepEqual(t.projects, [['webapp', '5 mins', '1 min'], ['project bbbbbb', '1 min', '0 mins']]);
    assert.match(t.summary, /^6 mins active in this range; 56% of the time the edit-level rows account for was AI-assisted\./);
    const c = costTables(u);
    assert.deepEqual(c.projects, [['webapp', 'Claude Code', 2, '$0.50'], ['project bbbbbb', 'Codex CLI', 1, 'unknown']]);
    const w = windowTable(u, BASE + 3_600_000);
    // Burn rate over 09:50 to 10:01:40 (11 2/3 minutes): 1,800 tokens and $0.50, so 154.29 tokens a minute and
    // $2.571 an hour; 180 minutes to 14:00: 1,800 + 27,771 tokens, $0.50 + $7.71.
    assert.equal(w.current, 'Current window: 2 requests, 1,800 tokens in and out, $0.50; resets at 14:00 (in 3 hrs); '
      + 'at this rate 29,571 tokens and $8.21 by then.');
    assert.deepEqual(burnTable(u, BASE + 3_600_000).rows[1], ['Burn rate today', '$0.43 an hour']);
    const data = await dashboardData({ kind: 'custom', fromDay: D, toDay: D }, false, client, { textByLanguage: () => [] });
    const md = sessionReport({ title: 'r', data, patterns: [] });
    assert.match(md, /## Coding time\n\n6 mins active in this range/);
    assert.match(md, /\| project aaaaaa \| Claude Code \| 2 \| \$0\.50 \|/);
  });

  it('shows issue 10\'s figures: reasoning tokens, sub-agent calls, requests dated from the file, accepted vs succeeded', async () => {
    const day = dayStartTs(D - 40) + 12 * 3_600_000;
    const run = (k: number, accepted: boolean | undefined, success: boolean): RecordedEvent => ({
      kind: 'tool_run', ts: day + k, tool: 'edit_file', source: 'import', sourceTool: 'continue', success, externalId: `t${k}`,
      ...(accepted === undefined ? {} : { accepted }),
    });
    client.appendMany([
      request('x1', day, { sourceTool: 'codex', model: 'gpt-5-codex', tokensOut: 400, reasoningTokens: 120, toolCalls: 3, subAgentToolCalls: 2 }),
      request('x2', day + 1, { sourceTool: 'codex', model: 'gpt-5-codex', toolCalls: 1 }),
      request('x3', day + 2, { sourceTool: 'continue', model: 'llama3', tsEstimated: true }),
      run(1, true, true), run(2, true, false), run(3, false, false), run(4, undefined, true),
    ]);
    await client.query('eventCount', {});
    const u = await usageData(client, { fromDay: D - 40, toDay: D - 40 }, {}, {}, NOW);
    assert.deepEqual(agentTables(u), {
      requests: [['Codex CLI', 2, 120, 4, 2, 0], ['Continue', 1, null, 0, 0, '1 dated from the file']],
      toolCalls: [['Continue', 3, 2, 1, 1, 2, '50%']],
    });
    const codex = await usageData(client, { fromDay: D - 40, toDay: D - 40 }, { tool: 'codex' }, {}, NOW);
    assert.deepEqual([codex.agent.requests.length, codex.agent.toolCalls.length], [1, 0]);
  });
});
