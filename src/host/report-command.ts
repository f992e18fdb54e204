import * as vscode from 'vscode';
import type { WindowStats } from '../core/dashboard/window-stats';
import { sessionReport } from '../core/learn/report';
import type { StoreClient } from '../core/store/client';
import type { DashboardRange } from '../core/dashboard/range';
import { dashboardData } from '../core/dashboard/data';
import { openProjectNames } from './dashboard/project-names';

/** "Generate Session Report": pick a range, get a Markdown report in a new editor (nothing written to disk). */
export async function generateSessionReport(store: StoreClient | undefined, stats: WindowStats, captureOn: boolean): Promise<void> {
  if (!store) {
    void vscode.window.showWarningMessage('AI Learning Analytics: the local store is not open yet; try again in a moment.');
    return;
  }
  const pick = await vscode.window.showQuickPick(
    [
      { label: 'Today', range: { kind: 'days', days: 1 } },
      { label: 'Last 7 days', range: { kind: 'days', days: 7 } },
      { label: 'Last 30 days', range: { kind: 'days', days: 30 } },
      { label: 'All time', range: { kind: 'all' } },
    ] satisfies { label: string; range: DashboardRange }[],
    { title: 'Generate Session Report', placeHolder: 'Which period?' },
  );
  if (!pick) return;
  const [data, patterns] = await Promise.all([dashboardData(pick.range, captureOn, store, stats, { projectNames: openProjectNames() }), store.query('patterns', {})]);
  const content = sessionReport({ title: `AI session report: ${pick.label.toLowerCase()}`, data, patterns });
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  await vscode.window.showTextDocument(doc, { preview: false });
}
