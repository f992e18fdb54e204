import * as vscode from 'vscode';
import os from 'node:os';
import { localDay } from '../../core/model/day';
import { machineKey } from '../../core/team/identity';
import { MEMBER_NAME, pushTeam, storeSource } from '../../core/team/push';
import type { PushResult } from '../../core/team/push';
import type { TeamReport } from '../../core/team/report';
import { TeamScheduler, teamStatusText } from '../../core/team/scheduler';
import type { TeamState } from '../../core/team/scheduler';
import type { TeamLevel } from '../../core/team/tables';
import type { TeamView } from '../../core/team/team-view';
import type { StoreClient } from '../../core/store/client';
import type { Log } from '../log';

/** SecretStorage key of the team database URL (never a setting: settings sync and are read by other extensions). */
export const TEAM_URL_SECRET = 'aiLearning.team.url';
/** How often a push reads the whole local history rather than the last week. */
const FULL_PASS_MS = 24 * 3_600_000;
export const TEAM_COMMANDS = { setUrl: 'aiLearning.setTeamDatabaseUrl', pushNow: 'aiLearning.pushTeamFigures' } as const;

interface TeamSettings {
  enabled: boolean;
  member: string;
  level: TeamLevel;
  intervalMs: number;
}

function readTeamSettings(): TeamSettings {
  const c = vscode.workspace.getConfiguration('aiLearning.team');
  const minutes = c.get<number>('pushIntervalMinutes', 15);
  return {
    enabled: c.get<boolean>('enabled', false),
    member: c.get<string>('memberName', '').trim(),
    level: c.get<string>('level', 'aggregate') === 'metadata' ? 'metadata' : 'aggregate',
    intervalMs: Math.min(1440, Math.max(5, Number.isFinite(minutes) ? minutes : 15)) * 60_000,
  };
}

/**
 * Team figures (issue 16) inside VS Code: the two commands, a status bar item while pushing is on, a push
 * scheduler, and the Team tab's data. The pg client is loaded only when a push runs, never at activation.
 */
export class TeamSync implements vscode.Disposable {
  private scheduler: TeamScheduler | undefined;
  private report: TeamReport | undefined;
  private lastFullTs = 0;
  private readonly item = vscode.window.createStatusBarItem('aiLearning.team', vscode.StatusBarAlignment.Right, 99);
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly store: () => StoreClient | undefined,
    private readonly log: Log,
    private readonly onChange: () => void,
  ) {
    this.item.name = 'AI Learning Analytics: team';
    this.item.command = TEAM_COMMANDS.pushNow;
    this.disposables.push(
      vscode.commands.registerCommand(TEAM_COMMANDS.setUrl, () => this.askUrl()),
      vscode.commands.registerCommand(TEAM_COMMANDS.pushNow, () => this.pushNowCommand()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('aiLearning.team')) this.apply();
      }),
      context.secrets.onDidChange((e) => {
        if (e.key === TEAM_URL_SECRET) this.apply();
      }),
    );
    this.apply();
  }

  /** What the dashboard's Team tab shows; undefined while team figures are off. */
  view(): TeamView | undefined {
    if (!this.scheduler) return undefined;
    return { status: teamStatusText(this.scheduler.current), report: this.report };
  }

  /** Saves (or with '' removes) the URL in SecretStorage; the scheduler restarts through `secrets.onDidChange`. */
  async setUrl(url: string): Promise<void> {
    if (url === '') await this.context.secrets.delete(TEAM_URL_SECRET);
    else await this.context.secrets.store(TEAM_URL_SECRET, url);
  }

  dispose(): void {
    this.scheduler?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  /** Starts or stops the scheduler to match the settings (a new interval applies from the next push). */
  private apply(): void {
    this.scheduler?.dispose();
    this.scheduler = undefined;
    const s = readTeamSettings();
    if (!s.enabled) {
      this.item.hide();
      this.onChange();
      return;
    }
    this.scheduler = new TeamScheduler({ push: () => this.push(), onState: (st) => this.render(st), intervalMs: s.intervalMs });
    this.render(this.scheduler.current);
    this.scheduler.start();
  }

  private render(st: TeamState): void {
    const text = teamStatusText(st);
    this.item.text = st.kind === 'failed' ? '$(warning) Team' : st.kind === 'pushing' ? '$(sync~spin) Team' : '$(organization) Team';
    this.item.tooltip = `${text}\nClick to push now.`;
    this.item.show();
    if (st.kind === 'failed') this.log.warn(`team: ${text}`);
    this.onChange();
  }

  private async push(): Promise<PushResult> {
    const s = readTeamSettings();
    if (!MEMBER_NAME.test(s.member)) throw new Error('set aiLearning.team.memberName first');
    const url = await this.context.secrets.get(TEAM_URL_SECRET);
    if (!url) throw new Error(`no team database URL: run "AI Learning: Set Team Database URL"`);
    const store = this.store();
    if (!store) throw new Error('the local store is not open yet');
    // Loaded here, not at activation: pg and the adapter cost nothing until team figures are used.
    const { PgTeam } = await import('../../team/pg-team');
    const { readTeamReport } = await import('../../team/team-report');
    const team = await PgTeam.connect(url);
    try {
      await team.migrate();
      const id = { member: s.member, machine: machineKey(os.hostname(), this.context.globalStorageUri.fsPath), level: s.level };
      // The last week on most pushes; the whole history on the first push and then once a day (back-filled imports).
      const full = Date.now() - this.lastFullTs > FULL_PASS_MS;
      const result = await pushTeam(storeSource(store), team, id, { fromDay: full ? 0 : localDay(Date.now()) - 7 });
      if (full) this.lastFullTs = Date.now();
      this.report = await readTeamReport(team, s.member, 30);
      this.log.info(`team: pushed ${result.rows} rows in ${result.transactions} transactions (${result.ms} ms)${team.tls ? ' over TLS' : ''}`);
      return result;
    } finally {
      await team.close().catch(() => undefined);
    }
  }

  private async pushNowCommand(): Promise<void> {
    if (!this.scheduler) {
      void vscode.window.showInformationMessage('AI Learning Analytics: team figures are off (setting aiLearning.team.enabled).');
      return;
    }
    await this.scheduler.pushNow();
    const st = this.scheduler?.current;
    if (st) void vscode.window.showInformationMessage(`AI Learning Analytics: ${teamStatusText(st)}`);
  }

  private async askUrl(): Promise<void> {
    const value = await vscode.window.showInputBox({
      title: 'Team database URL',
      prompt: 'postgres://user:password@host:5432/db (kept in VS Code\'s secret storage; leave empty to remove it)',
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v === '' || /^postgres(ql)?:\/\//.test(v) ? undefined : 'The URL starts with postgres:// or postgresql://'),
    });
    if (value === undefined) return;
    await this.setUrl(value);
    void vscode.window.showInformationMessage(value === '' ? 'AI Learning Analytics: team database URL removed.' : 'AI Learning Analytics: team database URL saved in secret storage.');
  }
}
