import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { RecordedEvent } from '../../src/core/model/events';
import { PATTERN_COMMANDS, type PatternCommandIds } from '../../src/host/patterns/actions';
import type { InsertArgs } from '../../src/host/patterns/lens-provider';
import { startPatterns, type PatternsHandle } from '../../src/host/patterns/start';
import { EXTENSION_ID, activeApi, waitFor } from './helpers';

const IDS = Object.fromEntries(Object.entries(PATTERN_COMMANDS).map(([k, v]) => [k, `${v}.previewTest`])) as PatternCommandIds;
const SCHEME = 'ai-learning-preview-insert-test';

/** A file of this workspace with its own headers type; ky's mergeHeaders uses ky's `KyHeadersInit`, absent here. */
const TARGET = `export type HeaderSource = HeadersInit | Record<string, string | undefined>;

export function describeHeaders(headers: Headers): string {
  return [...headers.keys()].join(', ');
}
`;

const errorsOf = (uri: vscode.Uri): vscode.Diagnostic[] =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);

describe('pattern insertion through the preview (real extension host, real TypeScript server)', function () {
  this.timeout(150_000);
  const events: RecordedEvent[] = [];
  let patterns: PatternsHandle;
  let root: string;
  let merge: string;
  let mergePath: string;
  const log = { trace() {}, info() {}, warn: console.warn, error: console.error };

  before(async () => {
    await activeApi();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'the host tests need a workspace folder');
    root = path.join(folder, 'preview-host');
    mkdirSync(root, { recursive: true });
    const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    patterns = startPatterns({
      extensionPath, storageDir: mkdtempSync(path.join(os.tmpdir(), 'ala-preview-')),
      sink: { append: (e: RecordedEvent) => events.push(e) }, log, queryPatterns: () => Promise.resolve([]),
      ids: { commands: IDS, view: null, previewScheme: SCHEME },
    });
    await patterns.ready;
    // ky's utils/merge.ts (MIT, test/fixtures/patterns/eval/SOURCE.md) as a file of the workspace; the library starts empty.
    merge = readFileSync(path.join(extensionPath, 'test/fixtures/patterns/eval/ky/source/utils/merge.ts.txt'), 'utf8');
    mergePath = path.join(root, 'ky-merge.ts');
    writeFileSync(mergePath, merge);
  });

  after(async () => {
    patterns.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a search with no results says so and offers the library build, which Enter runs', async () => {
    const built = (): boolean => events.some((e) => e.kind === 'pattern' && e.op === 'upsert' && e.name === 'mergeHeaders');
    // An accept before the results arrived closes an empty picker (a loaded machine): ask again, waiting longer.
    for (let attempt = 1; attempt <= 3 && !built(); attempt++) {
      const done = vscode.commands.executeCommand(IDS.searchPatterns, 'combine two sets of request headers');
      await new Promise((r) => setTimeout(r, 2000 * attempt));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await done;
      await waitFor('the build from the empty search', () => built() || undefined, 30_000).catch(() => undefined);
    }
    assert.ok(built(), 'the build offered by the empty search did not run');
    // Whatever the build found, the pattern file is in the library for the next tests.
    await patterns.call('updateFile', { path: mergePath, text: merge });
  });

  it('shows the change as a diff, inserts on Insert, selects the missing name in every place, and one rename leaves no new error', async () => {
    const pattern = (await patterns.call('list', {})).find((p) => p.name === 'mergeHeaders');
    assert.ok(pattern, 'mergeHeaders not in the library');
    const file = path.join(root, 'headers.ts');
    writeFileSync(file, TARGET);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    // The TypeScript server is up once it answers for this file; then its diagnostics of the file are current.
    await waitFor('the TypeScript server', async () => {
      const symbols = await vscode.commands.executeCommand<unknown[]>('vscode.executeDocumentSymbolProvider', doc.uri);
      return symbols?.length ? symbols : undefined;
    }, 90_000);
    await new Promise((r) => setTimeout(r, 1500));
    const before = errorsOf(doc.uri).length;

    const line = TARGET.split('\n').findIndex((l) => l.startsWith('export function describeHeaders'));
    const args: InsertArgs = {
      uri: doc.uri.toString(), version: doc.version, anchor: { kind: 'function', line, name: 'describeHeaders' },
      hits: [{ pattern, relevance: 1, strength: 'close' }], patternId: pattern.id,
    };
    const inserting = vscode.commands.executeCommand(IDS.insertPattern, args);
    await waitFor('the insertion preview', () => patterns.preview.open || undefined, 30_000);
    const diff = await waitFor('the diff tab', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff && input.modified.scheme === SCHEME ? input : undefined;
    });
    assert.equal(diff.original.toString(), doc.uri.toString());
    const proposed = (await vscode.workspace.openTextDocument(diff.modified)).getText();
    assert.ok(proposed.includes('export const mergeHeaders = (source1: KyHeadersInit = {}'), proposed);
    assert.equal(doc.getText(), TARGET, 'the preview changed the document');
    await vscode.commands.executeCommand(IDS.acceptPatternInsertion);
    await inserting;

    const shown = vscode.window.activeTextEditor!;
    assert.equal(shown.document.uri.toString(), doc.uri.toString());
    // Placeholder 1 is KyHeadersInit, selected in both of its places.
    assert.deepEqual(shown.selections.map((s) => shown.document.getText(s)), ['KyHeadersInit', 'KyHeadersInit']);
    await waitFor('the TypeScript server to report the missing name', () =>
      errorsOf(doc.uri).some((d) => d.message.includes("'KyHeadersInit'")) || undefined, 60_000);
    await vscode.commands.executeCommand('type', { text: 'HeaderSource' });
    await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
    await vscode.commands.executeCommand('leaveSnippet');

    const text = doc.getText();
    assert.ok(text.startsWith(TARGET.slice(0, TARGET.indexOf('export function describeHeaders'))), text);
    assert.ok(text.includes('export const mergeHeaders = (source1: HeaderSource = {}, source2: HeaderSource = {}) => {\n'), text);
    assert.ok(text.includes('};\n\nexport function describeHeaders(headers: Headers): string {'), text);
    assert.ok(!text.includes('KyHeadersInit'), text);
    const after = await waitFor('the errors to settle', () => {
      const n = errorsOf(doc.uri);
      return n.length <= before ? n : undefined;
    }, 60_000).catch(() => errorsOf(doc.uri));
    assert.ok(after.length <= before, `errors before ${before}, after: ${after.map((d) => d.message).join(' | ')}`);
    assert.equal(events.filter((e) => e.kind === 'pattern_usage' && e.action === 'inserted' && e.patternId === pattern.id).length, 1);
  });

  it('Cancel (or closing the diff) leaves the document as it was and counts no use', async () => {
    const pattern = (await patterns.call('list', {})).find((p) => p.name === 'mergeHeaders')!;
    const file = path.join(root, 'cancelled.ts');
    writeFileSync(file, TARGET);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    const args: InsertArgs = {
      uri: doc.uri.toString(), version: doc.version, anchor: { kind: 'function', line: 2, name: 'describeHeaders' },
      hits: [{ pattern, relevance: 1, strength: 'close' }], patternId: pattern.id,
    };
    const used = (): number => events.filter((e) => e.kind === 'pattern_usage' && e.action === 'inserted').length;
    const before = used();
    const cancelled = vscode.commands.executeCommand(IDS.insertPattern, args);
    await waitFor('the insertion preview', () => patterns.preview.open || undefined, 30_000);
    await vscode.commands.executeCommand(IDS.cancelPatternInsertion);
    await cancelled;
    assert.equal(doc.getText(), TARGET);
    const closed = vscode.commands.executeCommand(IDS.insertPattern, args);
    await waitFor('the insertion preview', () => patterns.preview.open || undefined, 30_000);
    await waitFor('the diff tab', () => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff || undefined);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await closed;
    assert.equal(doc.getText(), TARGET);
    assert.equal(used(), before);
  });
});
