/**
 * Pure logic behind the dashboard's store-backed sections: daily activity, survival curve, tools,
 * tokens and cost, intents, headline figures. No DOM, no chart.js: unit-tested on plain Node.
 */
import type { DashboardData } from './dashboard-data';
import { localDay } from '../model/day';
import { toolLabel } from '../model/tool-labels';
import { periods } from './periods';

type Required<K extends keyof DashboardData> = NonNullable<DashboardData[K]>;

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of a local-day number (the day number already carries the local offset). */
export function dayLabel(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Survival checkpoints in the order they happen. */
export const CHECKPOINTS = ['30s', '2m', '5m', '10m', '15m', 'save', 'commit', '1d', '7d'] as const;

/**
 * The kinds of activity shown per day, with their names for people. Bookkeeping kinds (context,
 * sessions, survival checkpoints, import cursors, pattern records) are not activity and are left out.
 */
export const ACTIVITY_KINDS: Readonly<Record<string, string>> = {
  text_change: 'edits',
  ai_insertion: 'AI insertions',
  ai_interaction: 'AI requests',
  tool_run: 'tool runs',
  commit: 'commits',
  feedback: 'ratings',
  pattern_usage: 'pattern uses',
};

/**
 * Activity per day (per week when the range is longer than 90 days), one dataset per kind (in the order
 * above), zero-filled over the whole range.
 */
export function dailySeries(daily: Required<'daily'>, fromDay: number, toDay: number) {
  const p = periods(fromDay, toDay);
  const present = new Set(daily.map((d) => d.kind));
  const kinds = Object.keys(ACTIVITY_KINDS).filter((k) => present.has(k));
  const datasets = kinds.map((kind) => ({ label: ACTIVITY_KINDS[kind], data: new Array<number>(p.labels.length).fill(0) }));
  for (const d of daily) {
    const k = kinds.indexOf(d.kind);
    const i = p.index(d.day);
    if (k >= 0 && i >= 0) datasets[k].data[i] += d.n;
  }
  return { unit: p.unit, labels: p.labels, datasets };
}

/** Names of insertion origins for people: the user's own patterns are not AI and say so. */
export const ORIGIN_LABELS: Readonly<Record<string, string>> = { pattern: 'your patterns (not AI)' };
const originLabel = (origin: string): string => ORIGIN_LABELS[origin] ?? origin;

/** Percentage of AI characters still present at each checkpoint, per origin; null where nothing was measured. */
export function survivalCurve(survival: Required<'survival'>) {
  const origins = [...new Set(survival.survival.map((s) => s.origin))].sort();
  return {
    labels: [...CHECKPOINTS],
    datasets: origins.map((origin) => ({
      label: originLabel(origin),
      data: CHECKPOINTS.map((cp) => {
        const rows = survival.survival.filter((s) => s.origin === origin && s.checkpoint === cp);
        const total = rows.reduce((t, r) => t + r.charsTotal, 0);
        return total > 0 ? Math.round((1000 * rows.reduce((t, r) => t + r.charsKept, 0)) / total) / 10 : null;
      }),
    })),
  };
}

/** AI insertions by origin: count and characters. */
export function insertionTotals(survival: Required<'survival'>) {
  const totals = new Map<string, { n: number; chars: number }>();
  for (const r of survival.insertions) {
    const t = totals.get(r.origin) ?? { n: 0, chars: 0 };
    t.n += r.n;
    t.chars += r.chars;
    totals.set(r.origin, t);
  }
  return [...totals.entries()].map(([origin, t]) => ({ origin: originLabel(origin), ...t })).sort((a, b) => b.chars - a.chars);
}

/** The most used tools with their success rate (runs whose outcome is unknown are not counted as failures). */
export function toolRows(tools: Required<'tools'>, limit = 10) {
  return tools.slice(0, limit).map((t) => ({
    tool: t.tool,
    source: t.source,
    runs: t.n,
    successRate: t.ok + t.failed > 0 ? Math.round((100 * t.ok) / (t.ok + t.failed)) : null,
    avgSeconds: t.avgDurationMs === null ? null : Math.round(t.avgDurationMs / 100) / 10,
  }));
}

/** Tokens and cost per model; cost stays "unknown" when no price was known, never guessed. */
export function tokenRows(tokens: Required<'tokens'>) {
  return tokens.map((t) => ({
    model: t.model || 'unknown model',
    tool: t.sourceTool,
    requests: t.n,
    tokensIn: t.tokensIn,
    tokensOut: t.tokensOut,
    cacheRead: t.cacheRead,
    cacheWrite: t.cacheWrite,
    cost: t.costUsd === null ? 'unknown' : `$${t.costUsd.toFixed(2)}${t.costKnownN < t.n ? ' (partly unknown)' : ''}`,
  }));
}

/** Interactions per intent, all tools together. */
export function intentBars(intents: Required<'intents'>) {
  const byIntent = new Map<string, { n: number; up: number; down: number }>();
  for (const i of intents) {
    const t = byIntent.get(i.intent) ?? { n: 0, up: 0, down: 0 };
    t.n += i.n;
    t.up += i.votesUp;
    t.down += i.votesDown;
    byIntent.set(i.intent, t);
  }
  const rows = [...byIntent.entries()].sort((a, b) => b[1].n - a[1].n);
  return { labels: rows.map(([intent]) => intent.replace(/_/g, ' ')), data: rows.map(([, t]) => t.n), rows };
}

/** Headline figures: AI share of today's new code, kept share (AI, and apart from it the user's own patterns), events and cost in the range. */
export function headline(data: DashboardData) {
  const t = data.today;
  const pct = (part: number, whole: number) => (whole > 0 ? `${Math.round((100 * part) / whole)}%` : '–');
  const known = (data.tokens ?? []).filter((r) => r.costUsd !== null);
  const cost = known.reduce((s, r) => s + (r.costUsd ?? 0), 0);
  return {
    aiShareToday: t ? pct(t.aiChars, t.newChars) : '–',
    keptToday: t ? pct(t.aiKeptChars, t.aiMeasuredChars) : '–',
    // The user's own patterns are not AI code: their kept share is their own figure.
    patternsKeptToday: t ? pct(t.patternKeptChars, t.patternMeasuredChars) : '–',
    eventsInRange: (data.daily ?? []).filter((d) => d.kind in ACTIVITY_KINDS).reduce((s, d) => s + d.n, 0),
    costInRange: known.length > 0 ? `$${cost.toFixed(2)}` : '–',
  };
}

/**
 * Model performance by task: the learned averages (EMA, alpha 0.1) with how sure they are; quality is
 * the share of requests that succeeded or were voted up, shown only once some request had a known outcome.
 */
export function modelRows(models: Required<'models'>) {
  return models.map((m) => ({
    task: m.taskType.replace(/_/g, ' '),
    model: m.model,
    requests: m.n,
    // No request with a known outcome yet: no quality to show (the stored value is only the cold-start default).
    quality: m.n > 0 ? `${Math.round(m.quality * 100)}%` : null,
    latencyS: m.latencyMs === null ? null : Math.round(m.latencyMs / 100) / 10,
    cost: m.costUsd === null ? 'unknown' : `$${m.costUsd.toFixed(4)}`,
    confidence: m.n > 0 ? `${Math.round(m.confidence * 100)}%` : null,
  }));
}

/**
 * The health line's note on records the store set aside (quarantined), or null when there are none: they are
 * counted and kept in the store, and the log says why each one was refused.
 */
export function healthText(h: DashboardData['health']): string | null {
  if (!h || h.quarantined === 0) return null;
  const n = h.quarantined;
  return `${n} journal record${n === 1 ? '' : 's'} could not be stored and ${n === 1 ? 'was' : 'were'} set aside (see the AI Learning Analytics log)`;
}

/**
 * Commits a tool scored itself (Cursor's own AI share: tab plus composer lines over lines added) beside our own
 * share of the same commit (AI lines from tracked insertions over lines added), both as whole percentages; "not
 * seen" when this extension did not record the commit (made outside VS Code, or before it was installed).
 */
export function commitShareRows(shares: Required<'commitShares'>) {
  const pct = (part: number | null, whole: number | null): string => (part === null || whole === null || whole <= 0 ? '–' : `${Math.round((100 * part) / whole)}%`);
  return shares.map((s) => ({
    commit: s.hash.slice(0, 8),
    day: dayLabel(localDay(s.ts)),
    tool: toolLabel(s.sourceTool),
    toolShare: pct(s.toolAiLines, s.toolLinesAdded),
    toolDetail: `${s.tabLines ?? 0} tab, ${s.composerLines ?? 0} composer, ${s.humanLines ?? 0} human of ${s.toolLinesAdded ?? 0}`,
    ourShare: s.ourLinesAdded === null ? 'not seen' : pct(s.ourAiLines, s.ourLinesAdded),
    ourDetail: s.ourLinesAdded === null ? '' : `${s.ourAiLines ?? 0} AI of ${s.ourLinesAdded}`,
  }));
}
