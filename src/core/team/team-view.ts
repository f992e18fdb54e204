/**
 * The dashboard's Team tab as plain data: the push status line and the last team report read after a push.
 * Computed by the host (src/host/team), drawn by the page (webview/team-section.ts).
 */
import type { TeamReport } from './report';
import { teamTotals } from './report';

export interface TeamView {
  /** The status line of the last push (`teamStatusText`). */
  status: string;
  /** The team figures read after the last successful push; absent until then. */
  report?: TeamReport;
}

type Row = (string | number | null)[];

const pct = (v: number | null): string | null => (v === null ? null : `${Math.round(v * 100)}%`);

/** Headline: the team's range totals beside the reader's own. */
export function teamSummary(r: TeamReport): string {
  const t = teamTotals(r.daily);
  const cost = (v: number | null): string => (v === null ? 'cost unknown' : `$${v.toFixed(2)}`);
  return `Last ${r.days} days: the team made ${t.requests.toLocaleString('en-US')} AI requests (${cost(t.costUsd)}), up to ${t.peakMembers} members a day; `
    + `you made ${r.own.requests.toLocaleString('en-US')} (${cost(r.own.costUsd)}). ${r.members.length} ${r.members.length === 1 ? 'member has' : 'members have'} pushed.`;
}

export function teamModelRows(r: TeamReport): Row[] {
  return r.models.slice(0, 20).map((m) => [m.taskType.replace(/_/g, ' '), m.model, m.requests, pct(m.successRate),
    m.avgLatencyMs === null ? null : Number((m.avgLatencyMs / 1000).toFixed(1)), m.members]);
}

export function teamToolRows(r: TeamReport): Row[] {
  return r.tools.slice(0, 20).map((t) => [t.rank, t.tool, t.source, t.usageCount, pct(t.successRate), t.members]);
}
