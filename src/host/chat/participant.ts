import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { FeedbackEvent } from '../../core/model/events';
import { OWN_SOURCE_TOOL } from '../../core/route/learning-events';
import { routeRequest } from '../../core/route/router';
import { profileTask } from '../../core/route/task-profile';
import { Confirmations } from '../../core/route/confirm';
import { CONFIRM_COMMAND, PICK_MODEL_COMMAND, runTurn, type TurnDeps, type TurnMetadata } from './turn';
import { routableModels } from './settings';

/** The id in `contributes.chatParticipants`. */
export const PARTICIPANT_ID = 'aiLearning.learn';
const PREFERRED_KEY = 'aiLearning.chat.preferredModels';

export interface ParticipantDeps extends Omit<TurnDeps, 'preferred'> {
  memento: vscode.Memento;
}

/** The participant's handler and the user's model picks, for the host tests and the commands. */
export interface Participant extends vscode.Disposable {
  /** Whether `vscode.chat.createChatParticipant` took it (VS Code 1.90 or newer). */
  readonly registered: boolean;
  handle(req: Pick<vscode.ChatRequest, 'prompt' | 'command'> & { model?: { id: string } }, stream: vscode.ChatResponseStream, token: vscode.CancellationToken): Promise<vscode.ChatResult>;
  /** A vote as the chat reports it. */
  feedback(metadata: TurnMetadata, helpful: boolean): void;
  preferred(taskType: string): string | undefined;
  setPreferred(taskType: string, modelId: string | undefined): Promise<void>;
  /** Routing's source of chance (exploration); the host tests fix it. */
  random: () => number;
}

/**
 * `@learn`: routes each request among the user's models (see `runTurn`), records it and its outcome. Feature-detected
 * (the chat API is final since 1.90; engines ^1.93 has it, but a host without chat still activates).
 */
export function createParticipant(deps: ParticipantDeps): Participant {
  const subs: vscode.Disposable[] = [];
  const preferredMap = (): Record<string, string> => deps.memento.get<Record<string, string>>(PREFERRED_KEY, {});
  const confirmations = new Confirmations();
  const turnDeps: TurnDeps = { ...deps, preferred: (t) => preferredMap()[t], random: () => self.random(), confirmations };
  let registered = false;
  const self: Participant = {
    get registered() {
      return registered;
    },
    handle: (req, stream, token) => (req.command === 'models' ? rankOnly(req.prompt, stream, turnDeps) : runTurn(req, stream, token, turnDeps)),
    feedback(metadata, helpful) {
      const vote = helpful ? 1 : -1;
      const ts = Date.now();
      const fb: FeedbackEvent = {
        kind: 'feedback', ts, id: `chat-vote:${metadata.requestId}:${vote}`, rating: helpful ? 5 : 1, tags: ['chat-vote'],
        sourceTool: OWN_SOURCE_TOOL, interactionId: metadata.requestId,
      };
      deps.sink.append(fb);
      for (const e of deps.outcomes.vote(metadata.requestId, vote, ts)) deps.sink.append(e);
    },
    preferred: (t) => preferredMap()[t],
    random: Math.random,
    async setPreferred(taskType, modelId) {
      const next = { ...preferredMap() };
      if (modelId) next[taskType] = modelId;
      else delete next[taskType];
      await deps.memento.update(PREFERRED_KEY, next);
    },
    dispose: () => {
      for (const s of subs.reverse()) s.dispose();
    },
  };
  subs.push(vscode.commands.registerCommand(PICK_MODEL_COMMAND, (arg?: { taskType?: string; prompt?: string }) => pickModel(self, arg ?? {})));
  subs.push(vscode.commands.registerCommand(CONFIRM_COMMAND, (arg?: { requestId?: string; go?: boolean }) => {
    if (!arg?.requestId || confirmations.answer(arg.requestId, arg.go === true)) return;
    void vscode.window.showInformationMessage('That request was answered already, or waited too long and was not sent; ask again.');
  }));
  const chat = (vscode as unknown as { chat?: Partial<typeof vscode.chat> }).chat;
  if (!chat?.createChatParticipant) {
    deps.log.info('chat: this VS Code has no chat participant API (1.90 or newer); @learn is not offered');
    return self;
  }
  const participant = chat.createChatParticipant(PARTICIPANT_ID, (request, _context, stream, token) => self.handle(request, stream, token));
  participant.iconPath = new vscode.ThemeIcon('graph');
  subs.push(participant, participant.onDidReceiveFeedback((f) => {
    const m = f.result.metadata as Partial<TurnMetadata> | undefined;
    if (m?.requestId && m.taskType) self.feedback(m as TurnMetadata, f.kind === vscode.ChatResultFeedbackKind.Helpful);
  }));
  registered = true;
  return self;
}

/** `/models`: the ranking for this request, without sending it anywhere. */
async function rankOnly(prompt: string, stream: vscode.ChatResponseStream, deps: TurnDeps): Promise<vscode.ChatResult> {
  const language = vscode.window.activeTextEditor?.document.languageId;
  const task = profileTask(prompt, language ? { language } : {});
  const [models, state] = await Promise.all([routableModels(), deps.routingState()]);
  if (models.length === 0) {
    stream.markdown('No language model is available in this VS Code.');
    return {};
  }
  const d = routeRequest(task, models.map((m) => ({ id: m.id, name: m.name, vendor: m.vendor, family: m.family })), state, { random: () => 1 });
  stream.markdown([`Ranking for **${task.taskType}** (${task.complexity} complexity${task.language ? `, ${task.language}` : ''}):`, '',
    '| model | score | confidence | rated requests | basis |', '|---|---|---|---|---|',
    ...d.ranked.map((r) => `| ${r.model.name ?? r.model.id} | ${r.score.toFixed(2)} | ${r.confidence.toFixed(2)} | ${r.n} | ${r.basis} |`),
    '', `*${d.reason}*`].join('\n'));
  return { metadata: { requestId: randomUUID(), taskType: task.taskType, prompt } satisfies TurnMetadata };
}

/** "Use another model": the user's pick for this task type is remembered and the request asked again. */
async function pickModel(p: Participant, arg: { taskType?: string; prompt?: string }): Promise<void> {
  const taskType = arg.taskType ?? 'other';
  const models = await routableModels();
  const current = p.preferred(taskType);
  const items: (vscode.QuickPickItem & { id?: string })[] = [
    { label: 'Let @learn choose', description: 'by what worked for this kind of request' },
    ...models.map((m) => ({ label: m.name, description: `${m.vendor} · ${m.family}${m.id === current ? ' · your pick' : ''}`, id: m.id })),
  ];
  const pick = await vscode.window.showQuickPick(items, { title: `Model for ${taskType.replace('_', ' ')} requests` });
  if (!pick) return;
  await p.setPreferred(taskType, pick.id);
  if (arg.prompt) await vscode.commands.executeCommand('workbench.action.chat.open', { query: `@learn ${arg.prompt}` });
}
