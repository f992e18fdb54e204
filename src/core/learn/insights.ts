/**
 * Insights and alerts from what the dashboard already has (the store's query results for the current period,
 * the previous period for trends, the pattern library): a short list, each with the numbers it rests on.
 * Pure: no clock of its own (`now` is passed in), no I/O. Rules, thresholds and minimum samples are in
 * `insights-rules.ts` (cost and pattern rules here); nothing fires on small numbers and nothing is guessed.
 */
import type { QueryResult } from '../store/queries';
import {
  atLeast, isCount, lowSurvival, pct, ranked, round, satisfactionAnomaly, satisfactionDropping, slowResponses,
  successFalling, survivalFalling, testsFailingMore, toolsFailing,
} from './insights-rules';
import type { RoutingState } from '../route/state';
import { cheaperModels, learningAlerts } from '../route/advice';

/** At most this many insights are returned. */
export const MAX_INSIGHTS = 8;
/** Cost: requests with a known price needed before naming the model with the highest share of known cost. */
export const MIN_COST_REQUESTS = 5;
/** Patterns paying off: used at least this often ... */
export const MIN_PATTERN_USES = 3;
/** ... with at least this success rate (0..1); the best `MAX_PATTERN_INSIGHTS` of them are listed. */
export const GOOD_PATTERN_SUCCESS = 0.8;
export const MAX_PATTERN_INSIGHTS = 3;

/** The store's query results over one range of days; a missing result is treated as no data. */
export interface Period {
  toolSuccess?: QueryResult['toolSuccess'];
  interactionsByIntent?: QueryResult['interactionsByIntent'];
  insertionSurvival?: QueryResult['insertionSurvival'];
  feedbackTrend?: QueryResult['feedbackTrend'];
  tokensByModel?: QueryResult['tokensByModel'];
  dailyCounts?: QueryResult['dailyCounts'];
}

export interface InsightInput {
  current: Period;
  /** The range of the same length just before `current`; without it no trend rule fires. */
  previous?: Period;
  patterns?: QueryResult['patterns'];
  /** What routing learned (query `routingState`): its alerts and cheaper-model suggestions (`src/core/route/advice.ts`). */
  routing?: RoutingState;
}

export type InsightSeverity = 'alert' | 'warning' | 'info' | 'good';

export interface Insight {
  /** Stable per rule and subject (e.g. `tool-failing:terminal:npm`), for keys and dismissal. */
  id: string;
  severity: InsightSeverity;
  title: string;
  /** One sentence with the figures. */
  detail: string;
  /** The exact figures used: counts, percentages (one decimal), averages. */
  evidence: Record<string, number | string>;
}

const SEVERITY_ORDER: Record<InsightSeverity, number> = { alert: 0, warning: 1, info: 2, good: 3 };

/**
 * Insights for `input`, alerts first, then warnings, info, good news (within one severity in rule order:
 * survival, tools, satisfaction, requests, latency, cost, patterns; worst first), at most `MAX_INSIGHTS`.
 * `now` (ms) says which day is today for the satisfaction anomaly.
 */
export function deriveInsights(input: InsightInput, now: number): Insight[] {
  const cur = input.current;
  const prev = input.previous;
  const all = [
    ...lowSurvival(cur), ...toolsFailing(cur), ...satisfactionAnomaly(cur, prev, now),
    ...survivalFalling(cur, prev), ...successFalling(cur, prev), ...testsFailingMore(cur, prev),
    ...slowResponses(cur, prev), ...satisfactionDropping(cur, prev),
    ...costLeader(cur), ...costUnknown(cur), ...patternsPayingOff(input.patterns ?? []),
    ...(input.routing ? [...learningAlerts(input.routing), ...cheaperModels(input.routing)] : []),
  ];
  // Array.prototype.sort is stable: rule order is kept within a severity.
  return all.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]).slice(0, MAX_INSIGHTS);
}

/** Info: the model with the largest share of the known cost (requests without a price are left out). */
function costLeader(cur: Period): Insight[] {
  const byModel = new Map<string, { usd: number; n: number }>();
  for (const r of cur.tokensByModel ?? []) {
    if (r.costUsd === null || !isCount(r.costUsd) || !isCount(r.costKnownN)) continue;
    const m = byModel.get(r.model) ?? { usd: 0, n: 0 };
    byModel.set(r.model, { usd: m.usd + r.costUsd, n: m.n + r.costKnownN });
  }
  const all = [...byModel.entries()];
  const totalUsd = all.reduce((s, [, m]) => s + m.usd, 0);
  const knownRequests = all.reduce((s, [, m]) => s + m.n, 0);
  if (knownRequests < MIN_COST_REQUESTS || totalUsd <= 0) return [];
  const [model, top] = all.sort((a, b) => b[1].usd - a[1].usd || a[0].localeCompare(b[0]))[0];
  const sharePct = pct(top.usd / totalUsd);
  return [{
    id: 'cost-top-model', severity: 'info', title: `${model} costs the most`,
    detail: `${model}: $${round(top.usd, 2)} of $${round(totalUsd, 2)} known cost (${sharePct}%, ${top.n} priced requests).`,
    evidence: { model, costUsd: round(top.usd, 4), totalCostUsd: round(totalUsd, 4), sharePct, requests: top.n, knownRequests },
  }];
}

/** Info: requests whose price is unknown, counted, never priced by a guess. */
function costUnknown(cur: Period): Insight[] {
  const models = new Map<string, number>();
  for (const r of cur.tokensByModel ?? []) {
    if (!isCount(r.n) || !isCount(r.costKnownN) || r.n <= r.costKnownN) continue;
    models.set(r.model, (models.get(r.model) ?? 0) + r.n - r.costKnownN);
  }
  const requests = [...models.values()].reduce((s, v) => s + v, 0);
  if (requests === 0) return [];
  const names = [...models.keys()].sort().join(', ');
  return [{
    id: 'cost-unknown', severity: 'info', title: `Cost unknown for ${requests} requests`,
    detail: `No known price for ${requests} requests (${names}); their cost is left out, never guessed.`,
    evidence: { requests, models: names },
  }];
}

/** Good: patterns used often that mostly succeeded, best first. */
function patternsPayingOff(patterns: QueryResult['patterns']): Insight[] {
  const good = patterns.filter((p) => !p.stale && isCount(p.usageCount) && isCount(p.successCount)
    && p.usageCount >= MIN_PATTERN_USES && p.successCount <= p.usageCount
    && atLeast(p.successCount / p.usageCount, GOOD_PATTERN_SUCCESS));
  return ranked(good.map((p): [number, Insight] => {
    const name = p.name ?? p.id;
    const successPct = pct(p.successCount / p.usageCount);
    const evidence: Insight['evidence'] = { pattern: name, uses: p.usageCount, successes: p.successCount, successPct };
    if (p.avgRating !== null) evidence.avgRating = round(p.avgRating, 2);
    return [-p.successCount, {
      id: `pattern-pays-off:${p.id}`, severity: 'good', title: `Pattern ${name} keeps paying off`,
      detail: `Used ${p.usageCount} times, ${p.successCount} successful (${successPct}%).`, evidence,
    }];
  })).slice(0, MAX_PATTERN_INSIGHTS);
}
