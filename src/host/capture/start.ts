import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { InlineKind } from '../../core/capture/classifier';
import { CaptureEngine } from '../../core/capture/engine';
import type { TodayCaptureFigures } from '../../core/capture/status';
import type { SurvivalSnapshot } from '../../core/capture/survival';
import type { CaptureConfig } from '../../core/capture/types';
import type { EventSink } from '../../core/model/sink';
import { shortHash } from '../../core/util/hash';
import type { Log } from '../log';
import { collectActivity, errorCount } from './activity';
import { activeAiTool } from './ai-tools';
import { collectDocuments, openText, parkOpenDocuments, reopenOpenDocuments } from './documents';
import { collectGit } from './git';
import type { InlineKeyTarget } from './inline-keys';
import { readCaptureConfig } from './settings';

/**
 * The engine's tick: checkpoints, sessions, and writing out what typing deferred (ended typing runs,
 * AI insertions with their hashes). One second bounds what a crash of the extension host can lose to the
 * same window as the journal's background fsync.
 */
const TICK_MS = 1_000;
const SAVE_STATE_MS = 5 * 60_000;
const STATE_FILE = 'capture-survival.json';

export interface CaptureDeps {
  sink: EventSink;
  log: Log;
  /** Current settings (default: `readCaptureConfig`). Capture reads them at start and on `reloadConfig()`. */
  config?: () => CaptureConfig;
  /** Where survival tracking is kept across restarts (the extension's global storage folder). */
  storageDir?: string;
}

/** The running capture: one object for the extension's owner. Disposing it stops every listener. */
export interface CaptureHandle extends vscode.Disposable, InlineKeyTarget {
  readonly paused: boolean;
  /** Fires `true` when paused, `false` when resumed. */
  readonly onDidChangeState: vscode.Event<boolean>;
  pause(): void;
  resume(): void;
  /** Tag our own edit: the next insertion into `uri` (within 3 s) is pattern `patternId`. */
  expectPatternInsertion(uri: vscode.Uri, text: string, patternId: string): void;
  /** Today's live figures (this window since start) for the status bar. */
  todayFigures(): TodayCaptureFigures;
  /** Re-reads settings (level, excludeGlobs, idleMinutes) without restarting. */
  reloadConfig(): void;
  /** Emits what is held in memory (typing runs, pending accepts). Tests and shutdown. */
  flush(): void;
  /**
   * Delete All Data: drops the insertions tracked for survival (they hold file paths), so the next save
   * cannot write `capture-survival.json` back. Insertions made from now on are tracked as usual.
   */
  forgetSurvival(): void;
  /** The core engine (host tests reach survival and sessions through it). */
  readonly engine: CaptureEngine;
}

/**
 * Starts capture: builds the core engine and the vscode collectors (documents, git, terminal, tasks, focus),
 * a 5 s tick for checkpoints and sessions, and restores survival tracking from `storageDir`.
 */
export function startCapture(deps: CaptureDeps): CaptureHandle {
  const config = deps.config ?? readCaptureConfig;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.toString();
  const engine = new CaptureEngine({
    sink: deps.sink, clock: Date.now, config: config(), aiTool: activeAiTool(), errorCount,
    workspaceHash: folder ? shortHash(folder) : undefined,
  });
  const statePath = deps.storageDir ? path.join(deps.storageDir, STATE_FILE) : undefined;
  const stateEmitter = new vscode.EventEmitter<boolean>();
  let collectors: vscode.Disposable | undefined;
  let disposed = false;
  const startCollectors = (): void => {
    collectors = vscode.Disposable.from(collectDocuments(engine, deps.log), collectGit(engine, deps.log), collectActivity(engine));
  };
  startCollectors();
  const tick = setInterval(() => engine.tick(), TICK_MS);
  const saver = setInterval(() => void saveState(engine, statePath, deps.log), SAVE_STATE_MS);
  if (statePath) void restoreState(engine, statePath, deps.log).then(() => !disposed && reopenOpenDocuments(engine));

  const handle: CaptureHandle = {
    engine,
    get paused() {
      return collectors === undefined;
    },
    onDidChangeState: stateEmitter.event,
    pause() {
      if (!collectors || disposed) return;
      collectors.dispose();
      collectors = undefined;
      parkOpenDocuments(engine);
      engine.stop();
      deps.log.info('capture paused');
      stateEmitter.fire(true);
    },
    resume() {
      if (collectors || disposed) return;
      startCollectors();
      reopenOpenDocuments(engine);
      deps.log.info('capture resumed');
      stateEmitter.fire(false);
    },
    onInlineKey: (uri: vscode.Uri, kind: InlineKind) => collectors && engine.onInlineKey(uri.toString(), kind),
    onInlineHide: () => collectors && engine.onInlineHide(),
    expectPatternInsertion: (uri, text, patternId) => engine.expectPatternInsertion(uri.toString(), text, patternId),
    todayFigures: () => engine.todayFigures(),
    reloadConfig: () => engine.setConfig(config()),
    flush: () => engine.flush(),
    forgetSurvival() {
      engine.survival.clear();
      // The tracker also forgot the open documents' text: give it back, as after a restore.
      if (collectors && !disposed) reopenOpenDocuments(engine);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      clearInterval(tick);
      clearInterval(saver);
      collectors?.dispose();
      collectors = undefined;
      engine.stop();
      saveStateSync(engine, statePath, deps.log);
      engine.survival.clear();
      stateEmitter.dispose();
    },
  };
  return handle;
}

async function restoreState(engine: CaptureEngine, file: string, log: Log): Promise<void> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch {
    return; // first start: nothing tracked yet
  }
  try {
    const n = engine.restore(JSON.parse(raw) as SurvivalSnapshot);
    log.info(`capture: survival tracking restored for ${n} insertions`);
  } catch (error) {
    log.warn(`capture: ignored an unreadable ${STATE_FILE} (${String(error)})`);
  }
}

async function saveState(engine: CaptureEngine, file: string | undefined, log: Log): Promise<void> {
  if (!file) return;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(engine.snapshot(openText)));
  } catch (error) {
    log.error('capture: could not save survival tracking', error);
  }
}

/** At dispose (window closing) the write must finish before the host goes: synchronous, small file. */
function saveStateSync(engine: CaptureEngine, file: string | undefined, log: Log): void {
  if (!file) return;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(engine.snapshot(openText)));
  } catch (error) {
    log.error('capture: could not save survival tracking', error);
  }
}
