/**
 * The insight rules behind `deriveInsights`: each reads the store's query results for the current period (and
 * the previous one for a trend) and returns insights whose evidence is the exact numbers it used. Every rule
 * has a minimum sample, so small numbers never fire. Rows with non-finite or negative counts are skipped.
 */
import { recogniseCommand } from '../capture/commands';
import { localDay } from '../model/day';
import type { QueryResult } from '../store/queries';
import type { Insight, Period } from './insights';

/** Low survival: an origin's share of AI characters kept at the checkpoint below this (0..1) is an alert ... */
export const LOW_SURVIVAL_RATE = 0.5;
/** ... with at least this many AI characters measured at that checkpoint (in both periods for a trend). */
export const MIN_SURVIVAL_CHARS = 500;
/** Checkpoints read, latest first: the first one with `MIN_SURVIVAL_CHARS` measured is the one used. */
export const SURVIVAL_CHECKPOINTS: readonly string[] = ['commit', '15m', '5m'];
/** Trend: survival or request success down (test failures up) by at least this many percentage points. */
export const TREND_POINTS = 15;
/** AI requests with a known outcome (ok or failed) needed in each period before their success trend counts. */
export const MIN_TREND_REQUESTS = 20;
/** Tool failing: a terminal command or task whose success rate (0..1) is below this ... */
export const LOW_TOOL_SUCCESS = 0.6;
/** ... over at least this many runs with a known outcome (in each period for the test-run trend). */
export const MIN_TOOL_RUNS = 5;
/** Slow responses: a source tool's average request latency above this, ms ... */
export const SLOW_LATENCY_MS = 30_000;
/** ... or up by at least this fraction of the previous period's average ... */
export const LATENCY_RISE = 0.5;
/** ... over at least this many requests with a latency (in each period for the rise). */
export const MIN_LATENCY_REQUESTS = 5;
/** Satisfaction dropping: the period's average rating (1..5) at least this much below the previous period's ... */
export const RATING_DROP = 0.5;
/** ... with at least this many ratings in each period (and today, for the anomaly). */
export const MIN_RATINGS = 3;
/** Anomaly (seed 004): today's average rating at least this many standard deviations below the daily baseline ... */
export const ANOMALY_Z = 2;
/** ... the baseline being at least this many earlier days with ratings (current and previous period). */
export const MIN_BASELINE_DAYS = 7;
/** Float slack: a value within this of a threshold counts as at it (15.000000000000002 points is 15). */
const EPS = 1e-9;

export const atLeast = (x: number, t: number): boolean => x >= t - EPS;
export const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
export const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;
/** A 0..1 rate as a percentage with one decimal. */
export const pct = (r: number): number => round(r * 100, 1);

/** Insights ordered by `rank` ascending (worst first), then id, for a deterministic order. */
export function ranked(items: [number, Insight][]): Insight[] {
  return items.sort((a, b) => a[0] - b[0] || a[1].id.localeCompare(b[1].id)).map(([, i]) => i);
}

type Kept = { kept: number; total: number };

/**
 * What an origin's code is called in an insight: the user's own inserted patterns are not AI code and are
 * never called so ("Little of your inserted pattern code survives", not "pattern AI code").
 */
export function originCode(origin: string): string {
  return origin === 'pattern' ? 'your inserted pattern code' : `${origin} AI code`;
}

/** "Little agent AI code", "Little of your inserted pattern code" (and "Less ..."). */
function amountOf(word: 'Little' | 'Less', origin: string): string {
  return `${word} ${origin === 'pattern' ? 'of ' : ''}${originCode(origin)}`;
}

/** Kept and measured characters per origin and checkpoint, summed over languages. */
function survivalTotals(p: Period | undefined): Map<string, Map<string, Kept>> {
  const out = new Map<string, Map<string, Kept>>();
  for (const r of p?.insertionSurvival?.survival ?? []) {
    if (!isCount(r.charsKept) || !isCount(r.charsTotal) || r.charsKept > r.charsTotal) continue;
    const byCp = out.get(r.origin) ?? new Map<string, Kept>();
    out.set(r.origin, byCp);
    const k = byCp.get(r.checkpoint) ?? { kept: 0, total: 0 };
    byCp.set(r.checkpoint, { kept: k.kept + r.charsKept, total: k.total + r.charsTotal });
  }
  return out;
}

/** The latest preferred checkpoint with enough characters measured in every map given. */
function pickCheckpoint(...maps: (Map<string, Kept> | undefined)[]): string | undefined {
  return SURVIVAL_CHECKPOINTS.find((cp) => maps.every((m) => (m?.get(cp)?.total ?? 0) >= MIN_SURVIVAL_CHARS));
}

/** Alert per origin whose AI code mostly did not survive. */
export function lowSurvival(cur: Period): Insight[] {
  const out: [number, Insight][] = [];
  for (const [origin, byCp] of survivalTotals(cur)) {
    const cp = pickCheckpoint(byCp);
    const k = cp === undefined ? undefined : byCp.get(cp);
    if (cp === undefined || !k || atLeast(k.kept / k.total, LOW_SURVIVAL_RATE)) continue;
    const keptPct = pct(k.kept / k.total);
    out.push([k.kept / k.total, {
      id: `low-survival:${origin}`, severity: origin === 'pattern' ? 'warning' : 'alert', title: `${amountOf('Little', origin)} survives`,
      detail: `${keptPct}% of ${k.total} characters of ${originCode(origin)} were still there at '${cp}' (${k.kept} kept).`,
      evidence: { origin, checkpoint: cp, charsKept: k.kept, charsMeasured: k.total, keptPct },
    }]);
  }
  return ranked(out);
}

/** Warning per origin whose survival fell against the previous period (same checkpoint in both). */
export function survivalFalling(cur: Period, prev: Period | undefined): Insight[] {
  if (!prev) return [];
  const before = survivalTotals(prev);
  const out: [number, Insight][] = [];
  for (const [origin, nowCp] of survivalTotals(cur)) {
    const thenCp = before.get(origin);
    const cp = pickCheckpoint(nowCp, thenCp);
    const a = cp === undefined ? undefined : nowCp.get(cp);
    const b = cp === undefined ? undefined : thenCp?.get(cp);
    if (cp === undefined || !a || !b) continue;
    const drop = (b.kept / b.total - a.kept / a.total) * 100;
    if (!atLeast(drop, TREND_POINTS)) continue;
    const keptPct = pct(a.kept / a.total);
    const previousKeptPct = pct(b.kept / b.total);
    out.push([-drop, {
      id: `survival-falling:${origin}`, severity: 'warning', title: `${amountOf('Less', origin)} survives than before`,
      detail: `${keptPct}% kept at '${cp}' (${a.kept} of ${a.total} characters), down from ${previousKeptPct}% (${b.kept} of ${b.total}).`,
      evidence: { origin, checkpoint: cp, keptPct, previousKeptPct, dropPoints: round(drop, 1), charsMeasured: a.total, previousCharsMeasured: b.total },
    }]);
  }
  return ranked(out);
}

function requestOutcomes(p: Period | undefined): { ok: number; known: number } {
  let ok = 0;
  let known = 0;
  for (const r of p?.interactionsByIntent ?? []) {
    if (!isCount(r.ok) || !isCount(r.failed)) continue;
    ok += r.ok;
    known += r.ok + r.failed;
  }
  return { ok, known };
}

/** Warning when the share of AI requests that succeeded fell against the previous period. */
export function successFalling(cur: Period, prev: Period | undefined): Insight[] {
  const a = requestOutcomes(cur);
  const b = requestOutcomes(prev);
  if (!prev || a.known < MIN_TREND_REQUESTS || b.known < MIN_TREND_REQUESTS) return [];
  const drop = (b.ok / b.known - a.ok / a.known) * 100;
  if (!atLeast(drop, TREND_POINTS)) return [];
  const okPct = pct(a.ok / a.known);
  const previousOkPct = pct(b.ok / b.known);
  return [{
    id: 'success-falling', severity: 'warning', title: 'Fewer AI requests succeed than before',
    detail: `${okPct}% of ${a.known} AI requests succeeded, down from ${previousOkPct}% of ${b.known}.`,
    evidence: { okPct, previousOkPct, dropPoints: round(drop, 1), requests: a.known, previousRequests: b.known },
  }];
}

type ToolRow = QueryResult['toolSuccess'][number];
const isLocalRun = (r: ToolRow): boolean =>
  (r.source === 'terminal' || r.source === 'task') && isCount(r.ok) && isCount(r.failed);

/** Alert per terminal command or task that fails more often than it succeeds well. */
export function toolsFailing(cur: Period): Insight[] {
  const out: [number, Insight][] = [];
  for (const r of (cur.toolSuccess ?? []).filter(isLocalRun)) {
    const runs = r.ok + r.failed;
    if (runs < MIN_TOOL_RUNS || atLeast(r.ok / runs, LOW_TOOL_SUCCESS)) continue;
    const successPct = pct(r.ok / runs);
    out.push([r.ok / runs, {
      id: `tool-failing:${r.source}:${r.tool}`, severity: 'alert', title: `${r.tool} fails often`,
      detail: `${r.tool} (${r.source}) succeeded in ${r.ok} of ${runs} runs (${successPct}%).`,
      evidence: { tool: r.tool, source: r.source, runs, ok: r.ok, failed: r.failed, successPct },
    }]);
  }
  return ranked(out);
}

/**
 * A test run as capture recognises one (`activity.ts`). The rollup keeps only the tool's first word for a
 * terminal command, so `npm test` (tool `npm`) is not told apart from other npm runs and is not counted.
 */
function isTestRun(r: ToolRow): boolean {
  if (r.source === 'task') return /\btests?\b/i.test(r.tool) || recogniseCommand(r.tool).isTest;
  return recogniseCommand(r.tool).isTest;
}

function testOutcomes(p: Period | undefined): { failed: number; runs: number; tools: string[] } {
  const rows = (p?.toolSuccess ?? []).filter((r) => isLocalRun(r) && isTestRun(r));
  const failed = rows.reduce((s, r) => s + r.failed, 0);
  const runs = rows.reduce((s, r) => s + r.ok + r.failed, 0);
  return { failed, runs, tools: [...new Set(rows.map((r) => r.tool))].sort() };
}

/** Warning when test runs fail more often than in the previous period. */
export function testsFailingMore(cur: Period, prev: Period | undefined): Insight[] {
  const a = testOutcomes(cur);
  const b = testOutcomes(prev);
  if (!prev || a.runs < MIN_TOOL_RUNS || b.runs < MIN_TOOL_RUNS) return [];
  const rise = (a.failed / a.runs - b.failed / b.runs) * 100;
  if (!atLeast(rise, TREND_POINTS)) return [];
  const failedPct = pct(a.failed / a.runs);
  const previousFailedPct = pct(b.failed / b.runs);
  return [{
    id: 'tests-failing-more', severity: 'warning', title: 'Test runs fail more often than before',
    detail: `${a.failed} of ${a.runs} test runs failed (${failedPct}%), up from ${previousFailedPct}% (${b.failed} of ${b.runs}).`,
    evidence: { failedPct, previousFailedPct, risePoints: round(rise, 1), runs: a.runs, previousRuns: b.runs, tools: a.tools.join(', ') },
  }];
}

/**
 * Average latency per source tool: the intent rows' averages weighted by their request counts (the query gives
 * no count of requests that had a latency; exact when every request of a row had one).
 */
function latencyBySource(p: Period | undefined): Map<string, { ms: number; n: number }> {
  const out = new Map<string, { ms: number; n: number }>();
  for (const r of p?.interactionsByIntent ?? []) {
    if (!isCount(r.avgLatencyMs) || !isCount(r.n) || r.n === 0) continue;
    const t = out.get(r.sourceTool) ?? { ms: 0, n: 0 };
    out.set(r.sourceTool, { ms: t.ms + r.avgLatencyMs * r.n, n: t.n + r.n });
  }
  return out;
}

/** Warning per source tool whose requests are slow, or much slower than in the previous period. */
export function slowResponses(cur: Period, prev: Period | undefined): Insight[] {
  const before = latencyBySource(prev);
  const out: [number, Insight][] = [];
  for (const [tool, t] of latencyBySource(cur)) {
    if (t.n < MIN_LATENCY_REQUESTS) continue;
    const avg = t.ms / t.n;
    const b = before.get(tool);
    const prevAvg = b && b.n >= MIN_LATENCY_REQUESTS && b.ms > 0 ? b.ms / b.n : undefined;
    const slow = avg > SLOW_LATENCY_MS + EPS;
    const rising = prevAvg !== undefined && atLeast(avg / prevAvg - 1, LATENCY_RISE);
    if (!slow && !rising) continue;
    const evidence: Insight['evidence'] = { sourceTool: tool, avgMs: Math.round(avg), requests: t.n };
    let detail = `${tool} took ${round(avg / 1000, 1)} s on average over ${t.n} requests`;
    if (b && prevAvg !== undefined) {
      Object.assign(evidence, { previousAvgMs: Math.round(prevAvg), previousRequests: b.n, risePct: pct(avg / prevAvg - 1) });
      detail += `, ${round(prevAvg / 1000, 1)} s over ${b.n} in the previous period`;
    }
    out.push([-avg, {
      id: `slow-responses:${tool}`, severity: 'warning',
      title: slow ? `Slow responses from ${tool}` : `${tool} responds more slowly than before`, detail: `${detail}.`, evidence,
    }]);
  }
  return ranked(out);
}

type FeedbackRow = QueryResult['feedbackTrend'][number];
const validFeedback = (r: FeedbackRow): boolean =>
  isCount(r.n) && r.n > 0 && typeof r.avgRating === 'number' && Number.isFinite(r.avgRating);

function ratings(p: Period | undefined): { n: number; avg: number } {
  const rows = (p?.feedbackTrend ?? []).filter(validFeedback);
  const n = rows.reduce((s, r) => s + r.n, 0);
  return { n, avg: n > 0 ? rows.reduce((s, r) => s + r.n * r.avgRating, 0) / n : 0 };
}

/** Warning when the period's average rating is well below the previous period's. */
export function satisfactionDropping(cur: Period, prev: Period | undefined): Insight[] {
  const a = ratings(cur);
  const b = ratings(prev);
  if (!prev || a.n < MIN_RATINGS || b.n < MIN_RATINGS || !atLeast(b.avg - a.avg, RATING_DROP)) return [];
  const avgRating = round(a.avg, 2);
  const previousAvgRating = round(b.avg, 2);
  return [{
    id: 'satisfaction-dropping', severity: 'warning', title: 'Ratings of AI help are dropping',
    detail: `Average rating ${avgRating} over ${a.n} ratings, down from ${previousAvgRating} over ${b.n}.`,
    evidence: { avgRating, previousAvgRating, drop: round(b.avg - a.avg, 2), ratings: a.n, previousRatings: b.n },
  }];
}

/** Alert when today's average rating is an outlier below the user's own daily baseline (seed 004). */
export function satisfactionAnomaly(cur: Period, prev: Period | undefined, now: number): Insight[] {
  const today = localDay(now);
  const rows = [...(cur.feedbackTrend ?? []), ...(prev?.feedbackTrend ?? [])].filter(validFeedback);
  const t = rows.find((r) => r.day === today);
  const byDay = new Map<number, number>();
  for (const r of rows) if (r.day < today && !byDay.has(r.day)) byDay.set(r.day, r.avgRating);
  const base = [...byDay.values()];
  if (!t || t.n < MIN_RATINGS || base.length < MIN_BASELINE_DAYS) return [];
  const mean = base.reduce((s, v) => s + v, 0) / base.length;
  const sd = Math.sqrt(base.reduce((s, v) => s + (v - mean) ** 2, 0) / (base.length - 1));
  if (sd === 0) return [];
  const z = (t.avgRating - mean) / sd;
  if (!atLeast(-z, ANOMALY_Z)) return [];
  const todayAvg = round(t.avgRating, 2);
  return [{
    id: 'satisfaction-anomaly', severity: 'alert', title: "Today's ratings are unusually low for you",
    detail: `Today's average rating ${todayAvg} (${t.n} ratings) is ${round(-z, 2)} standard deviations below your ` +
      `daily average ${round(mean, 2)} over ${base.length} days.`,
    evidence: { todayAvgRating: todayAvg, todayRatings: t.n, baselineAvgRating: round(mean, 2), baselineSd: round(sd, 2), baselineDays: base.length, z: round(z, 2) },
  }];
}
