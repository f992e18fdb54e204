/**
 * Draws the time and cost cards from `DashboardData.usage` with the rows of `time-cost-rows.ts` (the report
 * and the CLI print the same rows) and the series of `time-model.ts` / `cost-model.ts`.
 */
import type { DashboardData } from '../src/core/dashboard/dashboard-data';
import { costSeries } from '../src/core/dashboard/cost-model';
import { timeSeries } from '../src/core/dashboard/time-model';
import type { Cell } from '../src/core/dashboard/time-cost-rows';
import { agentTables, burnTable, costTables, timeTables, windowTable } from '../src/core/dashboard/time-cost-rows';
import { drawChart } from './charts';

/** main.ts's card filler: table rows, and the chart drawn only when there are rows. */
export type Section = (id: string, rows: Cell[][], draw?: () => void) => void;

function text(id: string, value: string): void {
  const el = document.getElementById(id);
  if (el) el.textContent = value;
}

export function renderUsage(data: DashboardData, section: Section): void {
  const u = data.usage;
  const from = data.fromDay ?? 0;
  const to = data.toDay ?? 0;
  const now = data.generatedTs;
  const time = u ? timeTables(u) : undefined;
  text('time-note', time?.summary ?? '');
  const hours = u ? timeSeries(u.time, from, to) : undefined;
  section('time', time?.projects ?? [], () => drawChart('time', hours!, { type: 'bar', stacked: true, yTitle: 'hours' },
    `Coding hours per ${hours!.unit}, AI-assisted and other`));
  section('time-languages', time?.languages ?? []);
  section('time-branches', time?.branches ?? []);
  const cost = u ? costTables(u) : undefined;
  const perDay = u ? costSeries(u.costDaily, from, to, 'tool') : undefined;
  section('cost-daily', cost?.daily ?? [], perDay?.datasets.length ? () => drawChart('cost-daily', perDay, { type: 'bar', stacked: true, yTitle: 'USD' },
    `AI cost per ${perDay.unit} by tool`) : undefined);
  section('cost-monthly', cost?.monthly ?? []);
  const burn = u ? burnTable(u, now) : undefined;
  section('burn', burn?.rows ?? [], () => drawChart('burn', {
    labels: burn!.line.labels,
    datasets: [{ label: 'spent today', data: burn!.line.spent }, { label: 'projected at the burn rate', data: burn!.line.projected }],
  }, { type: 'line', yTitle: 'USD' }, 'Known AI cost spent today by hour, and its projection to midnight'));
  section('cost-sessions', cost?.sessions ?? []);
  section('cost-projects', cost?.projects ?? []);
  const windows = u ? windowTable(u, now) : undefined;
  text('windows-current', windows?.current ?? '');
  section('windows', windows?.rows ?? []);
  const agent = u ? agentTables(u) : undefined;
  section('agent', agent?.requests ?? []);
  section('tool-accept', agent?.toolCalls ?? []);
}
