/**
 * The CLI's `time` and `blocks` commands and the `--breakdown` of `daily`/`monthly` (ccusage's tool and model
 * split): the dashboard's own rows (`src/core/dashboard/time-cost-rows.ts`) over the same queries.
 */
import type { StoreQueries } from '../core/dashboard/data';
import { costTable } from '../core/dashboard/cost-model';
import { usageData } from '../core/dashboard/time-cost-data';
import { burnTable, timeTables, windowTable } from '../core/dashboard/time-cost-rows';
import type { DayRange } from '../core/store/queries';
import type { Style } from './format';
import { section } from './format';
import type { Output } from './views';

/** Coding time by project, language and branch. */
export async function timeOutput(store: StoreQueries, range: DayRange, s: Style): Promise<Output> {
  const u = await usageData(store, range, {}, {});
  const t = timeTables(u);
  const text = [
    t.summary,
    section('Coding time by project', ['Project', 'Active', 'AI-assisted'], t.projects, s),
    section('Coding time by language', ['Language', 'Active', 'AI-assisted'], t.languages, s),
    section('Coding time by branch', ['Branch', 'Active', 'AI-assisted'], t.branches, s),
  ].join('\n\n');
  return { json: { time: u.time, ...t }, text };
}

/** Claude Code's five-hour windows of the last day, today's burn rate and the month's forecast. */
export async function blocksOutput(store: StoreQueries, range: DayRange, s: Style, now = Date.now()): Promise<Output> {
  const u = await usageData(store, range, {}, {}, now);
  const w = windowTable(u, now);
  const b = burnTable(u, now);
  const text = [
    w.current || 'No Claude Code request in the last day.',
    section('Claude Code five-hour windows', ['Window', 'Resets', 'Requests', 'In', 'Out', 'Cost', 'State'], w.rows, s),
    section('Today and this month', ['Figure', 'Value'], b.rows, s),
  ].join('\n\n');
  return { json: { windows: u.claude.windows, exact: u.claude.exact, current: w.current, burn: b.rows }, text };
}

/** Per day or month, one row per tool and model. */
export async function breakdownOutput(store: StoreQueries, range: DayRange, by: 'day' | 'month', s: Style): Promise<Output> {
  const rows = costTable(await store.query('costByDay', range), by);
  const text = section(`Tokens and cost per ${by}, by tool and model`, ['Period', 'Tool', 'Model', 'Requests', 'In', 'Out', 'Cost'],
    rows.map((r) => [r.period, r.tool, r.model, r.requests, r.tokensIn, r.tokensOut,
      r.costUsd === null ? 'unknown' : `$${r.costUsd.toFixed(2)}${r.unpriced ? ` (${r.unpriced} unpriced)` : ''}`]), s);
  return { json: rows, text };
}
