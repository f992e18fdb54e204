/**
 * The CLI's read commands: each computes its figures with the dashboard's code (`dashboardData`,
 * `deriveInsights`, the section models, `sessionReport`) and returns the same value as `--json` and as text.
 */
import { dashboardData } from '../core/dashboard/data';
import type { StoreQueries } from '../core/dashboard/data';
import { sessionReport } from '../core/learn/report';
import type { Insight } from '../core/learn/insights';
import type { DayRange } from '../core/store/queries';
import type { DashboardData } from '../core/dashboard/dashboard-data';
import { dailySeries, headline, intentBars, modelRows, survivalCurve, tokenRows, toolRows } from '../core/dashboard/sections-model';
import { languageTable } from '../core/dashboard/chart-model';
import type { Cell, Style } from './format';
import { section, usd } from './format';
import type { UsageRow } from './usage';

/** What every command returns: the value printed by `--json`, and its terminal rendering. */
export interface Output {
  json: unknown;
  text: string;
}

/** The dashboard's data for the last `days` days, as the extension computes it (capture state unknown here). */
export function loadDashboard(store: StoreQueries, days: number): Promise<DashboardData> {
  return dashboardData({ kind: 'days', days }, false, store, { textByLanguage: () => [] });
}

const SEVERITY_MARK: Record<Insight['severity'], (s: Style) => (t: string) => string> = {
  alert: (s) => s.red, warning: (s) => s.yellow, info: (s) => s.cyan, good: (s) => s.green,
};

export function insightLines(list: readonly Insight[], s: Style): string {
  if (list.length === 0) return 'Nothing to flag in this period.';
  return list.map((i) => `${SEVERITY_MARK[i.severity](s)(i.severity.toUpperCase().padEnd(7))} ${s.bold(i.title)}\n        ${i.detail}`).join('\n');
}

export function dashboardText(d: DashboardData, s: Style): string {
  const h = headline(d);
  const out = [
    s.bold(`AI Learning Analytics: last ${d.rangeDays} days`),
    `AI share of today's new code ${h.aiShareToday} · kept ${h.keptToday} · events ${h.eventsInRange.toLocaleString('en-US')} · known cost ${h.costInRange}`,
    '',
    section('Code by language', ['Language', 'Characters', 'Changes'], languageTable(d.textByLanguage).map((r) => [r.language, r.chars, r.changes]), s),
    section('Tokens and cost', ['Model', 'Tool', 'Requests', 'In', 'Out', 'Cache read', 'Cache write', 'Cost'],
      tokenRows(d.tokens ?? []).map((t) => [t.model, t.tool, t.requests, t.tokensIn, t.tokensOut, t.cacheRead, t.cacheWrite, t.cost]), s),
    section('Requests by intent', ['Intent', 'Requests', 'Up', 'Down'],
      intentBars(d.intents ?? []).rows.map(([i, t]) => [i.replace(/_/g, ' '), t.n, t.up, t.down]), s),
    section('Tools', ['Tool', 'Source', 'Runs', 'Success %', 'Avg s'],
      toolRows(d.tools ?? []).map((t) => [t.tool, t.source, t.runs, t.successRate, t.avgSeconds]), s),
  ];
  if (d.survival) {
    const c = survivalCurve(d.survival);
    out.push(section('AI code kept (% of characters)', ['Origin', ...c.labels], c.datasets.map((x) => [x.label, ...x.data]), s));
  }
  out.push(`${s.cyan(s.bold('Insights'))}\n${insightLines(d.insights ?? [], s)}\n`);
  return out.join('\n');
}

export function modelsText(d: DashboardData, s: Style): string {
  return section('Model performance by task type (EMA, alpha 0.1)', ['Task', 'Model', 'Rated', 'Quality', 'Latency s', 'Cost', 'Confidence'],
    modelRows(d.models ?? []).map((m) => [m.task, m.model, m.requests, m.quality, m.latencyS, m.cost, m.confidence]), s);
}

export function usageText(title: string, rows: readonly UsageRow[], s: Style): string {
  const body: Cell[][] = rows.map((r) => [r.period, r.requests, r.tokensIn, r.tokensOut, r.cacheRead, r.cacheWrite,
    r.costKnownN < r.requests && r.costUsd !== null ? `${usd(r.costUsd)}*` : usd(r.costUsd), r.models.join(', ')]);
  const partly = rows.some((r) => r.costUsd !== null && r.costKnownN < r.requests);
  return section(title, ['Period', 'Requests', 'In', 'Out', 'Cache read', 'Cache write', 'Cost', 'Models'], body, s)
    + (partly ? '* some requests of the period have no known price; they are left out of its cost.\n' : '');
}

/** The figures a trend compares, for one range. */
export interface PeriodFigures {
  range: DayRange;
  requests: number;
  requestSuccessPct: number | null;
  toolRuns: number;
  toolSuccessPct: number | null;
  aiInsertions: number;
  costUsd: number | null;
}

const pctOf = (a: number, b: number): number | null => (b > 0 ? Math.round((1000 * a) / b) / 10 : null);

export async function periodFigures(store: StoreQueries, range: DayRange): Promise<PeriodFigures> {
  const [intents, tools, tokens, surv] = await Promise.all([
    store.query('interactionsByIntent', range), store.query('toolSuccess', range),
    store.query('tokensByModel', range), store.query('insertionSurvival', range),
  ]);
  const ok = intents.reduce((x, r) => x + r.ok, 0);
  const failed = intents.reduce((x, r) => x + r.failed, 0);
  const tOk = tools.reduce((x, r) => x + r.ok, 0);
  const tFailed = tools.reduce((x, r) => x + r.failed, 0);
  const known = tokens.filter((t) => t.costUsd !== null);
  return {
    range, requests: intents.reduce((x, r) => x + r.n, 0), requestSuccessPct: pctOf(ok, ok + failed),
    toolRuns: tools.reduce((x, r) => x + r.n, 0), toolSuccessPct: pctOf(tOk, tOk + tFailed),
    aiInsertions: surv.insertions.reduce((x, r) => x + r.n, 0),
    costUsd: known.length > 0 ? known.reduce((x, t) => x + (t.costUsd ?? 0), 0) : null,
  };
}

export function trendsText(d: DashboardData, cur: PeriodFigures, prev: PeriodFigures, trendInsights: Insight[], s: Style): string {
  const series = dailySeries(d.daily ?? [], d.fromDay ?? 0, d.toDay ?? 0);
  const rows: Cell[][] = series.labels.map((day, i) => [day, ...series.datasets.map((x) => x.data[i])]);
  const cmp = (name: string, a: number | null, b: number | null): Cell[] => [name, a, b, a === null || b === null ? null : Math.round((b - a) * 100) / 100 + 0];
  return [
    section(`Previous ${d.rangeDays} days against the last ${d.rangeDays}`, ['Figure', 'Previous', 'Current', 'Change'], [
      cmp('AI requests', prev.requests, cur.requests), cmp('request success %', prev.requestSuccessPct, cur.requestSuccessPct),
      cmp('tool runs', prev.toolRuns, cur.toolRuns), cmp('tool success %', prev.toolSuccessPct, cur.toolSuccessPct),
      cmp('AI insertions', prev.aiInsertions, cur.aiInsertions), cmp('known cost $', prev.costUsd, cur.costUsd),
    ], s),
    section('Activity per day', ['Day', ...series.datasets.map((x) => x.label)], rows, s),
    `${s.cyan(s.bold('Trend insights'))}\n${insightLines(trendInsights, s)}\n`,
  ].join('\n');
}

/** Insights that compare with the previous period (rule ids of `insights-rules.ts`). */
export function isTrend(i: Insight): boolean {
  return /^(survival-falling|success-falling|tests-failing-more|slow-responses|satisfaction-dropping|satisfaction-anomaly)/.test(i.id);
}

export async function reportMarkdown(store: StoreQueries, days: number): Promise<string> {
  const [data, patterns] = await Promise.all([loadDashboard(store, days), store.query('patterns', {})]);
  return sessionReport({ title: `AI session report: last ${days} days`, data, patterns });
}

export function sessionsText(rows: readonly SessionRow[], s: Style): string {
  return section('AI usage by session (newest first)', ['Session', 'Tool', 'Last', 'Requests', 'In', 'Out', 'Cost', 'Models'],
    rows.map((r) => [r.session.slice(0, 12), r.sourceTool, new Date(r.lastTs).toISOString().slice(0, 16).replace('T', ' '), r.n,
      r.tokensIn, r.tokensOut, usd(r.costUsd), r.models.join(', ')]), s);
}

export interface SessionRow {
  session: string; sourceTool: string; lastTs: number; n: number; tokensIn: number; tokensOut: number;
  costUsd: number | null; models: string[];
}
