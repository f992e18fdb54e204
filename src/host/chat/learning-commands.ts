import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { EventSink } from '../../core/model/sink';
import { decideTest } from '../../core/route/ab-test';
import { learningEvent } from '../../core/route/learning-events';
import { learningReport } from '../../core/route/learning-report';
import type { RoutingState } from '../../core/route/state';
import { instructionProblem, TEST_KINDS, winnerSetting, type TestKind } from '../../core/route/strategy';
import type { Log } from '../log';

export const LEARNING_COMMANDS = {
  report: 'aiLearning.generateLearningReport',
  startTest: 'aiLearning.startAbTest',
  acceptWinner: 'aiLearning.acceptAbTestWinner',
} as const;

export interface LearningCommandDeps {
  routingState(): Promise<RoutingState>;
  sink: EventSink;
  log: Log;
}

/** "Start A/B Test" without its pickers (a keybinding's or a test's arguments): the kind, and a prompt variant's text. */
export interface StartTestArgs { kind?: TestKind; instruction?: string }

/** "Generate Learning Report", "Start A/B Test", "Accept A/B Test Winner". */
export function registerLearningCommands(deps: LearningCommandDeps): vscode.Disposable[] {
  const guard = (what: string, fn: () => Promise<unknown>) => async (): Promise<void> => {
    try {
      await fn();
    } catch (error) {
      deps.log.error(`chat: ${what} failed`, error);
      void vscode.window.showErrorMessage(`AI Learning Analytics: ${what} failed. See the "AI Learning Analytics" output.`);
    }
  };
  return [
    vscode.commands.registerCommand(LEARNING_COMMANDS.report, guard('Generate Learning Report', () => openLearningReport(deps))),
    vscode.commands.registerCommand(LEARNING_COMMANDS.startTest, (args?: StartTestArgs) => guard('Start A/B Test', () => startTest(deps, args))()),
    vscode.commands.registerCommand(LEARNING_COMMANDS.acceptWinner, guard('Accept A/B Test Winner', () => acceptWinner(deps))),
  ];
}

/** The report as an untitled Markdown document, shown beside in the preview. Returns the document. */
export async function openLearningReport(deps: Pick<LearningCommandDeps, 'routingState'>): Promise<vscode.TextDocument> {
  const state = await deps.routingState();
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: learningReport(state, Date.now()) });
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('markdown.showPreviewToSide').then(undefined, () => undefined);
  return doc;
}

async function startTest(deps: LearningCommandDeps, args: StartTestArgs = {}): Promise<void> {
  const state = await deps.routingState();
  const running = state.tests.find((t) => t.state === 'running');
  if (running) {
    void vscode.window.showInformationMessage(`An A/B test is running already: ${running.name}. Stop or decide it first.`);
    return;
  }
  const given = TEST_KINDS.findIndex((k) => k.kind === args.kind);
  const index = given >= 0 ? given
    : (await vscode.window.showQuickPick(TEST_KINDS.map((k, i) => ({ label: k.label, description: k.detail, i })), { title: 'Start an A/B test of @learn\'s strategy' }))?.i;
  if (index === undefined) return;
  const pick = TEST_KINDS[index];
  let treatment: string = pick.treatment;
  if (pick.kind === 'prompt_variant') {
    const typed = args.instruction ?? await vscode.window.showInputBox({
      title: 'The treatment\'s instruction (the control sends your request as it is)', prompt: 'Put before each request of the treatment arm',
      placeHolder: 'e.g. Answer with the code first, then at most three lines of explanation.', validateInput: (v) => instructionProblem(v),
    });
    if (typed === undefined) return;
    const problem = instructionProblem(typed);
    if (problem) {
      void vscode.window.showWarningMessage(`A/B test not started: ${problem}`);
      return;
    }
    treatment = typed.trim();
  }
  const id = `ab-${randomBytes(4).toString('hex')}`;
  deps.sink.append(learningEvent('ab_test', `ab_test:${id}:create`, Date.now(), {
    op: 'create', id, name: pick.label, kind: pick.kind, control: pick.control, treatment, ratio: 0.5, minSamples: 30, seed: id,
  }));
  void vscode.window.showInformationMessage(`A/B test started: ${pick.label}. Half of your @learn requests get each arm; it is decided once both have 30 rated answers.`);
}

/**
 * Decides the running tests from their recorded samples (Welch's t-test, p < 0.05) and asks the user whether the
 * winner becomes the default: never automatic. An accepted winner becomes its setting (`winnerSetting`):
 * `aiLearning.chat.injectPatterns`, `aiLearning.chat.routing` or `aiLearning.chat.instruction`.
 */
async function acceptWinner(deps: LearningCommandDeps): Promise<void> {
  const state = await deps.routingState();
  const now = Date.now();
  for (const t of state.tests.filter((x) => x.state === 'running')) {
    const d = decideTest(t, t.samples);
    if (d.decided && d.pValue !== undefined) {
      deps.sink.append(learningEvent('ab_test', `ab_test:${t.id}:decide`, now, { op: 'decide', id: t.id, pValue: d.pValue, ...(d.winner ? { winner: d.winner } : {}) }));
      Object.assign(t, { state: 'decided', pValue: d.pValue, winner: d.winner });
    }
  }
  const decided = state.tests.filter((t) => t.state === 'decided' && t.winner);
  if (decided.length === 0) {
    void vscode.window.showInformationMessage('No A/B test has a significant winner yet (see "Generate Learning Report").');
    return;
  }
  for (const t of decided) {
    const value = t.winner === 'control' ? t.control : t.treatment;
    const answer = await vscode.window.showInformationMessage(
      `A/B test "${t.name}": ${t.winner} (${value}) wins at p = ${(t.pValue ?? 0).toFixed(4)}. Make it the default?`, { modal: true }, 'Make Default');
    if (answer !== 'Make Default') continue;
    deps.sink.append(learningEvent('ab_test', `ab_test:${t.id}:accept`, Date.now(), { op: 'accept', id: t.id }));
    const setting = winnerSetting(t, t.winner!);
    if (setting) await vscode.workspace.getConfiguration('aiLearning').update(setting.key, setting.value, vscode.ConfigurationTarget.Global);
  }
}
