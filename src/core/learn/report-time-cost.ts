/**
 * The session report's time and cost sections (issue 13): the same rows as the dashboard's cards
 * (`src/core/dashboard/time-cost-rows.ts`), as Markdown tables.
 */
import type { DashboardData } from '../dashboard/dashboard-data';
import { FORECAST_RULE } from '../dashboard/cost-model';
import type { Cell } from '../dashboard/time-cost-rows';
import { agentTables, burnTable, costTables, timeTables, windowTable } from '../dashboard/time-cost-rows';
import { TIME_DEFINITION } from '../dashboard/time-model';

export type Table = (header: string[], rows: Cell[][]) => string[];

/** Markdown lines of the time and cost sections, or a line saying the store was not open. */
export function timeCostSections(data: DashboardData, table: Table): string[] {
  const u = data.usage;
  if (!u) return ['## Coding time and cost over time', '', '_The local store was not open: no time or cost figures._', ''];
  const t = timeTables(u);
  const c = costTables(u);
  const burn = burnTable(u, data.generatedTs);
  const w = windowTable(u, data.generatedTs);
  const a = agentTables(u);
  const filtered = [u.filter.tool && `tool ${u.filter.tool}`, u.filter.model && `model ${u.filter.model}`, u.filter.project && 'one project']
    .filter(Boolean).join(', ');
  return [
    '## Coding time',
    '',
    `${t.summary} ${TIME_DEFINITION}`,
    ...(filtered ? ['', `_Filtered to ${filtered}._`] : []),
    '',
    ...table(['Project', 'Active', 'AI-assisted'], t.projects),
    '',
    ...table(['Language', 'Active', 'AI-assisted'], t.languages),
    '',
    ...table(['Branch', 'Active', 'AI-assisted'], t.branches),
    '',
    '## Cost over time',
    '',
    ...table(['Month', 'Tool', 'Model', 'Requests', 'In', 'Out', 'Cost'], c.monthly),
    '',
    ...table(['Day', 'Tool', 'Model', 'Requests', 'Cost'], c.daily),
    '',
    '### Today and this month',
    '',
    FORECAST_RULE,
    '',
    ...table(['Figure', 'Value'], burn.rows),
    '',
    '### Per session and per project',
    '',
    ...table(['Session', 'Tool', 'Project', 'Requests', 'Cost', 'Models', 'Last request'], c.sessions),
    '',
    ...table(['Project', 'Tool', 'Requests', 'Cost'], c.projects),
    '',
    '### Claude Code five-hour usage windows (last day)',
    '',
    ...(w.current ? [w.current, ''] : []),
    ...table(['Window', 'Resets', 'Requests', 'In', 'Out', 'Cost', 'State'], w.rows),
    '',
    '## Agent requests in detail',
    '',
    ...table(['Tool', 'Requests', 'Reasoning tokens', 'Tool calls', 'Sub-agent tool calls', 'Time estimated'], a.requests),
    '',
    ...table(['Tool', 'Calls', 'Accepted', 'Rejected', 'Succeeded', 'Failed', 'Accepted calls that succeeded'], a.toolCalls),
    '',
  ];
}
