/**
 * Reads the team report from the team views (aggregates, readable by every member) and the reader's own rows
 * (row-level security shows a member nothing else). Numbers are cast to float8 in SQL: node-postgres returns
 * bigint and numeric as strings.
 */
import { localDay } from '../core/model/day';
import type { TeamReport } from '../core/team/report';
import { mainCheckpoint } from '../core/team/report';
import type { PgTeam } from './pg-team';

const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const nn = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export async function readTeamReport(team: PgTeam, member: string, days: number): Promise<TeamReport> {
  const fromDay = localDay(Date.now()) - days + 1;
  // One after another: node-postgres runs one query at a time per connection.
  const version = await team.schemaVersion();
  const members = await team.query('SELECT member, level, extract(epoch FROM last_push) * 1000 AS ts FROM ala.members ORDER BY member');
  const daily = await team.query(`SELECT day, active_members, requests::float8, success_rate, tokens_in::float8, tokens_out::float8, cost_usd,
      avg_rating FROM ala.ai_performance_summary WHERE day >= $1 ORDER BY day`, [fromDay]);
  const models = await team.query(`SELECT model, task_type, requests::float8, success_rate, avg_latency_ms, cost_per_request, members
      FROM ala.model_performance ORDER BY requests DESC, model, task_type LIMIT 50`);
  const tools = await team.query(`SELECT rank, tool, source, usage_count::float8, success_rate, avg_duration_ms, members
      FROM ala.tool_effectiveness_ranking ORDER BY rank, tool LIMIT 50`);
  const quality = await team.query(`SELECT language, origin, sum(insertions)::float8 AS insertions, sum(chars)::float8 AS chars,
      (SELECT jsonb_object_agg(k, v) FROM (SELECT e.key AS k, jsonb_build_object('n', sum((e.value->>'n')::float8),
        'kept', sum((e.value->>'kept')::float8), 'total', sum((e.value->>'total')::float8)) AS v
        FROM ala.code_generation_quality q2, jsonb_each(q2.survival) e
        WHERE q2.day >= $1 AND q2.language = q.language AND q2.origin = q.origin GROUP BY e.key) s) AS survival
      FROM ala.code_generation_quality q WHERE day >= $1 GROUP BY language, origin ORDER BY chars DESC LIMIT 30`, [fromDay]);
  const own = await team.query(`SELECT sum(n)::float8 AS requests, sum(tokens_in)::float8 AS ti, sum(tokens_out)::float8 AS tout,
      CASE WHEN sum(cost_n) > 0 THEN sum(cost_usd) END AS cost, count(DISTINCT day)::float8 AS days
      FROM ala.daily_tokens WHERE member = $1 AND day >= $2`, [member, fromDay]);
  const o = own.rows[0] ?? {};
  return {
    generatedTs: Date.now(), schemaVersion: version, days, member,
    own: { requests: n(o.requests), tokensIn: n(o.ti), tokensOut: n(o.tout), costUsd: nn(o.cost), days: n(o.days) },
    members: members.rows.map((r) => ({ member: String(r.member), level: String(r.level), lastPushTs: nn(r.ts) })),
    daily: daily.rows.map((r) => ({
      day: n(r.day), activeMembers: n(r.active_members), requests: n(r.requests), successRate: nn(r.success_rate),
      tokensIn: n(r.tokens_in), tokensOut: n(r.tokens_out), costUsd: nn(r.cost_usd), avgRating: nn(r.avg_rating),
    })),
    models: models.rows.map((r) => ({
      model: String(r.model), taskType: String(r.task_type), requests: n(r.requests), successRate: nn(r.success_rate),
      avgLatencyMs: nn(r.avg_latency_ms), costPerRequest: nn(r.cost_per_request), members: n(r.members),
    })),
    tools: tools.rows.map((r) => ({
      rank: n(r.rank), tool: String(r.tool), source: String(r.source), usageCount: n(r.usage_count),
      successRate: nn(r.success_rate), avgDurationMs: nn(r.avg_duration_ms), members: n(r.members),
    })),
    quality: quality.rows.map((r) => ({
      language: String(r.language), origin: String(r.origin), insertions: n(r.insertions), chars: n(r.chars),
      ...mainCheckpoint((r.survival ?? {}) as Record<string, { n: number; kept: number; total: number }>),
    })),
  };
}
