/**
 * Coding time for the dashboard and the report (issue 13), from the captured sessions:
 *
 * - **Active time** is the session tracker's own figure (gaps under a minute between edits, saves, commands and
 *   focus changes; idle time not counted), counted on the day the session ended: kept forever.
 * - **By language and branch** it is replayed from the edit-level rows (kept `retentionDays`) with the same
 *   one-minute rule; a row with neither (a terminal command) belongs to the language and branch last seen in the
 *   session. Activity with no stored row (selections, commands) is in the total but not in this split.
 * - **AI-assisted time** is active time within five minutes after an AI insertion in the editor or an AI request
 *   of any tool (captured or imported); your own pattern insertions do not make time AI-assisted.
 * Pure: plain data in, rows and series out.
 */
import { localDay } from '../model/day';
import type { TimeCostResult } from '../store/time-cost-queries';
import { bucketSeries, periods } from './periods';

type CodingTime = TimeCostResult['codingTime'];

/** Said once on the page and in the report beside the time figures. */
export const TIME_DEFINITION = 'Active time: gaps under a minute between edits, saves, commands and focus changes; idle time is not counted. '
  + 'AI-assisted: active time within 5 minutes after an AI insertion or an AI request of any tool.';

export interface TimeRow {
  name: string;
  activeMs: number;
  assistedMs: number;
}

export interface TimeView {
  totalMs: number;
  /** AI-assisted time of the edit-level rows (the split covers only the days those rows are kept). */
  assistedMs: number;
  /** Time the edit-level rows account for (the base of the AI-assisted share). */
  splitMs: number;
  byProject: TimeRow[];
  byLanguage: TimeRow[];
  byBranch: TimeRow[];
  /** The first local day the language/branch split covers (null when no edit-level row is kept). */
  splitSinceDay: number | null;
}

/** "2 hrs 5 mins", "45 mins", "under a minute" (WakaTime's wording). */
export function hoursMinutes(ms: number): string {
  const mins = Math.floor(ms / 60_000);
  if (mins < 1) return ms > 0 ? 'under a minute' : '0 mins';
  const h = Math.floor(mins / 60);
  const m = mins % 60;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  return h === 0 ? part(m, 'min') : m === 0 ? part(h, 'hr') : `${part(h, 'hr')} ${part(m, 'min')}`;
}

/** A project's name: the open folder's name when this window knows the hash, else a short hash. */
export function projectName(hash: string | null, names: Readonly<Record<string, string>> = {}): string {
  if (!hash) return 'no project';
  return names[hash] ?? `project ${hash.slice(0, 6)}`;
}

function rowsBy(spans: CodingTime['spans'], key: (s: CodingTime['spans'][number]) => string): TimeRow[] {
  const m = new Map<string, TimeRow>();
  for (const s of spans) {
    const name = key(s);
    const r = m.get(name) ?? { name, activeMs: 0, assistedMs: 0 };
    r.activeMs += s.ms;
    if (s.assisted) r.assistedMs += s.ms;
    m.set(name, r);
  }
  return [...m.values()].sort((a, b) => b.activeMs - a.activeMs || a.name.localeCompare(b.name));
}

export function timeView(t: CodingTime, names: Readonly<Record<string, string>> = {}): TimeView {
  const projects = new Map<string, TimeRow>();
  for (const s of t.sessions) {
    const name = projectName(s.project, names);
    const r = projects.get(name) ?? { name, activeMs: 0, assistedMs: 0 };
    r.activeMs += s.activeMs;
    projects.set(name, r);
  }
  for (const r of rowsBy(t.spans, (s) => projectName(s.project, names))) {
    const p = projects.get(r.name);
    if (p) p.assistedMs += r.assistedMs;
  }
  const splitMs = t.spans.reduce((s, r) => s + r.ms, 0);
  return {
    totalMs: t.sessions.reduce((s, r) => s + r.activeMs, 0),
    assistedMs: t.spans.reduce((s, r) => s + (r.assisted ? r.ms : 0), 0),
    splitMs,
    byProject: [...projects.values()].sort((a, b) => b.activeMs - a.activeMs || a.name.localeCompare(b.name)),
    byLanguage: rowsBy(t.spans, (s) => s.language ?? 'no file'),
    byBranch: rowsBy(t.spans, (s) => s.branch ?? 'branch not seen'),
    splitSinceDay: t.rawSinceTs === null ? null : localDay(t.rawSinceTs),
  };
}

/**
 * Hours per day (or week) in two stacks: AI-assisted, and the rest of the active time. A session counts on
 * the day it ended; AI-assisted time on the day of its rows (so a day's stacks never exceed its total).
 */
export function timeSeries(t: CodingTime, fromDay: number, toDay: number) {
  const p = periods(fromDay, toDay);
  const hours = (ms: number) => ms / 3_600_000;
  const active = bucketSeries(t.sessions, p, (s) => localDay(s.endTs), () => 'active', (s) => hours(s.activeMs))[0]?.data
    ?? new Array<number>(p.labels.length).fill(0);
  const assisted = bucketSeries(t.spans.filter((s) => s.assisted), p, (s) => s.day, () => 'assisted', (s) => hours(s.ms))[0]?.data
    ?? new Array<number>(p.labels.length).fill(0);
  const round = (v: number) => Math.round(v * 100) / 100;
  const shownAssisted = assisted.map((a, i) => Math.min(a, active[i]));
  return {
    unit: p.unit,
    labels: p.labels,
    datasets: [
      { label: 'AI-assisted', data: shownAssisted.map(round) },
      { label: 'other active time', data: active.map((a, i) => round(a - shownAssisted[i])) },
    ],
  };
}
