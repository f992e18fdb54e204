/** The Team card of the dashboard: shown only when the host sends team figures (`aiLearning.team.enabled`). */
import type { TeamView } from '../src/core/team/team-view';
import { teamModelRows, teamSummary, teamToolRows } from '../src/core/team/team-view';

type FillTable = (id: string, rows: (string | number | null)[][]) => boolean;

export function renderTeam(view: TeamView | undefined, fillTable: FillTable): void {
  const card = document.getElementById('team-card');
  if (!card) return;
  card.hidden = view === undefined;
  if (!view) return;
  document.getElementById('team-status')!.textContent = view.status;
  document.getElementById('team-summary')!.textContent = view.report ? teamSummary(view.report) : '';
  fillTable('team-models', view.report ? teamModelRows(view.report) : []);
  fillTable('team-tools', view.report ? teamToolRows(view.report) : []);
}
