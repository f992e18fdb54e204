import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { localDay } from '../../src/core/model/day';
import { assignArm } from '../../src/core/route/ab-test';
import { codeBlocks } from '../../src/core/route/chat-turn';
import { learningEvent } from '../../src/core/route/learning-events';
import { CONFIRM_COMMAND, type TurnMetadata } from '../../src/host/chat/turn';
import type { TestModelsApi } from './lm-provider/extension';
import { GOOD_ANSWER_PARTS } from './lm-provider/extension';
import { RETRY } from './chat-fixtures';
import { activeApi, waitFor } from './helpers';

/** A ChatResponseStream that records what the participant streamed, in order. */
class RecordingStream {
  readonly parts: { kind: string; value: string; args?: unknown[] }[] = [];
  markdown(v: string | vscode.MarkdownString): void {
    this.parts.push({ kind: 'markdown', value: typeof v === 'string' ? v : v.value });
  }
  progress(v: string): void {
    this.parts.push({ kind: 'progress', value: v });
  }
  button(c: vscode.Command): void {
    this.parts.push({ kind: 'button', value: c.command, ...(c.arguments ? { args: c.arguments } : {}) });
  }
  anchor(): void {}
  reference(): void {}
  filetree(): void {}
  push(): void {}
  get text(): string {
    return this.parts.filter((p) => p.kind === 'markdown').map((p) => p.value).join('');
  }
}

const GOOD_ANSWER = GOOD_ANSWER_PARTS.join('');

async function testModels(): Promise<TestModelsApi> {
  const ext = vscode.extensions.getExtension<TestModelsApi>('ala-test.ala-test-models');
  assert.ok(ext, 'the test models extension is not installed in this profile');
  const api = await ext.activate();
  assert.equal(api.registered, true, 'vscode.lm.registerLanguageModelChatProvider is missing');
  return api;
}

async function ask(prompt: string, stream = new RecordingStream(), model?: string): Promise<{ stream: RecordingStream; metadata: TurnMetadata }> {
  const api = await activeApi();
  const cts = new vscode.CancellationTokenSource();
  const result = await api.chat().participant.handle({ prompt, command: undefined, ...(model ? { model: { id: model } } : {}) }, stream, cts.token);
  return { stream, metadata: result.metadata as TurnMetadata };
}

/** Asks, and answers a large request's "Send"/"Don't send" the way its button does. */
async function askConfirming(prompt: string, go: boolean): Promise<{ stream: RecordingStream; metadata: TurnMetadata }> {
  const stream = new RecordingStream();
  const turn = ask(prompt, stream);
  const button = await waitFor('the "Send" button', () => stream.parts.find((p) => p.kind === 'button' && p.value === CONFIRM_COMMAND && (p.args?.[0] as { go: boolean }).go === go));
  await vscode.commands.executeCommand(CONFIRM_COMMAND, ...(button.args ?? []));
  return turn;
}

describe('chat: the @learn participant routes among real language models (real extension host)', () => {
  before(async function () {
    this.timeout(60_000);
    const api = await activeApi();
    assert.ok(await api.store(), 'the store did not open');
    await vscode.workspace.getConfiguration('aiLearning').update('chat.timeoutSeconds', 3, vscode.ConfigurationTarget.Global);
    // Only the three test models: a code-server that has started its built-in Copilot offers an 'auto' model too.
    await vscode.workspace.getConfiguration('aiLearning').update('chat.vendors', ['ala-test'], vscode.ConfigurationTarget.Global);
    // Never explore (5% of requests would try another model): the order below is then routing's alone.
    api.chat().participant.random = () => 0.99;
  });
  after(async () => {
    await vscode.workspace.getConfiguration('aiLearning').update('chat.timeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('aiLearning').update('chat.vendors', undefined, vscode.ConfigurationTarget.Global);
    await (await activeApi()).chat().participant.setPreferred('refactor', undefined);
  });

  it('is registered, and vscode.lm.selectChatModels returns the three test models', async () => {
    const api = await activeApi();
    assert.equal(api.chat().participant.registered, true);
    await testModels();
    const ids = (await vscode.lm.selectChatModels({ vendor: 'ala-test' })).map((m) => m.id).sort();
    assert.deepEqual(ids, ['ala-fail', 'ala-good', 'ala-slow']);
  });

  it('with nothing learned, falls back from the failing model (quota) to the good one, streams its answer and records the turn', async function () {
    this.timeout(60_000);
    const models = await testModels();
    const before = models.requests.length;
    const { stream, metadata } = await ask('refactor this function to be shorter');
    const tried = models.requests.slice(before).map((r) => r.model);
    // Cold start ranks the three unknown models alike (ties by id): ala-fail first.
    assert.deepEqual(tried, ['ala-fail', 'ala-good']);
    assert.match(stream.text, /^\*ALA fail: cold start for refactor/);
    assert.match(stream.text, /ALA fail is over its quota; trying ALA good\./);
    assert.ok(stream.text.endsWith(GOOD_ANSWER), 'the good model\'s answer is streamed last, whole');
    // Streamed in parts, not as one block at the end.
    assert.ok(stream.parts.filter((p) => GOOD_ANSWER_PARTS.includes(p.value)).length === GOOD_ANSWER_PARTS.length);
    assert.equal(stream.parts.at(-1)?.kind, 'button');
    assert.equal(metadata.model, 'ala-good');
    assert.equal(metadata.taskType, 'refactor');
    const store = (await (await activeApi()).store())!;
    const row = await waitFor('the interaction in the store', async () =>
      (await store.query('interactionsByIntent', { fromDay: localDay(Date.now()) - 1, toDay: localDay(Date.now()) + 1 })).find((r) => r.sourceTool === 'ai-learning' && r.intent === 'refactor'));
    assert.equal(row.ok, 1);
    const perf = await waitFor('ala-good in model performance', async () =>
      (await store.query('modelPerformance', {})).find((r) => r.model === 'ala-good' && r.taskType === 'refactor'));
    assert.equal(perf.n >= 0, true);
    const learning = await waitFor('the learning events', async () => {
      const n = (await store.query('eventCount', {})).byKind.learning ?? 0;
      return n >= 4 ? n : undefined; // route, fallback, estimate, outcome
    });
    assert.ok(learning >= 4);
  });

  it('the failing model loses its place: the store\'s routing state learns its failure and the fallback, the next request goes to the good model first', async function () {
    this.timeout(60_000);
    const api = await activeApi();
    const state = await waitFor('ala-fail\'s failure in the routing state', async () => {
      const s = await api.chat().routingState();
      return s.figures.some((f) => f.model === 'ala-fail' && f.taskType === 'refactor' && f.successN > 0) ? s : undefined;
    });
    const fail = state.figures.find((f) => f.model === 'ala-fail' && f.taskType === 'refactor')!;
    const good = state.figures.find((f) => f.model === 'ala-good' && f.taskType === 'refactor')!;
    assert.ok(fail.success < good.success, `ala-fail success ${fail.success} vs ala-good ${good.success}`);
    assert.deepEqual(fail.sources, { 'ai-learning': fail.successN });
    const learned = state.fallbacks.find((f) => f.failure === 'quota' && f.from === 'ala-fail' && f.to === 'ala-good');
    assert.ok(learned && learned.successes >= 1, `fallbacks: ${JSON.stringify(state.fallbacks)}`);
    const models = await testModels();
    const before = models.requests.length;
    const { stream } = await ask('refactor this class into two smaller ones');
    assert.deepEqual(models.requests.slice(before).map((r) => r.model), ['ala-good']);
    assert.match(stream.text, /^\*ALA good: /);
  });

  it('stops the slow model at the timeout and answers with the next one; the slow request is cancelled', async function () {
    this.timeout(60_000);
    const api = await activeApi();
    const models = await testModels();
    await api.chat().participant.setPreferred('refactor', 'ala-slow');
    const before = models.requests.length;
    const started = Date.now();
    const { stream, metadata } = await ask('refactor the parser into smaller functions');
    const mine = models.requests.slice(before);
    assert.equal(mine[0].model, 'ala-slow');
    assert.equal(mine[0].cancelled, true, 'the slow request was not cancelled');
    assert.match(stream.text, /^\*ALA slow: you chose it, for refactor/);
    assert.match(stream.text, /ALA slow did not answer in time; trying /);
    assert.equal(metadata.model, 'ala-good');
    assert.ok(Date.now() - started < 30_000, 'the timeout (3 s) did not stop the slow model');
  });

  it('a vote through the participant\'s feedback is recorded as feedback and a re-scored outcome', async function () {
    this.timeout(30_000);
    const api = await activeApi();
    const store = (await api.store())!;
    const { metadata } = await ask('explain what this regular expression matches');
    const before = (await store.query('eventCount', {})).byKind.feedback ?? 0;
    api.chat().participant.feedback(metadata, true);
    await waitFor('the vote in the store', async () => ((await store.query('eventCount', {})).byKind.feedback ?? 0) > before);
    // qualityScore: 5 + answered 1 + a code block offered, none inserted -0.5 + vote up 3 = 8.5, the first (so the
    // whole) quality of ala-good for explanations.
    const figure = await waitFor('the re-scored outcome in the routing state', async () =>
      (await api.chat().routingState()).figures.find((f) => f.model === 'ala-good' && f.taskType === 'explanation' && f.quality === 8.5));
    assert.equal(figure.n, 1);
  });

  it('puts a proven pattern into the prompt and shows the estimate before the request', async function () {
    this.timeout(60_000);
    const api = await activeApi();
    const patterns = await waitFor('the pattern library', () => api.patterns());
    await patterns.ready;
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ala-chat-')), 'retry.ts');
    writeFileSync(file, RETRY);
    await patterns.call('updateFile', { path: file, text: RETRY });
    await vscode.workspace.getConfiguration('aiLearning').update('chat.estimateAboveTokens', 0, vscode.ConfigurationTarget.Global);
    try {
      const models = await testModels();
      const before = models.requests.length;
      // Above the threshold (0): the estimate shows and the request waits for "Send".
      const { stream, metadata } = await askConfirming('write a function that retries an async operation with exponential backoff between attempts', true);
      const sent = models.requests.slice(before).find((r) => r.model === metadata.model)!;
      assert.match(sent.text, /Patterns from your own code that worked/);
      assert.match(sent.text, /### Pattern #1: retryWithBackoff/);
      assert.match(sent.text, /- \*\*Success Rate\*\*: not used yet/);
      // The test models have no price: the line gives tokens only.
      assert.match(stream.text, /\*This request: about \d+(\.\d)?k? tokens\.\*/);
    } finally {
      await vscode.workspace.getConfiguration('aiLearning').update('chat.estimateAboveTokens', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('"Start A/B Test" (patterns off vs on) assigns each request an arm, records it, and the arm decides the prompt', async function () {
    this.timeout(60_000);
    const api = await activeApi();
    const started = vscode.commands.executeCommand('aiLearning.startAbTest');
    await new Promise((r) => setTimeout(r, 1500));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await started;
    const test = await waitFor('the running test in the routing state', async () =>
      (await api.chat().routingState()).tests.find((t) => t.state === 'running' && t.kind === 'pattern_injection'));
    assert.deepEqual([test.control, test.treatment, test.ratio, test.minSamples], ['off', 'on', 0.5, 30]);
    const models = await testModels();
    const before = models.requests.length;
    const { metadata } = await ask('write a function that retries an async operation with exponential backoff between attempts');
    const sent = models.requests.slice(before).find((r) => r.model === metadata.model)!;
    const sample = await waitFor('the recorded assignment', async () =>
      (await api.chat().routingState()).tests.find((t) => t.id === test.id)?.samples[0]);
    assert.equal(/Patterns from your own code that worked/.test(sent.text), sample.arm === 'treatment', `arm ${sample.arm}`);
    assert.equal(typeof sample.quality, 'number');
  });

  it('the "Generate Learning Report" command opens the report as a Markdown document', async function () {
    this.timeout(30_000);
    await vscode.commands.executeCommand('aiLearning.generateLearningReport');
    const doc = await waitFor('the report document', () =>
      vscode.workspace.textDocuments.find((d) => d.languageId === 'markdown' && d.isUntitled && /learning/i.test(d.getText().slice(0, 200))));
    assert.match(doc.getText(), /^# /);
  });
  it('an "Insert at Cursor" of an answer\'s code block (one edit of its text) is captured as chat from @learn and linked to the answer', async function () {
    this.timeout(60_000);
    const api = await activeApi();
    const store = (await api.store())!;
    const capture = await waitFor('capture', () => api.capture());
    const { stream } = await ask('write a debounce helper for the search box');
    assert.ok(stream.text.endsWith(GOOD_ANSWER));
    const block = codeBlocks(GOOD_ANSWER)[0].replace(/\n$/, '');
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'the host tests need a workspace folder');
    const file = path.join(folder, 'chat-insert', 'debounce.ts');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '// helpers\n');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.file(file)));
    const since = Date.now();
    const learningBefore = (await store.query('eventCount', {})).byKind.learning ?? 0;
    // What VS Code's chat "Insert at Cursor" does: one edit inserting the block's text at the cursor.
    await vscode.env.clipboard.writeText('not the block');
    await editor.edit((e) => e.insert(new vscode.Position(1, 0), block));
    await new Promise((r) => setTimeout(r, 2_500)); // the clipboard look-up (at most CLIPBOARD_WAIT_MS)
    capture.flush();
    const chat = await waitFor('the chat insertion in the store', async () =>
      (await store.query('textChangesByLanguage', { sinceTs: since })).find((r) => r.label === 'chat' && r.language === 'typescript'));
    assert.equal(chat.charsAdded, block.length);
    // The outcome tracker linked it by the hash: the answer is re-scored (one more outcome learning event).
    await waitFor('the re-scored outcome', async () => ((await store.query('eventCount', {})).byKind.learning ?? 0) > learningBefore);
  });
  it('a large request that the user does not send is not sent; with asking off it goes at once', async function () {
    this.timeout(60_000);
    const config = vscode.workspace.getConfiguration('aiLearning');
    await config.update('chat.estimateAboveTokens', 0, vscode.ConfigurationTarget.Global);
    try {
      const models = await testModels();
      const before = models.requests.length;
      const { stream, metadata } = await askConfirming('explain what this regular expression matches', false);
      assert.equal(models.requests.length, before, 'a model was asked');
      assert.match(stream.text, /\*This request: about [^*]+\.\*[\s\S]*\*Not sent\.\*$/);
      assert.equal(metadata.model, undefined);
      await config.update('chat.confirmLargeRequests', false, vscode.ConfigurationTarget.Global);
      const { stream: direct } = await ask('explain what this regular expression matches');
      assert.ok(models.requests.length > before);
      assert.equal(direct.parts.some((p) => p.value === CONFIRM_COMMAND), false);
    } finally {
      await config.update('chat.estimateAboveTokens', undefined, vscode.ConfigurationTarget.Global);
      await config.update('chat.confirmLargeRequests', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('"Start A/B Test" of two prompts: the treatment arm\'s requests carry the typed instruction, the control\'s do not', async function () {
    this.timeout(60_000);
    const api = await activeApi();
    const store = (await api.store())!;
    for (const t of (await api.chat().routingState()).tests.filter((x) => x.state === 'running')) {
      store.append(learningEvent('ab_test', `ab_test:${t.id}:stop`, Date.now(), { op: 'stop', id: t.id }));
    }
    await waitFor('no running test', async () => !(await api.chat().routingState()).tests.some((t) => t.state === 'running') || undefined);
    const instruction = 'Answer with the code first, then at most three lines.';
    await vscode.commands.executeCommand('aiLearning.startAbTest', { kind: 'prompt_variant', instruction });
    const test = await waitFor('the prompt test', async () => (await api.chat().routingState()).tests.find((t) => t.state === 'running' && t.kind === 'prompt_variant'));
    assert.deepEqual([test.control, test.treatment], ['default', instruction]);
    const models = await testModels();
    const seen = new Set<boolean>();
    // Random request ids: 12 requests all in one arm has odds 2 in 4096.
    for (let i = 0; i < 12 && seen.size < 2; i++) {
      const before = models.requests.length;
      const { metadata } = await ask(`explain the difference between map and forEach, case ${i}`);
      const sent = models.requests.slice(before).find((r) => r.model === metadata.model)!;
      const arm = assignArm(test, metadata.requestId);
      assert.equal(sent.text.startsWith(`${instruction}\n\n`), arm === 'treatment', `arm ${arm}`);
      seen.add(arm === 'treatment');
    }
    assert.equal(seen.size, 2, 'both arms were seen');
    store.append(learningEvent('ab_test', `ab_test:${test.id}:stop`, Date.now(), { op: 'stop', id: test.id }));
  });

  it('aiLearning.chat.routing = default (an accepted routing test): the model selected in the chat answers, and says why', async function () {
    this.timeout(60_000);
    const config = vscode.workspace.getConfiguration('aiLearning');
    await config.update('chat.routing', 'default', vscode.ConfigurationTarget.Global);
    try {
      const models = await testModels();
      const before = models.requests.length;
      // ala-good has learned figures for explanations by now (and no model is picked for them); the selected model leads.
      const { stream, metadata } = await ask('explain what the tokenizer class does', undefined, 'ala-slow');
      assert.equal(metadata.taskType, 'explanation');
      assert.equal(models.requests[before].model, 'ala-slow');
      assert.match(stream.text, /^\*ALA slow: your default model \(routing: default\)/);
    } finally {
      await config.update('chat.routing', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
