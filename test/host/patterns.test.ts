import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { RecordedEvent } from '../../src/core/model/events';
import type { SearchHitDto } from '../../src/core/patterns/protocol';
import type { PatternRecord } from '../../src/core/patterns/types';
import type { GitExtension } from '../../src/host/capture/git-api';
import { startCapture, type CaptureHandle } from '../../src/host/capture/start';
import { PATTERN_COMMANDS, type PatternCommandIds } from '../../src/host/patterns/actions';
import { bodyOf, scanAnchors } from '../../src/core/patterns/anchors';
import { PatternLensProvider, type InsertArgs } from '../../src/host/patterns/lens-provider';
import { readPatternSettings } from '../../src/host/patterns/settings';
import { startPatterns, type PatternsHandle } from '../../src/host/patterns/start';
import { EXTENSION_ID, activeApi, initGitRepo, waitFor } from './helpers';
import { RETRY } from './chat-fixtures';

/** Our handlers under ids of this test, so they never clash with the extension's own registrations. */
const IDS = Object.fromEntries(Object.entries(PATTERN_COMMANDS).map(([k, v]) => [k, `${v}.hostTest`])) as PatternCommandIds;

const LIB_DISTANCE = `/** Levenshtein edit distance between two strings. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = a[i - 1] === b[j - 1] ? previous : 1 + Math.min(previous, row[j], row[j - 1]);
      previous = current;
    }
  }
  return row[b.length];
}
`;
const VAULT = `export class Vault {
  readonly #keys = new Map<string, string>();

  #decrypt(name: string, fallback: string): string {
    const key = this.#keys.get(name);
    if (key === undefined) return fallback;
    if (key.length === 0) throw new Error('empty key');
    return key.split('').reverse().join('');
  }
}
`;
const USE = `/** Fetches a URL, retrying failed attempts with a growing delay. */
export async function fetchWithRetry(url: string, attempts = 3): Promise<string> {
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      const res = await fetch(url);
      if (res.ok) return await res.text();
      lastError = new Error(String(res.status));
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}
`;
const TODO = `export async function loadProfile(id: string): Promise<unknown> {
  const url = '/profiles/' + id;
  // TODO: retry the operation with exponential backoff delay between attempts
  return JSON.parse(await fetch(url).then((r) => r.text()));
}
`;
const EMPTY = `/** Levenshtein edit distance between two strings. */
export function stringDistance(a: string, b: string): number {}
`;

const COMMITTED = `/** Groups items by a key, keeping their order. */
export function groupCommitted<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k) ?? [];
    list.push(item);
    groups.set(k, list);
  }
  return groups;
}
`;

describe('patterns (real extension host)', function () {
  this.timeout(90_000);
  const events: RecordedEvent[] = [];
  let patterns: PatternsHandle;
  let capture: CaptureHandle;
  let root: string;
  const log = { trace() {}, info() {}, warn: console.warn, error: console.error };

  const of = <K extends RecordedEvent['kind']>(kind: K): Array<Extract<RecordedEvent, { kind: K }>> =>
    events.filter((e): e is Extract<RecordedEvent, { kind: K }> => e.kind === kind);

  function writeSource(name: string, content: string): string {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    return file;
  }

  async function open(name: string, content: string): Promise<vscode.TextEditor> {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(writeSource(name, content)));
    return vscode.window.showTextDocument(doc);
  }

  /** The resolved pattern lenses of a document (resolving all of them). */
  async function lensesOf(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100);
    return all.filter((l) => l.command?.command === IDS.insertPattern || /similar pattern/.test(l.command?.title ?? ''));
  }

  /** Waits for the insertion preview (the diff) and presses its Insert. */
  async function acceptPreview(): Promise<void> {
    await waitFor('the insertion preview', () => patterns.preview.open || undefined, 30_000);
    await vscode.commands.executeCommand(IDS.acceptPatternInsertion);
  }

  before(async () => {
    await activeApi();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'the host tests need a workspace folder');
    root = path.join(folder, 'patterns-host');
    writeSource('lib/retry.ts', RETRY);
    writeSource('lib/distance.ts', LIB_DISTANCE);
    const sink = { append: (e: RecordedEvent) => events.push(e) };
    capture = startCapture({ sink, log });
    patterns = startPatterns({
      extensionPath: vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath,
      storageDir: mkdtempSync(path.join(os.tmpdir(), 'ala-patterns-')),
      sink, log, capture, queryPatterns: () => Promise.resolve([]), ids: { commands: IDS, view: null, previewScheme: 'ai-learning-preview-host-test' },
    });
    await patterns.ready;
  });

  after(async () => {
    patterns.dispose();
    capture.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('"Build Pattern Library" extracts the workspace files and records pattern events', async () => {
    const res = await patterns.build();
    assert.equal(res.cancelled, false);
    assert.ok(res.added >= 2, `added ${res.added}`);
    const names = of('pattern').filter((e) => e.op === 'upsert').map((e) => e.name);
    assert.ok(names.includes('retryWithBackoff') && names.includes('editDistance'), names.join(', '));
    const retry = of('pattern').find((e) => e.name === 'retryWithBackoff')!;
    assert.equal(retry.sourcePath, path.join(root, 'lib/retry.ts'));
    assert.ok((retry.complexity ?? 0) > 3);
  });

  it('a saved file is extracted (debounced) and its patterns appear in the tree by language and framework', async () => {
    const editor = await open('src/use.ts', USE);
    await editor.edit((e) => e.insert(new vscode.Position(editor.document.lineCount - 1, 0), '\n'));
    await editor.document.save();
    await waitFor('fetchWithRetry extracted on save', () => of('pattern').find((e) => e.name === 'fetchWithRetry' && e.op === 'upsert'));
    patterns.tree.refresh();
    const langs = await patterns.tree.getChildren();
    const ts = langs.find((n) => n.kind === 'language' && n.language === 'typescript');
    assert.ok(ts && ts.kind === 'language' && ts.patterns.length >= 3);
    assert.match(String(patterns.tree.getTreeItem(ts).description), /^\d+$/);
    const leaves = (await Promise.all((await patterns.tree.getChildren(ts)).map((f) => patterns.tree.getChildren(f)))).flat();
    assert.ok(leaves.some((l) => l.kind === 'pattern' && l.pattern.name === 'fetchWithRetry'));
  });

  it('a function gets a lens "N similar patterns" after resolve, never offering the function itself', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(root, 'src/use.ts')));
    const editor = await vscode.window.showTextDocument(doc);
    const lenses = await waitFor('a resolved pattern lens', async () => {
      const found = await lensesOf(editor.document);
      return found.find((l) => l.range.start.line === 1 && l.command?.command === IDS.insertPattern) ? found : undefined;
    });
    const lens = lenses.find((l) => l.range.start.line === 1)!;
    assert.match(lens.command!.title, /^\d+ similar patterns? · (best kept \d+%|not used yet)$/);
    assert.match(lens.command!.tooltip ?? '', /at least 70% of those insertions were kept/);
    const args = lens.command!.arguments![0] as InsertArgs;
    assert.ok(args.hits.some((h) => h.pattern.name === 'retryWithBackoff'), args.hits.map((h) => h.pattern.name).join(', '));
    assert.ok(!args.hits.some((h) => h.pattern.name === 'fetchWithRetry'), 'the function itself was offered');
  });

  it('choosing from the lens QuickPick inserts after the TODO, tagged for capture, and records usage and survival', async () => {
    const editor = await open('src/todo.ts', TODO);
    const lens = await waitFor('a TODO lens', async () => (await lensesOf(editor.document)).find((l) => l.range.start.line === 2 && l.command?.command === IDS.insertPattern));
    const args = lens.command!.arguments![0] as InsertArgs;
    assert.equal(args.anchor.kind, 'todo');
    assert.equal(args.hits[0].pattern.name, 'retryWithBackoff');
    const picked = vscode.commands.executeCommand(IDS.insertPattern, args);
    await new Promise((r) => setTimeout(r, 800));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await acceptPreview();
    await picked;
    const text = editor.document.getText();
    const lines = text.split('\n');
    assert.match(lines[2], /TODO/);
    assert.equal(lines[3], '  export async function retryWithBackoff<T>(operation: () => Promise<T>, attempts = 5, baseDelayMs = 100): Promise<T> {');
    assert.ok(lines.includes('        lastError = error;'), text);
    const usage = await waitFor('pattern_usage inserted', () => of('pattern_usage').find((e) => e.action === 'inserted'));
    assert.equal(usage.patternId, args.hits[0].pattern.id);
    capture.flush();
    const ins = await waitFor('ai_insertion from the pattern', () => of('ai_insertion').find((e) => e.origin === 'pattern'));
    assert.equal(ins.patternId, usage.patternId);
    await editor.document.save();
    const saved = await waitFor('the save checkpoint', () => of('survival').find((e) => e.insertionId === ins.id && e.checkpoint === 'save'));
    assert.equal(saved.charsKept, saved.charsTotal);
  });

  it('an empty body gets the pattern body inside its braces (insert command with a chosen pattern)', async () => {
    const editor = await open('src/empty.ts', EMPTY);
    const lens = await waitFor('an empty-body lens', async () => (await lensesOf(editor.document)).find((l) => l.command?.command === IDS.insertPattern));
    const args = lens.command!.arguments![0] as InsertArgs;
    assert.equal(args.anchor.kind, 'empty-body');
    const hit = args.hits.find((h) => h.pattern.name === 'editDistance');
    assert.ok(hit, args.hits.map((h) => h.pattern.name).join(', '));
    const before = of('pattern_usage').length;
    const inserting = vscode.commands.executeCommand(IDS.insertPattern, { ...args, patternId: hit.pattern.id });
    await acceptPreview();
    assert.equal(await inserting, undefined);
    const lines = editor.document.getText().split('\n');
    const unit = editor.options.insertSpaces === false ? '\t' : ' '.repeat(Number(editor.options.indentSize ?? editor.options.tabSize));
    assert.equal(lines[1], 'export function stringDistance(a: string, b: string): number {');
    assert.equal(lines[2], `${unit}const row = Array.from({ length: b.length + 1 }, (_, j) => j);`);
    assert.equal(lines[lines.length - 2], '}');
    assert.ok(lines.includes(`${unit}return row[b.length];`), lines.join('\n'));
    assert.equal(of('pattern_usage').slice(before).filter((e) => e.action === 'inserted' && e.patternId === hit.pattern.id).length, 1);
    // The use count shown by the library goes up at once, not after the next rating.
    const listed = await waitFor('the use counted', async () => (await patterns.call('list', {})).find((p) => p.id === hit.pattern.id && p.usageCount === hit.pattern.usageCount + 1));
    const tooltip = (patterns.tree.getTreeItem({ kind: 'pattern', pattern: listed }).tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ');
    assert.match(tooltip, new RegExp(`· ${listed.usageCount} uses?\\b`));
  });

  it('rating a tree item up or down records pattern_usage rated 1 / -1', async () => {
    const [lang] = await patterns.tree.getChildren();
    const [framework] = await patterns.tree.getChildren(lang);
    const [leaf] = await patterns.tree.getChildren(framework);
    assert.ok(leaf.kind === 'pattern');
    assert.equal(patterns.tree.getTreeItem(leaf).contextValue, 'aiLearning.pattern');
    await vscode.commands.executeCommand(IDS.ratePatternDown, leaf);
    await vscode.commands.executeCommand(IDS.ratePatternUp, leaf.pattern.id);
    const rated = of('pattern_usage').filter((e) => e.action === 'rated' && e.patternId === leaf.pattern.id);
    assert.deepEqual(rated.map((e) => e.rating), [-1, 1]);
  });

  it('clicking a tree row opens its source at the unit, a #private method included', async () => {
    const file = writeSource('src/vault.ts', VAULT);
    await patterns.call('updateFile', { path: file, text: VAULT });
    const p = await waitFor('the #private pattern', async () => (await patterns.call('list', {})).find((x) => x.name === 'Vault.#decrypt'));
    const item = patterns.tree.getTreeItem({ kind: 'pattern', pattern: p });
    assert.equal(item.command?.command, IDS.openPatternSource);
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    const editor = await waitFor('the source opened', () => (vscode.window.activeTextEditor?.document.uri.fsPath === file ? vscode.window.activeTextEditor : undefined));
    assert.equal(editor.selection.active.line, VAULT.split('\n').findIndex((l) => l.includes('#decrypt(')));
    // Its lenses would be resolved (searched) while the next test waits for its own search.
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('"Search Patterns" inserts the chosen result at the cursor', async () => {
    const editor = await open('src/search.ts', 'export const x = 1;\n\n');
    editor.selection = new vscode.Selection(2, 0, 2, 0);
    const inserted = (): boolean => editor.document.getText().includes('export function editDistance(a: string, b: string): number {');
    // The worker may still be answering lens searches of the library change just before (a loaded 2-core machine):
    // an accept before the results arrived closes an empty picker, so ask again, waiting longer each time.
    for (let attempt = 1; attempt <= 4 && !inserted(); attempt++) {
      const done = vscode.commands.executeCommand(IDS.searchPatterns, 'levenshtein edit distance between two strings');
      await new Promise((r) => setTimeout(r, 2000 * attempt));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await done;
      if (await waitFor('the insertion preview', () => patterns.preview.open || undefined, 5000).catch(() => false)) {
        await vscode.commands.executeCommand(IDS.acceptPatternInsertion);
      }
      await waitFor('the pattern inserted at the cursor', () => inserted() || undefined, 5000).catch(() => undefined);
    }
    assert.ok(inserted(), `editDistance not inserted; the document holds:\n${editor.document.getText()}`);
    assert.ok(editor.document.getText().startsWith('export const x = 1;\n\nexport function editDistance('), editor.document.getText());
    const distanceId = of('pattern').find((e) => e.name === 'editDistance')!.id;
    assert.ok(of('pattern_usage').some((e) => e.action === 'inserted' && e.patternId === distanceId));
  });

  it('a commit made with the git CLI re-extracts the committed files with the commit hash', async function () {
    const repoDir = path.join(root, 'repo');
    mkdirSync(repoDir, { recursive: true });
    const git = initGitRepo(repoDir);
    if (!git) {
      console.log('    (git CLI not available: skipped)');
      this.skip();
    }
    const first = git('rev-parse', 'HEAD').trim();
    await vscode.commands.executeCommand('git.openRepository', repoDir);
    const api = vscode.extensions.getExtension<GitExtension>('vscode.git')!.exports.getAPI(1);
    // `git.refresh` without an argument asks which repository once several are open: refresh ours through the API.
    const repo = await waitFor('the git extension to open the repository', () => api.repositories.find((r) => r.rootUri.fsPath === repoDir), 20_000);
    const refresh = (): Promise<void> => (repo as unknown as { status(): Promise<void> }).status();
    await waitFor('the repository HEAD', async () => {
      await refresh();
      return repo.state.HEAD?.commit === first;
    }, 20_000);
    writeFileSync(path.join(repoDir, 'committed.ts'), COMMITTED);
    git('add', 'committed.ts');
    git('commit', '-q', '-m', 'add groupCommitted');
    const head = git('rev-parse', 'HEAD').trim();
    const ev = await waitFor('the committed pattern', async () => {
      await refresh();
      return of('pattern').find((e) => e.name === 'groupCommitted' && e.op === 'upsert');
    }, 30_000);
    assert.equal(ev.sourceCommit, head);
    assert.equal(ev.sourcePath, path.join(repoDir, 'committed.ts'));
  });

  it('the lens registration follows editor.codeLens', async () => {
    assert.equal(patterns.lensController.registered, true);
    const config = vscode.workspace.getConfiguration('editor');
    await config.update('codeLens', false, vscode.ConfigurationTarget.Global);
    try {
      await waitFor('lenses unregistered', () => !patterns.lensController.registered);
    } finally {
      await config.update('codeLens', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor('lenses registered again', () => patterns.lensController.registered);
  });
});

describe('pattern lens anchors and cache', () => {
  const log = { trace() {}, info() {}, warn: console.warn, error: console.error };
  const otherPattern: PatternRecord = {
    id: 'other', name: 'lookup', description: 'lookup', language: 'typescript', tags: [], complexity: 2, lines: 3,
    code: 'function lookup(key: string) {\n  return map.get(key);\n}', fingerprint: 'x', sourcePath: '/elsewhere/lookup.ts',
    firstSeenTs: 0, updatedTs: 0, stale: false, usageCount: 0, successCount: 0, avgRating: 0,
  };
  const SRC = [
    'export class Cache<T> {',
    '  private readonly items = new Map<string, T>();',
    '  get(key: string): T | undefined {',
    '    return this.items.get(key);',
    '  }',
    '  async load(key: string) {}',
    '  if (x) {',
    '}',
    'export const toSlug = (title: string): string => title.toLowerCase();',
    'const total = (a + b) * 2;',
    '/* TODO: handle the empty case */',
    'function empty(a: number) {',
    '',
    '}',
  ].join('\n');

  it('finds methods, bound arrows, empty bodies and TODOs by a line scan (a class with members has no lens of its own)', () => {
    const found = scanAnchors(SRC, true).map((a) => `${a.kind}:${a.line}:${a.name ?? a.todo}`);
    assert.deepEqual(found, ['function:2:get', 'empty-body:5:load', 'function:8:toSlug', 'todo:10:handle the empty case', 'empty-body:11:empty']);
    assert.deepEqual(scanAnchors(SRC, false).map((a) => a.kind), ['function', 'function', 'function', 'function']);
    const empty = scanAnchors(SRC, true).find((a) => a.name === 'empty')!;
    assert.deepEqual(empty.body, { open: { line: 11, character: 27 }, close: { line: 13, character: 0 } });
    assert.equal(bodyOf('function f({ a }: { a: number }) {\n  if (a) {\n    return 1;\n  }\n  return 2;\n}'), 'if (a) {\n  return 1;\n}\nreturn 2;');
    assert.equal(bodyOf('class A {\n  m() {}\n}'), 'class A {\n  m() {}\n}');
  });

  it('searches once per (document version, lens), again after an edit or reset(), and honours cancellation', async () => {
    const queries: string[] = [];
    let answer: SearchHitDto[] = [{ pattern: otherPattern, relevance: 0.5, strength: 'close' }];
    const provider = new PatternLensProvider((a) => {
      queries.push(a.query);
      return Promise.resolve(answer);
    }, readPatternSettings, 'unused', log);
    let fired = 0;
    const sub = provider.onDidChangeCodeLenses(() => fired++);
    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: SRC });
    const none = new vscode.CancellationTokenSource().token;
    const lenses = provider.provideCodeLenses(doc, none);
    assert.equal(lenses.length, 5);
    assert.equal(queries.length, 0, 'provideCodeLenses must not search');
    const first = await provider.resolveCodeLens(lenses[0], none);
    await provider.resolveCodeLens(provider.provideCodeLenses(doc, none)[0], none);
    assert.equal(queries.length, 1);
    assert.match(queries[0], /get\(key: string\)/);
    assert.equal(first.command?.title, '1 similar pattern · not used yet');
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(13, 1), '\n'));
    await provider.resolveCodeLens(provider.provideCodeLenses(doc, none)[0], none);
    assert.equal(queries.length, 2);
    // No lens that says "no similar patterns": a unit whose search found nothing is left out from then on.
    answer = [];
    await provider.resolveCodeLens(provider.provideCodeLenses(doc, none)[2], none);
    await waitFor('lenses asked for again', () => fired >= 1);
    assert.deepEqual(provider.provideCodeLenses(doc, none).map((l) => l.anchor.name ?? l.anchor.todo), ['get', 'load', 'handle the empty case', 'empty']);
    provider.reset();
    assert.equal(fired, 2);
    assert.equal(provider.provideCodeLenses(doc, none).length, 5, 'reset() forgets the empty results');
    const cancelled = new vscode.CancellationTokenSource();
    cancelled.cancel();
    const lens = provider.provideCodeLenses(doc, none)[0];
    await provider.resolveCodeLens(lens, cancelled.token);
    assert.equal(lens.command, undefined);
    assert.equal(provider.provideCodeLenses(doc, cancelled.token).length, 0);
    sub.dispose();
    provider.dispose();
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
