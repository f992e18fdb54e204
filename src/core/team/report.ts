/**
 * The team figures as one value: read from the team views by the pg adapter, shown by `ai-learning team report`
 * and by the dashboard's Team tab. Plain data: team aggregates (never another member's rows) and the reader's own
 * totals, which row-level security lets only them read.
 */

export interface TeamMemberRow {
  member: string;
  level: string;
  lastPushTs: number | null;
}

export interface TeamDayRow {
  day: number;
  activeMembers: number;
  requests: number;
  successRate: number | null;
  tokensIn: number;
  tokensOut: number;
  costUsd: number | null;
  avgRating: number | null;
}

export interface TeamModelRow {
  model: string;
  taskType: string;
  requests: number;
  successRate: number | null;
  avgLatencyMs: number | null;
  costPerRequest: number | null;
  members: number;
}

export interface TeamToolRow {
  rank: number;
  tool: string;
  source: string;
  usageCount: number;
  successRate: number | null;
  avgDurationMs: number | null;
  members: number;
}

export interface TeamQualityRow {
  language: string;
  origin: string;
  insertions: number;
  chars: number;
  /** Characters kept / measured at the checkpoint with the most measurements, or null when none. */
  keptRatio: number | null;
  checkpoint: string | null;
}

export interface TeamReport {
  generatedTs: number;
  schemaVersion: number;
  /** The range of the daily figures, in days up to today. */
  days: number;
  /** The member this report was read as (their own rows), and what they pushed. */
  member: string;
  own: { requests: number; tokensIn: number; tokensOut: number; costUsd: number | null; days: number };
  members: TeamMemberRow[];
  daily: TeamDayRow[];
  models: TeamModelRow[];
  tools: TeamToolRow[];
  quality: TeamQualityRow[];
}

/** Totals of the daily rows: what the Team tab's headline and the CLI's first line show. */
export function teamTotals(daily: readonly TeamDayRow[]): { requests: number; tokens: number; costUsd: number | null; peakMembers: number } {
  let costUsd: number | null = null;
  for (const d of daily) if (d.costUsd !== null) costUsd = (costUsd ?? 0) + d.costUsd;
  return {
    requests: daily.reduce((s, d) => s + d.requests, 0),
    tokens: daily.reduce((s, d) => s + d.tokensIn + d.tokensOut, 0),
    costUsd,
    peakMembers: daily.reduce((m, d) => Math.max(m, d.activeMembers), 0),
  };
}

/** The checkpoint whose survival figure a quality row shows: the one measured most often. */
export function mainCheckpoint(survival: Record<string, { n: number; kept: number; total: number }>): { checkpoint: string | null; keptRatio: number | null } {
  let best: [string, { n: number; kept: number; total: number }] | undefined;
  for (const e of Object.entries(survival)) if (!best || e[1].n > best[1].n) best = e;
  if (!best || best[1].total <= 0) return { checkpoint: best?.[0] ?? null, keptRatio: null };
  return { checkpoint: best[0], keptRatio: best[1].kept / best[1].total };
}
