/**
 * The dashboard's filter bar and its time and cost cards (issue 13), as HTML without data: the page fills
 * them from `DashboardData.usage` (`webview/time-cost-ui.ts`). Kept apart from `html.ts` so each section
 * stays in its own file.
 */
import { FORECAST_RULE } from './cost-model';
import { TIME_DEFINITION } from './time-model';
import { WINDOW_MS } from './usage-blocks';

/** `html.ts`'s card: a chart and/or table with its own empty note. */
export type CardHtml = (id: string, title: string, empty: string, opts: { chart?: boolean; columns: string[]; intro?: string }) => string;

/** Tool, model and project: one bar whose choice the host queries with. */
export function filterBarHtml(): string {
  const select = (id: string, label: string) => `<label>${label} <select id="filter-${id}"><option value="">All</option></select></label>`;
  return `<section class="filter-bar" aria-label="Filter">
  ${select('tool', 'Tool')} ${select('model', 'Model')} ${select('project', 'Project')}
  <span class="muted" id="filter-note" hidden></span>
</section>`;
}

/** The cards, in the order of the issue: time, cost over time, today and the month, Claude Code's windows. */
export function timeCostCardsHtml(card: CardHtml): string {
  const hours = WINDOW_MS / 3_600_000;
  return [
    card('time', 'Coding time per day', 'No coding session ended in this range yet.', { chart: true, columns: ['Project', 'Active', 'AI-assisted'],
      intro: `<p class="muted small">${TIME_DEFINITION}</p><p class="muted small" id="time-note"></p>` }),
    card('time-languages', 'Coding time by language', 'No edit-level activity in this range (they are kept for the retention period).', { columns: ['Language', 'Active', 'AI-assisted'] }),
    card('time-branches', 'Coding time by branch', 'No edit-level activity in this range (they are kept for the retention period).', { columns: ['Branch', 'Active', 'AI-assisted'] }),
    card('cost-daily', 'AI cost per day', 'No priced AI request in this range.', { chart: true, columns: ['Day', 'Tool', 'Model', 'Requests', 'Cost'] }),
    card('cost-monthly', 'AI cost per month', 'No AI request in this range.', { columns: ['Month', 'Tool', 'Model', 'Requests', 'In', 'Out', 'Cost'] }),
    card('burn', 'Today\'s burn rate and the month\'s forecast', 'No priced AI request today.', { chart: true, columns: ['Figure', 'Value'],
      intro: `<p class="muted small">${FORECAST_RULE}</p>` }),
    card('cost-sessions', 'AI cost per session', 'No AI request in this range.', { columns: ['Session', 'Tool', 'Project', 'Requests', 'Cost', 'Models', 'Last request'] }),
    card('cost-projects', 'AI cost per project', 'No AI request with a known project in this range.', { columns: ['Project', 'Tool', 'Requests', 'Cost'] }),
    card('windows', `Claude Code ${hours}-hour usage windows`, `No Claude Code request in the last day: import its history to see the ${hours}-hour windows.`,
      { columns: ['Window', 'Resets', 'Requests', 'In', 'Out', 'Cost', 'State'],
        intro: `<p class="small" id="windows-current"></p><p class="muted small">As ccusage's blocks: a window starts at a request's whole UTC hour and`
          + ` lasts ${hours} hours; the first request after it ends, or after ${hours} hours without one, opens the next.</p>` }),
    card('agent', 'Agent requests in detail', 'No AI request in this range.',
      { columns: ['Tool', 'Requests', 'Reasoning tokens', 'Tool calls', 'Sub-agent tool calls', 'Time estimated'],
        intro: '<p class="muted small">Reasoning tokens are counted inside output tokens where a tool reports them (Codex); "dated from the file": the log had no time, so the file\'s modification time stands in.</p>' }),
    card('tool-accept', 'Agent tool calls: accepted and succeeded', 'No tool call whose acceptance was logged in this range (Continue logs it).',
      { columns: ['Tool', 'Calls', 'Accepted', 'Rejected', 'Succeeded', 'Failed', 'Accepted calls that succeeded'] }),
  ].join('\n  ');
}
