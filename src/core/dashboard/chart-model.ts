/**
 * Pure logic of the dashboard page: turn `DashboardData` into what chart.js draws and into the text
 * table beside it (the same numbers, readable by screen readers and by the end-to-end test).
 * No DOM, no chart.js import: unit-tested on plain Node.
 */
import type { LanguageRow } from './dashboard-data';

export interface StackedBars {
  /** Languages, most changed first. */
  labels: string[];
  /** One dataset per edit kind, values aligned with `labels`. */
  datasets: { label: string; data: number[] }[];
}

/** Kinds drawn in this order so colours stay stable between refreshes. */
const LABEL_ORDER = ['typed', 'paste', 'inline', 'chat', 'agent', 'pattern', 'bulk', 'undo', 'redo', 'delete'];

export function languageBars(rows: readonly LanguageRow[], maxLanguages = 12): StackedBars {
  const byLanguage = new Map<string, number>();
  for (const r of rows) byLanguage.set(r.language, (byLanguage.get(r.language) ?? 0) + r.chars);
  const labels = [...byLanguage.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, maxLanguages)
    .map(([language]) => language);
  const kinds = [...new Set(rows.map((r) => r.label))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const datasets = kinds.map((kind) => ({
    label: kind,
    data: labels.map((language) =>
      rows.filter((r) => r.language === language && r.label === kind).reduce((sum, r) => sum + r.chars, 0),
    ),
  }));
  return { labels, datasets };
}

/** Rows for the accessible table: language, total characters, changes. */
export function languageTable(rows: readonly LanguageRow[]): { language: string; chars: number; changes: number }[] {
  const totals = new Map<string, { chars: number; changes: number }>();
  for (const r of rows) {
    const t = totals.get(r.language) ?? { chars: 0, changes: 0 };
    t.chars += r.chars;
    t.changes += r.changes;
    totals.set(r.language, t);
  }
  return [...totals.entries()]
    .map(([language, t]) => ({ language, ...t }))
    .sort((a, b) => b.chars - a.chars || a.language.localeCompare(b.language));
}

function rank(label: string): number {
  const i = LABEL_ORDER.indexOf(label);
  return i === -1 ? LABEL_ORDER.length : i;
}

/**
 * The palette slot of each series: series with at least one non-zero value get consecutive slots (so the
 * colours shown are distinct for as many series as the palette has); a series with no data gets none
 * (`undefined`): it is neither coloured nor listed in the legend.
 */
export function seriesColourIndexes(datasets: readonly { data: readonly (number | null)[] }[]): (number | undefined)[] {
  let next = 0;
  return datasets.map((d) => (d.data.some((v) => v !== null && v !== 0) ? next++ : undefined));
}
