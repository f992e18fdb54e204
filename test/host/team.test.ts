import assert from 'node:assert/strict';
import * as vscode from 'vscode';
// @ts-expect-error: a plain .mjs helper shared with the team tier (no type declarations)
import { startPg } from '../../scripts/lib/pg-server.mjs';
import { activeApi, waitFor } from './helpers';

interface Server { url: string; stop: () => void }

describe('Team figures (real extension host, real PostgreSQL)', function () {
  this.timeout(180_000);
  let server: Server | undefined;
  const config = () => vscode.workspace.getConfiguration('aiLearning.team');

  after(async () => {
    await config().update('enabled', undefined, vscode.ConfigurationTarget.Global);
    await config().update('memberName', undefined, vscode.ConfigurationTarget.Global);
    server?.stop();
  });

  it('off by default; once on with a URL in secret storage, a push fills the Team tab and the status line', async () => {
    const api = await activeApi();
    const store = await api.store();
    assert.ok(store);
    assert.equal(api.teamView(), undefined, 'team figures are opt-in');
    server = (await startPg({ settings: { fsync: 'off' } })) as Server;
    const ts = Date.now();
    store.append({ kind: 'ai_interaction', ts, id: `team-host-${ts}`, sourceTool: 'codex', interaction: 'chat', intent: 'debugging', model: 'gpt-5', tokensIn: 100, tokensOut: 20, success: true, latencyMs: 500 });
    await store.query('eventCount', {});
    await config().update('memberName', 'host-member', vscode.ConfigurationTarget.Global);
    await config().update('enabled', true, vscode.ConfigurationTarget.Global);
    await waitFor('the team status line', () => api.teamView());
    await vscode.commands.executeCommand('aiLearning.pushTeamFigures');
    assert.match(api.teamView()!.status, /no team database URL/);
    await api.setTeamUrl(server.url);
    await waitFor('the scheduler restarted with the URL', () => /no push yet/.test(api.teamView()?.status ?? ''), 10_000);
    await vscode.commands.executeCommand('aiLearning.pushTeamFigures');
    const view = api.teamView()!;
    assert.match(view.status, /^Team: last push \d\d:\d\d \(\d[\d,]* rows\)$/, view.status);
    assert.equal(view.report?.members[0]?.member, 'host-member');
    assert.ok((view.report?.own.requests ?? 0) >= 1);
    assert.ok(view.report?.models.some((m) => m.model === 'gpt-5' && m.taskType === 'debugging'));
    await vscode.commands.executeCommand('aiLearning.showDashboard');
    await waitFor('the dashboard data with the Team tab', () => api.lastDashboardData()?.team?.report, 15_000);
  });
});
