/**
 * The rows of the time and cost cards, the same for the page, the session report and the CLI: plain cells
 * (strings and numbers) from `UsageData`. Unknown prices stay "unknown", never $0.
 */
import { dayStartTs, localDay } from '../model/day';
import { toolLabel } from '../model/tool-labels';
import { burnLine, costTable, monthForecast, usd } from './cost-model';
import { dayIso } from './range';
import type { UsageData } from './time-cost-data';
import { hoursMinutes, projectName, timeView } from './time-model';
import type { TimeRow } from './time-model';
import { windowProjection } from './usage-blocks';

export type Cell = string | number | null;

/** `YYYY-MM-DD HH:MM` in the machine's time zone. */
export function localClock(ts: number): string {
  const day = localDay(ts);
  const mins = Math.floor((ts - dayStartTs(day)) / 60_000);
  return `${dayIso(day)} ${String(Math.floor(mins / 60)).padStart(2, '0')}:${String(mins % 60).padStart(2, '0')}`;
}

const cost = (v: number | null, unpriced = 0): string =>
  `${v === null ? 'unknown' : usd(v)}${v !== null && unpriced > 0 ? ` (${unpriced} unpriced)` : ''}`;
const timeCells = (rows: TimeRow[]): Cell[][] => rows.map((r) => [r.name, hoursMinutes(r.activeMs), hoursMinutes(r.assistedMs)]);

export function timeTables(u: UsageData) {
  const t = timeView(u.time, u.projectNames);
  const share = t.splitMs > 0 ? Math.round((100 * t.assistedMs) / t.splitMs) : null;
  const since = t.splitSinceDay === null ? 'no edit-level rows are kept' : `from ${dayIso(t.splitSinceDay)} on (edit-level rows are kept for the retention period)`;
  return {
    summary: `${hoursMinutes(t.totalMs)} active in this range`
      + (share === null ? '' : `; ${share}% of the time the edit-level rows account for was AI-assisted`)
      + `. By language and branch: ${since}.`,
    projects: timeCells(t.byProject),
    languages: timeCells(t.byLanguage),
    branches: timeCells(t.byBranch),
  };
}

export function costTables(u: UsageData) {
  const row = (r: ReturnType<typeof costTable>[number]) => [r.period, r.tool, r.model, r.requests];
  const projects = new Map<string, { tool: string; n: number; cost: number; known: number }>();
  for (const p of u.projects) {
    const k = `${projectName(p.project, u.projectNames)}\u0000${toolLabel(p.tool)}`;
    const c = projects.get(k) ?? { tool: toolLabel(p.tool), n: 0, cost: 0, known: 0 };
    projects.set(k, { tool: c.tool, n: c.n + p.n, cost: c.cost + p.costUsd, known: c.known + p.costKnownN });
  }
  return {
    daily: costTable(u.costDaily, 'day').map((r): Cell[] => [...row(r), cost(r.costUsd, r.unpriced)]),
    monthly: costTable(u.costDaily, 'month').map((r): Cell[] => [...row(r), r.tokensIn, r.tokensOut, cost(r.costUsd, r.unpriced)]),
    sessions: u.sessions.map((s): Cell[] => [s.session.slice(0, 8) || '–', toolLabel(s.tool), projectName(s.project, u.projectNames), s.n,
      cost(s.costUsd, s.n - s.costKnownN), s.models.join(', ') || '–', localClock(s.lastTs)]),
    projects: [...projects.entries()].map(([k, p]): Cell[] => [k.split('\u0000')[0], p.tool, p.n, cost(p.known > 0 ? p.cost : null, p.n - p.known)]),
  };
}

/** Today's burn figures and the month's forecast (see `FORECAST_RULE`). */
export function burnTable(u: UsageData, now: number) {
  const b = burnLine(u.today, now);
  const f = monthForecast(u.monthDaily, now);
  const rows: Cell[][] = b.costPerHour === null && f.forecast === null ? [] : [
    ['Spent today (known prices)', usd(b.spentToday)],
    ['Burn rate today', b.costPerHour === null ? '–' : `${usd(b.costPerHour)} an hour`],
    ['By midnight at this rate', b.projectedToday === null ? '–' : usd(b.projectedToday)],
    [`${f.month} so far (${f.daysElapsed} of ${f.daysInMonth} days)`, usd(f.spent)],
    [`${f.month} forecast`, f.forecast === null ? '–' : usd(f.forecast)],
  ];
  return { line: b, rows };
}

/** Claude Code's windows of the last day and a sentence on the current one. */
export function windowTable(u: UsageData, now: number) {
  const { windows, exact } = u.claude;
  const rows = [...windows].reverse().map((w): Cell[] => [localClock(w.startTs), localClock(w.endTs), w.requests, w.tokensIn, w.tokensOut,
    cost(w.pricedN > 0 ? w.costUsd : null, w.requests - w.pricedN), w.active ? 'active' : 'ended']);
  const cur = windows.find((w) => w.active);
  const p = cur ? windowProjection(cur, now) : undefined;
  const current = !cur ? (windows.length > 0 ? 'No window is active: the next Claude Code request opens one.' : '')
    : `Current window: ${cur.requests} requests, ${(cur.tokensIn + cur.tokensOut).toLocaleString('en-US')} tokens in and out, `
      + `${cost(cur.pricedN > 0 ? cur.costUsd : null, cur.requests - cur.pricedN)}; resets at ${localClock(cur.endTs).slice(11)} `
      + `(in ${hoursMinutes(cur.endTs - now)})`
      + (p ? `; at this rate ${Math.round(p.tokensAtEnd).toLocaleString('en-US')} tokens and ${usd(p.costAtEnd)} by then.` : '.');
  return { rows, current: exact ? current : `${current} (older history has no ${5}-hour gap: the window start may differ from ccusage's)`.trim() };
}

/**
 * Issue 10's figures per tool: reasoning tokens (reported apart by Codex; already inside output tokens),
 * sub-agent tool calls apart from the main agent's, requests "dated from the file" (the log had no time: Continue's
 * older files), and tool calls the user accepted against those that succeeded.
 */
export function agentTables(u: UsageData) {
  return {
    requests: u.agent.requests.map((r): Cell[] => [toolLabel(r.tool), r.n, r.reasoningN > 0 ? r.reasoningTokens : null, r.toolCalls,
      r.subAgentToolCalls, r.estimated > 0 ? `${r.estimated} dated from the file` : 0]),
    toolCalls: u.agent.toolCalls.map((r): Cell[] => [toolLabel(r.tool), r.n, r.accepted, r.rejected, r.ok, r.failed,
      r.accepted > 0 ? `${Math.round((100 * r.acceptedOk) / r.accepted)}%` : null]),
  };
}
