import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { EventSink } from '../../core/model/sink';
import { injectPatterns } from '../../core/patterns/inject';
import type { LibrarySearch } from '../../core/patterns/library';
import type { SearchArgs, SearchHitDto } from '../../core/patterns/protocol';
import { compatibleLanguages, SUPPORTED_LANGUAGES } from '../../core/patterns/files';
import { assignArm } from '../../core/route/ab-test';
import type { AnswerOutcomes } from '../../core/route/answer-outcomes';
import { describeEstimate, estimateTokens } from '../../core/route/calibration';
import { CONFIRM_TIMEOUT_MS, needsConfirmation, type Confirmations } from '../../core/route/confirm';
import { blockHashes, codeBlocks, promptText, turnEvents, type FinishedTurn } from '../../core/route/chat-turn';
import type { Attempt } from '../../core/route/record';
import { nextFallback } from '../../core/route/fallback';
import { routeRequest, type CandidateModel, type RankedModel } from '../../core/route/router';
import type { AbTestState, RoutingState } from '../../core/route/state';
import { strategyFor, type Strategy } from '../../core/route/strategy';
import { profileTask, type TaskProfile } from '../../core/route/task-profile';
import type { Log } from '../log';
import { sendOnce } from './send';
import { readChatSettings, routableModels, type ChatSettings } from './settings';
import { readPatternSettings } from '../patterns/settings';

/** What a turn needs from the rest of the extension. */
export interface TurnDeps {
  routingState(): Promise<RoutingState>;
  sink: EventSink;
  searchPatterns(args: SearchArgs): Promise<SearchHitDto[]>;
  /** The model the user picked for this task type ("Use another model"), if any. */
  preferred(taskType: string): string | undefined;
  outcomes: AnswerOutcomes;
  /** An answer with code blocks (their insertion hashes): capture then knows their "Insert"/"Apply" as chat. */
  answeredWithCode?(hashes: readonly string[]): void;
  /** Large requests wait here for "Send" (`CONFIRM_COMMAND`); absent: nothing asks. */
  confirmations?: Confirmations;
  log: Log;
  random?: () => number;
}

/** The parts of a chat request a turn reads (a real `vscode.ChatRequest`, or the host tests' own). */
export interface TurnRequest {
  prompt: string;
  /** The model selected in the chat's model picker (the user's default). */
  model?: { id: string };
}

/** What the turn returns as `ChatResult.metadata` (VS Code gives it back with the vote and the followups). */
export interface TurnMetadata {
  requestId: string;
  taskType: string;
  model?: string;
  prompt: string;
}

const candidate = (m: vscode.LanguageModelChat): CandidateModel =>
  ({ id: m.id, name: m.name, vendor: m.vendor, family: m.family, maxInputTokens: m.maxInputTokens });

/** The A/B test running now (the oldest), and which arm this request is in. */
function abArm(state: RoutingState, requestId: string): { test: AbTestState; arm: 'control' | 'treatment'; value: string } | undefined {
  const test = state.tests.filter((t) => t.state === 'running').sort((a, b) => a.startTs - b.startTs)[0];
  if (!test) return undefined;
  const arm = assignArm(test, requestId);
  return { test, arm, value: arm === 'control' ? test.control : test.treatment };
}

interface Plan extends Strategy {
  ab?: { testId: string; arm: 'control' | 'treatment' };
}

/** The strategy of this request: the settings, unless an A/B test assigns it (pattern injection, routing, prompt). */
function plan(task: TaskProfile, state: RoutingState, requestId: string, req: TurnRequest, deps: TurnDeps, s: ChatSettings): Plan {
  const ab = abArm(state, requestId);
  const p: Plan = strategyFor(s, ab && { kind: ab.test.kind, value: ab.value }, deps.preferred(task.taskType), req.model?.id);
  if (ab) p.ab = { testId: ab.test.id, arm: ab.arm };
  return p;
}

/**
 * One `@learn` request: profile it, rank the user's models by what worked for this task type, say which and why,
 * put the proven patterns into the prompt, show the estimate of a large request, stream the answer, fall back on
 * failure, and record the turn (an `ai_interaction` of source `ai-learning` and the `learning` events).
 */
export async function runTurn(req: TurnRequest, stream: vscode.ChatResponseStream, token: vscode.CancellationToken, deps: TurnDeps): Promise<vscode.ChatResult> {
  const requestId = randomUUID();
  const ts = Date.now();
  const s = readChatSettings();
  const editor = vscode.window.activeTextEditor;
  const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
  const language = editor?.document.languageId;
  const task = profileTask(req.prompt, { ...(language ? { language } : {}), selectionChars: selected.length });
  const [models, state] = await Promise.all([routableModels(), deps.routingState()]);
  if (models.length === 0) {
    stream.markdown('No language model is available in this VS Code (sign in to Copilot, or add a bring-your-own-key or local provider), so there is nothing to route to.');
    return { metadata: { requestId, taskType: task.taskType, prompt: req.prompt } satisfies TurnMetadata };
  }
  const p = plan(task, state, requestId, req, deps, s);
  // The model selected in the chat leads the cold start (router.ts): with nothing learned, @learn does what the user would.
  const decision = routeRequest(task, models.map(candidate), state, { random: deps.random ?? Math.random,
    ...(p.preferred ? { preferred: p.preferred, ...(p.preferredWhy ? { preferredWhy: p.preferredWhy } : {}) } : {}), ...(req.model ? { defaultModel: req.model.id } : {}) });
  stream.markdown(`*${decision.reason}*\n\n`);
  const patterns = p.inject ? await patternsFor(req.prompt, language, deps) : { markdown: '', ids: [] };
  const text = promptText(p.instruction ? `${p.instruction}\n\n${req.prompt}` : req.prompt, selected ? { text: selected, ...(language ? { language } : {}) } : undefined, patterns.markdown);
  const messages = [vscode.LanguageModelChatMessage.User(text)];
  const byId = new Map(models.map((m) => [m.id, m]));
  const attempts: Attempt[] = [];
  let current: RankedModel | undefined = decision.chosen;
  let answer = '';
  let measured: Pick<FinishedTurn, 'estimate' | 'tokensIn' | 'tokensOut' | 'costUsd' | 'firstTokenMs'> = {};
  while (current) {
    const model = byId.get(current.model.id)!;
    const inputTokens = await model.countTokens(text, token).then((n) => n, () => Math.ceil(text.length / 4));
    const est = estimateTokens(task, inputTokens, state, model.id);
    if (attempts.length === 0 && est.input + est.output >= s.estimateAboveTokens) {
      stream.markdown(`*This request: ${describeEstimate(est)}.*\n\n`);
      if (!(await confirmed(requestId, est.input + est.output, describeEstimate(est), s, stream, token, deps))) {
        stream.markdown('*Not sent.*');
        return { metadata: { requestId, taskType: task.taskType, prompt: req.prompt } satisfies TurnMetadata };
      }
    }
    const r = await sendOnce(model, messages, s.timeoutMs, token, (part) => stream.markdown(part));
    const actualOutput = r.text ? await model.countTokens(r.text, token).then((n) => n, () => undefined) : 0;
    measured = { estimate: est, tokensIn: inputTokens, ...(actualOutput !== undefined ? { tokensOut: actualOutput } : {}),
      ...(est.costUsd !== undefined ? { costUsd: est.costUsd } : {}), ...(r.firstTokenMs !== undefined ? { firstTokenMs: Math.round(r.firstTokenMs) } : {}) };
    attempts.push({ model: model.id, elapsedMs: Math.round(r.elapsedMs), ...(r.failure ? { failure: r.failure } : {}) });
    if (!r.failure) {
      answer = r.text;
      break;
    }
    if (r.error) deps.log.warn(`chat: ${model.id} failed (${r.failure}): ${r.error instanceof Error ? r.error.message : typeof r.error === 'string' ? r.error : 'no message'}`);
    current = nextFallback(decision, attempts.map((a) => a.model), r.failure, state);
    stream.markdown(current
      ? `\n\n*${model.name} ${failureWords(r.failure)}; trying ${current.model.name ?? current.model.id}.*\n\n`
      : `\n\n*${model.name} ${failureWords(r.failure)}${r.failure === 'cancelled' ? '.' : '; no other model is left to try.'}*`);
  }
  const blocks = codeBlocks(answer);
  const turn: FinishedTurn = {
    requestId, ts, task, decision, attempts, promptChars: text.length, responseChars: answer.length, codeBlocks: blocks.length,
    ...measured, ...(p.ab ? { ab: [p.ab] } : {}), ...(patterns.ids.length ? { patternIds: patterns.ids } : {}),
  };
  record(turn, req.prompt, blocks, deps);
  const answeredBy = attempts.find((a) => !a.failure)?.model;
  if (answeredBy) {
    stream.button({ command: PICK_MODEL_COMMAND, title: 'Use another model for this kind of request', arguments: [{ taskType: task.taskType, prompt: req.prompt }] });
  }
  return { metadata: { requestId, taskType: task.taskType, prompt: req.prompt, ...(answeredBy ? { model: answeredBy } : {}) } satisfies TurnMetadata };
}

/** The command behind "Send"/"Don't send" of a large request: `{ requestId, go }` (registered by the participant). */
export const CONFIRM_COMMAND = 'aiLearning.chat.confirmRequest';

/** A large request waits for the user's "Send" (see confirm.ts); a small one, or with asking off, goes at once. */
async function confirmed(requestId: string, tokens: number, estimate: string, s: ChatSettings, stream: vscode.ChatResponseStream,
  token: vscode.CancellationToken, deps: TurnDeps): Promise<boolean> {
  if (!deps.confirmations || !needsConfirmation(tokens, s.estimateAboveTokens, s.confirmLarge)) return true;
  stream.markdown(`This is above your \`aiLearning.chat.estimateAboveTokens\` (${s.estimateAboveTokens}): send it?\n\n`);
  stream.button({ command: CONFIRM_COMMAND, title: `Send (${estimate})`, arguments: [{ requestId, go: true }] });
  stream.button({ command: CONFIRM_COMMAND, title: 'Don\'t send', arguments: [{ requestId, go: false }] });
  let sub: vscode.Disposable | undefined;
  try {
    return await deps.confirmations.wait(requestId, CONFIRM_TIMEOUT_MS, (end) => {
      sub = token.onCancellationRequested(end);
      if (token.isCancellationRequested) end();
    });
  } finally {
    sub?.dispose();
  }
}

/** The command behind the "Use another model" button (registered by the participant). */
export const PICK_MODEL_COMMAND = 'aiLearning.chat.pickModel';

function record(turn: FinishedTurn, prompt: string, blocks: string[], deps: TurnDeps): void {
  const events = turnEvents(turn);
  const answeredBy = turn.attempts.find((a) => !a.failure)?.model;
  if (answeredBy) {
    const hashes = blocks.flatMap(blockHashes);
    if (hashes.length) deps.answeredWithCode?.(hashes);
    events.push(...deps.outcomes.answered({
      requestId: turn.requestId, taskType: turn.task.taskType, model: answeredBy, prompt, ts: turn.ts,
      blockHashes: hashes, signals: { completed: true, codeBlocks: blocks.length },
      ...(turn.costUsd !== undefined ? { costUsd: turn.costUsd } : {}), ...(turn.patternIds ? { patternIds: turn.patternIds } : {}),
    }));
  }
  if (deps.sink.appendMany) deps.sink.appendMany(events);
  else for (const e of events) deps.sink.append(e);
}

/** Seed 002's injector over the library: at most 3, over the relevance threshold, >= 70% kept once used. */
async function patternsFor(prompt: string, language: string | undefined, deps: TurnDeps): Promise<{ markdown: string; ids: string[] }> {
  const languages = language && SUPPORTED_LANGUAGES.includes(language) ? compatibleLanguages(language) : undefined;
  const search = (query: string, o: LibrarySearch): Promise<SearchHitDto[]> => deps.searchPatterns({
    query, k: o.k, ...(o.languages ? { languages: [...o.languages] } : {}),
    ...(o.minRelevance !== undefined ? { minRelevance: o.minRelevance } : {}), ...(o.minSuccessRate !== undefined ? { minSuccessRate: o.minSuccessRate } : {}),
  });
  const ps = readPatternSettings();
  try {
    const injection = await injectPatterns(search, prompt, deps.sink, { minRelevance: ps.minRelevance, minSuccessRate: ps.minSuccessRate, ...(languages ? { languages } : {}) });
    return { markdown: injection.markdown, ids: injection.patternIds };
  } catch (error) {
    deps.log.warn(`chat: no patterns in the prompt (${error instanceof Error ? error.message : String(error)})`);
    return { markdown: '', ids: [] };
  }
}

function failureWords(f: string): string {
  switch (f) {
    case 'timeout': return 'did not answer in time';
    case 'quota': return 'is over its quota';
    case 'refusal': return 'refused';
    case 'cancelled': return 'was cancelled';
    default: return 'failed';
  }
}
