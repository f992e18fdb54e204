/**
 * The session report (seed 002's analyze_session, over this extension's own data): a Markdown summary of
 * a range: new code and AI's share, survival, requests by intent, tools and tests, tokens and cost, and
 * the patterns that paid off. Numbers only from the store; what is unknown is said so.
 */
import { priceDataLabel } from './price-data';
import type { QueryResult } from '../store/queries';
import type { DashboardData } from '../dashboard/dashboard-data';
import { languageTable } from '../dashboard/chart-model';
import { timeCostSections } from './report-time-cost';
import { headline, insertionTotals, intentBars, survivalCurve, tokenRows, toolRows } from '../dashboard/sections-model';

export interface ReportInput {
  title: string;
  data: DashboardData;
  patterns: QueryResult['patterns'];
}

const n = (v: number) => v.toLocaleString('en-US');

function table(header: string[], rows: (string | number | null)[][]): string[] {
  if (rows.length === 0) return ['_None recorded._'];
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map((c) => (c === null ? '–' : typeof c === 'number' ? n(c) : c)).join(' | ')} |`),
  ];
}

export function sessionReport({ title, data, patterns }: ReportInput): string {
  const h = headline(data);
  const today = data.today;
  const lines = [
    `# ${title}`,
    '',
    `_Generated ${new Date(data.generatedTs).toISOString().replace('T', ' ').slice(0, 16)} UTC from the local store; nothing left this machine._`,
    '',
    '## Code',
    '',
    `- AI share of today's new code: **${h.aiShareToday}**${today ? ` (${n(today.aiChars)} of ${n(today.newChars)} characters, ${today.insertions} insertions)` : ''}`,
    `- Measured AI code kept: **${h.keptToday}**`,
    `- Events recorded in range: ${n(h.eventsInRange)}`,
    '',
    '## Insights',
    '',
    ...((data.insights ?? []).length === 0
      ? ['_Nothing to flag in this period._']
      : (data.insights ?? []).map((i) => `- **${i.severity}**: ${i.title}. ${i.detail}`)),
    '',
    '## Code by language',
    '',
    ...table(['Language', 'Characters', 'Changes'],
      languageTable(data.textByLanguage).map((r) => [r.language, r.chars, r.changes])),
    '',
    '## AI insertions and survival',
    '',
    ...(data.survival ? survivalSection(data.survival) : ['_None recorded._']),
    '',
    '## Requests by intent',
    '',
    ...table(['Intent', 'Requests', 'Votes up', 'Votes down'],
      data.intents ? intentBars(data.intents).rows.map(([intent, t]) => [intent.replace(/_/g, ' '), t.n, t.up, t.down]) : []),
    '',
    '## Tools and tests',
    '',
    ...table(['Tool', 'Source', 'Runs', 'Success', 'Avg s'],
      data.tools ? toolRows(data.tools).map((t) => [t.tool, t.source, t.runs, t.successRate === null ? null : `${t.successRate}%`, t.avgSeconds]) : []),
    '',
    '## Tokens and cost',
    '',
    `Total known cost: **${h.costInRange}** (models without a known price are listed with cost "unknown"; ${priceDataLabel()}).`,
    '',
    ...table(['Model', 'Tool', 'Requests', 'In', 'Out', 'Cache read', 'Cache write', 'Cost'],
      data.tokens ? tokenRows(data.tokens).map((t) => [t.model, t.tool, t.requests, t.tokensIn, t.tokensOut, t.cacheRead, t.cacheWrite, t.cost]) : []),
    '',
    ...timeCostSections(data, table),
    '## Patterns that paid off',
    '',
    ...table(['Pattern', 'Language', 'Uses', 'Kept', 'Rating'], topPatterns(patterns)),
    '',
    '## What could not be observed',
    '',
    ...data.blindSpots.map((s) => `- ${s}`),
    '',
  ];
  return lines.join('\n');
}

function survivalSection(survival: NonNullable<DashboardData['survival']>): string[] {
  const curve = survivalCurve(survival);
  return [
    ...table(['Origin', 'Insertions', 'Characters'], insertionTotals(survival).map((r) => [r.origin, r.n, r.chars])),
    '',
    ...table(['Origin', ...curve.labels], curve.datasets.map((d) => [d.label, ...d.data.map((v) => (v === null ? null : `${v}%`))])),
  ];
}

/** Used patterns by success rate, then uses. */
function topPatterns(patterns: QueryResult['patterns']): (string | number | null)[][] {
  return patterns
    .filter((p) => p.usageCount > 0)
    .sort((a, b) => b.successCount / b.usageCount - a.successCount / a.usageCount || b.usageCount - a.usageCount)
    .slice(0, 10)
    .map((p) => [p.name ?? p.id, p.language, p.usageCount, `${Math.round((100 * p.successCount) / p.usageCount)}%`,
      p.avgRating === null ? null : p.avgRating.toFixed(1)]);
}
