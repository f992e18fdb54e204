import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { EventSink } from '../../core/model/sink';
import { decideTest } from '../../core/route/ab-test';
import { learningEvent } from '../../core/route/learning-events';
import { learningReport } from '../../core/route/learning-report';
import type { AbTestState, RoutingState } from '../../core/route/state';
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

/** The A/B tests the participant can run (seed 004): what each arm does. */
const TEST_KINDS: { kind: AbTestState['kind']; label: string; control: string; treatment: string; detail: string }[] = [
  { kind: 'pattern_injection', label: 'Patterns in the prompt: off vs on', control: 'off', treatment: 'on', detail: 'Does putting your proven patterns into the prompt give better answers per dollar?' },
  { kind: 'routing', label: 'Learned routing vs your default model', control: 'default', treatment: 'learned', detail: 'Does @learn\'s choice beat the model selected in the chat?' },
];

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
    vscode.commands.registerCommand(LEARNING_COMMANDS.startTest, guard('Start A/B Test', () => startTest(deps))),
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

async function startTest(deps: LearningCommandDeps): Promise<void> {
  const state = await deps.routingState();
  const running = state.tests.find((t) => t.state === 'running');
  if (running) {
    void vscode.window.showInformationMessage(`An A/B test is running already: ${running.name}. Stop or decide it first.`);
    return;
  }
  const picked = await vscode.window.showQuickPick(TEST_KINDS.map((k, i) => ({ label: k.label, description: k.detail, i })), { title: 'Start an A/B test of @learn\'s strategy' });
  if (!picked) return;
  const pick = TEST_KINDS[picked.i];
  const id = `ab-${randomBytes(4).toString('hex')}`;
  deps.sink.append(learningEvent('ab_test', `ab_test:${id}:create`, Date.now(), {
    op: 'create', id, name: pick.label, kind: pick.kind, control: pick.control, treatment: pick.treatment, ratio: 0.5, minSamples: 30, seed: id,
  }));
  void vscode.window.showInformationMessage(`A/B test started: ${pick.label}. Half of your @learn requests get each arm; it is decided once both have 30 rated answers.`);
}

/**
 * Decides the running tests from their recorded samples (Welch's t-test, p < 0.05) and asks the user whether the
 * winner becomes the default: never automatic. A decided, accepted pattern-injection test sets
 * `aiLearning.chat.injectPatterns` to the winner.
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
    if (t.kind === 'pattern_injection') await vscode.workspace.getConfiguration('aiLearning').update('chat.injectPatterns', value === 'on', vscode.ConfigurationTarget.Global);
  }
}
