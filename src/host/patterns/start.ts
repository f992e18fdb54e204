import path from 'node:path';
import * as vscode from 'vscode';
import type { EventSink } from '../../core/model/sink';
import type { ArgOf, BuildResult, EmbedderConfig, Method, ResultOf } from '../../core/patterns/protocol';
import type { PatternRecord } from '../../core/patterns/types';
import type { QueryResult } from '../../core/store/queries';
import type { Log } from '../log';
import { appendRating, openPatternSource, PATTERN_COMMANDS, PATTERN_VIEW, refId, type PatternCommandIds, type PatternRef } from './actions';
import { PatternsClient } from './client';
import { insertFromLens, type PatternCapture } from './insert';
import { PatternLensController } from './lens-controller';
import { PatternLensProvider, type InsertArgs } from './lens-provider';
import { showSearchPicker } from './search-picker';
import { affectsPatterns, embedderConfig, readPatternSettings } from './settings';
import { PatternTreeProvider } from './tree';
import { buildFromWorkspace, describeBuild, watchCommits, watchSaves } from './triggers';
import { onModelUnavailable } from './model-consent';
import { InsertionPreview } from './preview';

export interface PatternsDeps {
  extensionPath: string;
  /** Global storage folder (the transformers model lives under `models/` unless a path is set). */
  storageDir: string;
  sink: EventSink;
  /** The store's pattern rows (with usage stats) the library starts from. */
  queryPatterns: () => Promise<QueryResult['patterns']>;
  log: Log;
  capture?: PatternCapture;
  /** Where a "not now" to the model download is remembered (the extension's global state). */
  memento?: vscode.Memento;
  /**
   * Other command ids / view id / preview scheme (tests register beside the extension's own);
   * `view: null` skips the tree view.
   */
  ids?: { commands?: PatternCommandIds; view?: string | null; previewScheme?: string };
}

/** The running patterns feature. Disposing it stops the worker and removes every registration. */
export interface PatternsHandle extends vscode.Disposable {
  /** Resolves once the worker has loaded the library (rejects if it could not start). */
  readonly ready: Promise<void>;
  readonly client: PatternsClient;
  readonly lenses: PatternLensProvider;
  readonly lensController: PatternLensController;
  readonly tree: PatternTreeProvider;
  readonly preview: InsertionPreview;
  /** A worker call that waits for `ready`. */
  call<M extends Method>(method: M, arg: ArgOf<M>): Promise<ResultOf<M>>;
  build(): Promise<BuildResult>;
  /** Reloads the library from the store (after "Delete All Data"), then refreshes the tree and the lenses. */
  reload(): Promise<void>;
  insert(args: InsertArgs): Promise<boolean>;
  rate(ref: PatternRef, rating: 1 | -1): Promise<boolean>;
  openSource(ref: PatternRef): Promise<boolean>;
  search(initial?: string): Promise<void>;
}

const CHANGED_DEBOUNCE_MS = 300;

/**
 * Starts the patterns feature: the worker (`dist/patterns-worker.js`) loaded from the store's rows,
 * its events appended to `sink`, extraction on save and commit, the CodeLens controller, the
 * "Pattern Library" tree and the commands.
 */
export function startPatterns(deps: PatternsDeps): PatternsHandle {
  const { log, sink } = deps;
  const ids = deps.ids?.commands ?? PATTERN_COMMANDS;
  const client = new PatternsClient(path.join(deps.extensionPath, 'dist', 'patterns-worker.js'));
  const ready = startWorker(client, deps);
  const call = async <M extends Method>(method: M, arg: ArgOf<M>): Promise<ResultOf<M>> => {
    await ready;
    return client.call(method, arg);
  };
  const lenses = new PatternLensProvider((a) => call('search', a), readPatternSettings, ids.insertPattern, log);
  const lensController = new PatternLensController(lenses);
  const tree = new PatternTreeProvider(() => call('list', {}), log, ids.openPatternSource);
  // The store counts the `inserted` event; the worker's copy (what the tree and lenses show) is told too.
  const onInserted = (patternId: string): void => {
    void call('usage', { patternId, used: 1 }).then(() => {
      tree.refresh();
      lensController.refresh();
    }, (error: unknown) => log.error('patterns: use count not updated', error));
  };
  const preview = new InsertionPreview(deps.ids?.previewScheme);
  const insertDeps = { ...deps, onInserted, preview, placeholders: (a: ArgOf<'placeholders'>) => client.call('placeholders', a) };
  const subs: vscode.Disposable[] = [client, lenses, lensController, tree, preview];
  let triggers: vscode.Disposable | undefined;
  const applyEnabled = (): void => {
    const on = readPatternSettings().enabled;
    if (on && !triggers) triggers = vscode.Disposable.from(watchSaves(client, readPatternSettings, log), watchCommits(client, readPatternSettings, log));
    if (!on && triggers) {
      triggers.dispose();
      triggers = undefined;
    }
  };
  applyEnabled();

  let changedTimer: NodeJS.Timeout | undefined;
  subs.push(client.onNote((n) => {
    if (n.note === 'event') sink.append(n.event);
    else if (n.note === 'log') log[n.level === 'error' ? 'error' : n.level](`patterns worker: ${n.message}`);
    else if (n.note === 'changed') {
      clearTimeout(changedTimer);
      changedTimer = setTimeout(() => {
        lensController.refresh();
        tree.refresh();
      }, CHANGED_DEBOUNCE_MS);
    }
  }));
  subs.push(vscode.workspace.onDidChangeConfiguration((e) => {
    if (affectsPatterns(e, 'enabled')) applyEnabled();
    if (affectsPatterns(e, 'extraction')) void call('setOptions', readPatternSettings().extraction).catch((err: unknown) => log.error('patterns: options not applied', err));
    if (affectsPatterns(e, 'embedder')) {
      const settings = readPatternSettings();
      const config = embedderConfig(settings, deps.storageDir);
      void call('setEmbedder', config).then(
        (id) => log.info(`patterns: embedder now ${id}`),
        (err: unknown) => modelUnavailable(deps, err instanceof Error ? err.message : String(err), config, settings.modelPath !== '', call),
      );
    }
  }));

  const findPattern = async (ref: PatternRef): Promise<PatternRecord | undefined> => {
    if (typeof ref === 'object' && 'code' in ref) return ref;
    if (typeof ref === 'object' && ref.kind === 'pattern') return ref.pattern;
    const id = refId(ref);
    return id ? (await call('list', {})).find((p) => p.id === id) : undefined;
  };
  const handle: PatternsHandle = {
    ready, client, lenses, lensController, tree, preview, call,
    build: () => buildFromWorkspace(client, readPatternSettings),
    async reload() {
      await ready.catch(() => undefined);
      await startWorker(client, deps);
      tree.refresh();
      lensController.refresh();
    },
    insert: (args) => insertFromLens(args, insertDeps),
    async rate(ref, rating) {
      const id = refId(ref);
      if (!id) return false;
      appendRating(sink, id, rating);
      await call('usage', { patternId: id, rating });
      tree.refresh();
      return true;
    },
    async openSource(ref) {
      const p = await findPattern(ref);
      return p ? openPatternSource(p) : false;
    },
    search: (initial) =>
      showSearchPicker({ ...insertDeps, buildCommand: ids.buildPatternLibrary, search: (a) => call('search', a), settings: readPatternSettings, openSource: async (p) => void (await openPatternSource(p)) }, initial),
    dispose() {
      clearTimeout(changedTimer);
      triggers?.dispose();
      for (const s of subs.reverse()) s.dispose();
    },
  };
  subs.push(...registerCommands(handle, ids, log));
  const viewId = deps.ids?.view === undefined ? PATTERN_VIEW : deps.ids.view;
  if (viewId) subs.push(vscode.window.createTreeView(viewId, { treeDataProvider: tree, showCollapseAll: true }));
  return handle;
}

async function startWorker(client: PatternsClient, deps: PatternsDeps): Promise<void> {
  let rows: unknown[] = [];
  try {
    rows = await deps.queryPatterns();
  } catch (error) {
    deps.log.error('patterns: could not read the stored library; starting empty', error);
  }
  const s = readPatternSettings();
  const embedder = embedderConfig(s, deps.storageDir);
  const res = await client.call('start', { rows, options: s.extraction, embedder, cacheDir: path.join(deps.storageDir, 'embeddings') });
  deps.log.info(`patterns: ${res.loaded} patterns loaded (${res.badRows} bad rows skipped), embedder ${res.embedder}`);
  if (res.embedderError) modelUnavailable(deps, res.embedderError, embedder, s.modelPath !== '', (m, a) => client.call(m, a));
}

/** Search goes on with the hashing embedder; the user is told why and, with consent, the model is fetched. */
function modelUnavailable(deps: PatternsDeps, error: string, config: EmbedderConfig, userFolderSet: boolean,
  call: <M extends Method>(method: M, arg: ArgOf<M>) => Promise<ResultOf<M>>): void {
  void onModelUnavailable(error, config, userFolderSet, {
    log: deps.log, memento: deps.memento, setEmbedder: (c) => call('setEmbedder', c),
  }).catch((e: unknown) => deps.log.error('patterns: model notice failed', e));
}

function registerCommands(h: PatternsHandle, ids: PatternCommandIds, log: Log): vscode.Disposable[] {
  const guard = <A extends unknown[]>(what: string, fn: (...a: A) => Promise<unknown>) => async (...a: A): Promise<void> => {
    try {
      await fn(...a);
    } catch (error) {
      log.error(`patterns: ${what} failed`, error);
      void vscode.window.showErrorMessage(`AI Learning Analytics: ${what} failed. See the "AI Learning Analytics" output.`);
    }
  };
  const reg = vscode.commands.registerCommand;
  return [
    reg(ids.searchPatterns, guard('Search Patterns', (initial?: string) => h.search(typeof initial === 'string' ? initial : ''))),
    reg(ids.buildPatternLibrary, guard('Build Pattern Library', async () => {
      const r = await h.build();
      log.info(`patterns: ${describeBuild(r)}`);
      void vscode.window.showInformationMessage(describeBuild(r));
    })),
    reg(ids.insertPattern, guard('Insert Pattern', (args: InsertArgs) => h.insert(args))),
    reg(ids.ratePatternUp, guard('Rate Pattern', (ref: PatternRef) => h.rate(ref, 1))),
    reg(ids.ratePatternDown, guard('Rate Pattern', (ref: PatternRef) => h.rate(ref, -1))),
    reg(ids.openPatternSource, guard('Open Pattern Source', (ref: PatternRef) => h.openSource(ref))),
    reg(ids.refreshPatternLibrary, guard('Refresh Pattern Library', () => Promise.resolve(h.tree.refresh()))),
    reg(ids.acceptPatternInsertion, () => h.preview.settle(true)),
    reg(ids.cancelPatternInsertion, () => h.preview.settle(false)),
  ];
}
