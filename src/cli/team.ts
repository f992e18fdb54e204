/**
 * `ai-learning team report|push|migrate`: the team's PostgreSQL from a terminal. The URL comes from `--url` or
 * `$AI_LEARNING_TEAM_URL` (never from a file the CLI writes); the member name from `--member` or
 * `$AI_LEARNING_TEAM_MEMBER`. `push` reads the local store read-only, like every other command, and uses the same
 * machine key as the extension for the same store folder, so the two never count one store twice.
 */
import os from 'node:os';
import { machineKey } from '../core/team/identity';
import { pushTeam, storeSource } from '../core/team/push';
import type { PushResult } from '../core/team/push';
import type { TeamReport } from '../core/team/report';
import { teamTotals } from '../core/team/report';
import type { TeamLevel } from '../core/team/tables';
import { PgTeam } from '../team/pg-team';
import { readTeamReport } from '../team/team-report';
import { Progress, section, usd } from './format';
import type { Style } from './format';
import type { ReadStore } from './read-store';
import type { Output } from './views';

export interface TeamArgs {
  sub: string | undefined;
  url: string | undefined;
  member: string | undefined;
  level: string | undefined;
  days: number;
  json: boolean;
  style: Style;
  err: NodeJS.WriteStream;
  /** Opens the local store (only `push` needs it). */
  openStore: () => Promise<ReadStore>;
}

/** A mistake in the command line (exit code 2). */
export class TeamUsageError extends Error {}

const pct = (v: number | null): string => (v === null ? '–' : `${Math.round(v * 100)}%`);
const secs = (ms: number | null): string => (ms === null ? '–' : (ms / 1000).toFixed(1));
const dayText = (d: number): string => new Date(d * 86_400_000).toISOString().slice(0, 10);

export function teamReportText(r: TeamReport, s: Style): string {
  const t = teamTotals(r.daily);
  const head = `${s.bold('Team')} (schema ${r.schemaVersion}), last ${r.days} days: ${t.requests.toLocaleString('en-US')} AI requests, `
    + `${t.tokens.toLocaleString('en-US')} tokens, ${usd(t.costUsd)}, up to ${t.peakMembers} active members a day.\n`
    + `You (${r.member}): ${r.own.requests.toLocaleString('en-US')} requests, ${(r.own.tokensIn + r.own.tokensOut).toLocaleString('en-US')} tokens, ${usd(r.own.costUsd)} on ${r.own.days} days.\n`;
  return [head,
    section('Members', ['Member', 'Level', 'Last push'], r.members.map((m) => [m.member, m.level, m.lastPushTs === null ? 'never' : new Date(m.lastPushTs).toISOString().slice(0, 16).replace('T', ' ')]), s),
    section('Model performance by task type', ['Model', 'Task', 'Requests', 'Success', 'Avg s', 'Cost/request', 'Members'],
      r.models.slice(0, 15).map((m) => [m.model, m.taskType.replace(/_/g, ' '), m.requests, pct(m.successRate), secs(m.avgLatencyMs), m.costPerRequest === null ? '–' : `$${m.costPerRequest.toFixed(4)}`, m.members]), s),
    section('Tool effectiveness ranking', ['#', 'Tool', 'Source', 'Runs', 'Success', 'Avg s', 'Members'],
      r.tools.slice(0, 15).map((x) => [x.rank, x.tool, x.source, x.usageCount, pct(x.successRate), secs(x.avgDurationMs), x.members]), s),
    section('Code generation quality', ['Language', 'Origin', 'Insertions', 'Characters', 'Kept', 'At'],
      r.quality.slice(0, 15).map((q) => [q.language, q.origin, q.insertions, q.chars, pct(q.keptRatio), q.checkpoint ?? '–']), s),
    section('Per day', ['Day', 'Members', 'Requests', 'Success', 'Tokens', 'Cost', 'Rating'],
      r.daily.slice(-14).map((d) => [dayText(d.day), d.activeMembers, d.requests, pct(d.successRate), d.tokensIn + d.tokensOut, usd(d.costUsd), d.avgRating === null ? '–' : d.avgRating.toFixed(1)]), s),
  ].join('\n');
}

function need(v: string | undefined, what: string): string {
  if (!v) throw new TeamUsageError(`team needs ${what}`);
  return v;
}

function level(v: string | undefined): TeamLevel {
  if (v === undefined || v === 'aggregate' || v === 'metadata') return v ?? 'aggregate';
  throw new TeamUsageError(`--level must be aggregate or metadata (got ${JSON.stringify(v)})`);
}

function pushText(r: PushResult, tls: boolean): string {
  return r.rows === 0
    ? `Nothing new to push (${r.unchanged} day groups already on the server).`
    : `Pushed ${r.rows.toLocaleString('en-US')} rows (${r.groups} day groups) in ${r.transactions} transactions and ${(r.ms / 1000).toFixed(1)} s${tls ? ' over TLS' : ' (no TLS: the server does not offer it)'}; team views refreshed.`;
}

export async function runTeam(a: TeamArgs): Promise<Output> {
  if (a.sub !== 'report' && a.sub !== 'push' && a.sub !== 'migrate') throw new TeamUsageError('usage: ai-learning team report|push|migrate --url postgres://… [--member NAME] [--level aggregate|metadata] [--days N]');
  const url = need(a.url ?? process.env.AI_LEARNING_TEAM_URL, 'the database URL: --url postgres://… or $AI_LEARNING_TEAM_URL');
  const team = await PgTeam.connect(url);
  try {
    if (a.sub === 'migrate') {
      const m = await team.migrate();
      return { json: m, text: m.from === m.to ? `The team database is at schema version ${m.to}: nothing to do.` : `Migrated the team database from schema version ${m.from} to ${m.to}.` };
    }
    const member = need(a.member ?? process.env.AI_LEARNING_TEAM_MEMBER, 'a member name: --member NAME or $AI_LEARNING_TEAM_MEMBER');
    if (a.sub === 'report') {
      const r = await readTeamReport(team, member, a.days);
      return { json: r, text: teamReportText(r, a.style) };
    }
    await team.migrate();
    const store = await a.openStore();
    const progress = new Progress(a.err, !a.json);
    const r = await pushTeam(storeSource(store), team, { member, machine: machineKey(os.hostname(), store.dir), level: level(a.level) }, {
      onProgress: (done, total) => progress.update('pushing', done, total),
    });
    progress.done();
    return { json: { ...r, tls: team.tls }, text: pushText(r, team.tls) };
  } finally {
    await team.close();
  }
}
