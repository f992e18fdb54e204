import { randomUUID } from 'node:crypto';
import type { AiInsertionEvent, ContextEvent, Precision, RecordedEvent, SourceTool, SurvivalEvent } from '../model/events';
import { shortHash } from '../util/hash';
import {
  BURST_WINDOW_MS, changeSize, classifyFast, classifyInsertion, insertedText, isLargeInsert,
  type Classification, type ClassifyContext, type InlineKind,
} from './classifier';
import { commitEvent, contextEvent, taskEvent, terminalEvent, type CommitInput, type TaskRun, type TerminalRun } from './activity';
import { ChangeCoalescer, type ChangeFacts } from './coalesce';
import { DeferredInsertions } from './deferred';
import { DiagnosticsWatch } from './diagnostics';
import { GlobSet } from './glob';
import { InlineAggregator, type OpenInsertion } from './inline-aggregate';
import { Outbox, type CaptureSink } from './outbox';
import { SessionTracker } from './sessions';
import { OwnAnswers } from './own-answers';
import { SurvivalTracker, type SurvivalSnapshot } from './survival';
import type { TodayCaptureFigures } from './status';
import { TodayCounters } from './today';
import { CAPTURED_SCHEMES, CHAT_BLOCK_SCHEMES, type CaptureConfig, type Clock, type DocChange } from './types';

/** What the engine needs from its environment (all injectable for tests). */
export interface EngineDeps {
  sink: CaptureSink;
  clock: Clock;
  config: CaptureConfig;
  /** An inline-completion/chat extension is active; the name of the likely tool. */
  aiTool?: () => SourceTool | undefined;
  /** Error-level diagnostics of a document now (for diagnostics deltas). */
  errorCount?: (uri: string) => number | undefined;
  newId?: () => string;
  workspaceHash?: string;
  /** Upper bound on tracked insertions. */
  maxTracked?: number;
}

interface DocInfo { excluded: boolean; fileHash: string }
interface Pending {
  change: DocChange;
  rec: OpenInsertion['rec'];
  ts: number;
  session?: string;
  text: string;
  /** Large insertions in the burst window before this one. */
  burst: number;
}

/** How long a change waits for the clipboard before it is classified without it. */
export const CLIPBOARD_WAIT_MS = 2_000;

/**
 * The capture pipeline on plain Node: classifies text changes, tracks AI insertions for survival, keeps
 * sessions, and emits `RecordedEvent`s into the sink. The host adapters only translate vscode events into
 * these calls; `tick()` is called every few seconds.
 */
export class CaptureEngine {
  readonly survival: SurvivalTracker;
  readonly sessions: SessionTracker;
  readonly today = new TodayCounters();
  private readonly coalescer: ChangeCoalescer;
  private readonly inline: InlineAggregator;
  private readonly diagnostics: DiagnosticsWatch;
  private readonly docs = new Map<string, DocInfo>();
  private readonly pending = new Map<number, Pending>();
  private readonly largeInserts: number[] = [];
  private inlineKey: ClassifyContext['inlineKey'];
  private pattern: ClassifyContext['pattern'];
  private lastChatBlockTs = -Infinity;
  private readonly ownAnswers = new OwnAnswers();
  private lastAiTs = -Infinity;
  private pendingSeq = 0;
  private excludes: GlobSet;
  private config: CaptureConfig;
  private readonly newId: () => string;
  /** Everything the engine emits goes through here: one sink write per engine call (see `Outbox`). */
  private readonly out: Outbox;
  /** Long insertions wait here to be hashed at the next tick (see `DeferredInsertions`). */
  private readonly deferred: DeferredInsertions;

  constructor(private readonly deps: EngineDeps) {
    this.config = deps.config;
    this.excludes = new GlobSet(deps.config.excludeGlobs);
    this.newId = deps.newId ?? randomUUID;
    this.out = new Outbox(deps.sink);
    const emit = (ev: RecordedEvent): void => this.out.emit(ev);
    this.deferred = new DeferredInsertions(emit);
    this.survival = new SurvivalTracker((ev: SurvivalEvent) => {
      // The store looks the insertion up for its survival: a long one still waiting goes out first.
      this.deferred.drain();
      this.today.onSurvival(ev);
      emit(ev);
    }, deps.maxTracked);
    this.sessions = new SessionTracker(emit, deps.config.idleMinutes * 60_000, () => this.newId(), deps.workspaceHash);
    this.coalescer = new ChangeCoalescer(emit);
    this.inline = new InlineAggregator((ins, count) => this.commitInsertion(ins, count));
    this.diagnostics = new DiagnosticsWatch(emit, deps.errorCount ?? (() => undefined));
  }

  setConfig(config: CaptureConfig): void {
    this.config = config;
    this.excludes = new GlobSet(config.excludeGlobs);
    this.docs.clear();
    this.sessions.setIdleMinutes(config.idleMinutes);
  }

  /** Whether a document is captured at all (scheme and `excludeGlobs`). */
  isCaptured(uri: string, scheme: string, path: string): boolean {
    return CAPTURED_SCHEMES.has(scheme) && !this.info(uri, path).excluded;
  }

  /**
   * One `onDidChangeTextDocument` event. Returns a token when the change needs the clipboard: the host reads
   * it and calls `resolveClipboard(token, text)` (or lets it expire after CLIPBOARD_WAIT_MS).
   */
  onChange(c: DocChange): number | undefined {
    const opened = this.out.begin();
    try {
      return this.change(c);
    } finally {
      if (opened) this.out.end();
    }
  }

  private change(c: DocChange): number | undefined {
    const now = this.deps.clock();
    if (CHAT_BLOCK_SCHEMES.has(c.scheme)) {
      this.lastChatBlockTs = now;
      return undefined;
    }
    if (c.changes.length === 0 || !this.isCaptured(c.uri, c.scheme, c.path)) return undefined;
    this.sessions.activity(now);
    const ctx = this.context(now);
    const verdict = classifyFast(c, ctx);
    if (verdict?.origin === 'inline' && this.inline.continues(c, now)) {
      this.survival.applyChange(c.uri, c.changes, this.inline.current!.rec);
      this.inline.extend(c, now);
      return undefined;
    }
    this.inline.finish();
    if (verdict?.origin) {
      if (verdict.origin === 'pattern') this.pattern = undefined;
      if (verdict.origin === 'inline') this.inlineKey = undefined;
      const rec = this.survival.begin(this.newId(), c.uri, now);
      this.survival.applyChange(c.uri, c.changes, rec);
      this.startInsertion(c, verdict, rec, now, insertedText(c));
      return undefined;
    }
    if (verdict) {
      this.survival.applyChange(c.uri, c.changes);
      this.coalescer.add(this.facts(c, verdict.label, verdict.precision, now));
      this.today.onChange(now, verdict.label, changeSize(c).added);
      return undefined;
    }
    // Unexplained multi-character insertion: track it tentatively until the clipboard decides.
    while (this.largeInserts.length > 0 && now - this.largeInserts[0] > BURST_WINDOW_MS) this.largeInserts.shift();
    const burst = this.largeInserts.length;
    if (isLargeInsert(c)) this.largeInserts.push(now);
    const rec = this.survival.begin(this.newId(), c.uri, now);
    this.survival.applyChange(c.uri, c.changes, rec);
    const token = ++this.pendingSeq;
    this.pending.set(token, { change: c, rec, ts: now, session: this.sessions.id, text: insertedText(c), burst });
    return token;
  }

  /** Second stage of a change that needed the clipboard (`undefined` when it could not be read). */
  resolveClipboard(token: number, clipboard: string | undefined): void {
    const opened = this.out.begin();
    try {
      this.resolve(token, clipboard);
    } finally {
      if (opened) this.out.end();
    }
  }

  private resolve(token: number, clipboard: string | undefined): void {
    const p = this.pending.get(token);
    if (!p) return;
    this.pending.delete(token);
    const ctx = this.context(p.ts);
    ctx.recentLargeInserts = p.burst;
    const verdict = classifyInsertion(p.change, clipboard, ctx);
    if (!verdict.origin) {
      this.survival.drop(p.rec);
      this.coalescer.single(this.facts(p.change, verdict.label, verdict.precision, p.ts, p.session));
      this.today.onChange(p.ts, verdict.label, changeSize(p.change).added);
      return;
    }
    this.startInsertion(p.change, verdict, p.rec, p.ts, p.text, p.session);
  }

  /** Our Tab / Ctrl+Right command ran: the next matching change of `uri` is the accepted suggestion. */
  onInlineKey(uri: string, kind: InlineKind): void {
    this.inlineKey = { uri, ts: this.deps.clock(), kind };
  }

  /** Our Escape command ran while a suggestion was visible: an explicit rejection. */
  onInlineHide(): void {
    const now = this.deps.clock();
    this.inline.finish();
    this.sessions.activity(now);
    this.out.emit({
      kind: 'ai_interaction', ts: now, id: this.newId(), sourceTool: this.deps.aiTool?.() ?? 'other', interaction: 'inline',
      intent: 'code_generation', success: false, ...(this.sessions.id ? { session: this.sessions.id } : {}),
    });
  }

  /** The patterns feature is about to insert pattern `patternId` into `uri` (tag before the edit). */
  expectPatternInsertion(uri: string, text: string, patternId: string): void {
    this.pattern = { uri, ts: this.deps.clock(), patternId, text };
  }

  /** Our chat participant answered with code blocks: an insertion of exactly one of them is chat (`OwnAnswers`). */
  expectChatAnswer(blockHashes: readonly string[]): void {
    this.ownAnswers.add(this.deps.clock(), blockHashes);
  }

  onOpen(uri: string, text: string): void {
    this.survival.unpark(uri, text);
  }

  onClose(uri: string, text: string): void {
    this.inline.finish();
    this.survival.park(uri, text);
  }

  onSave(uri: string): void {
    const now = this.deps.clock();
    this.sessions.activity(now);
    this.survival.onSave(uri, now);
  }

  /** A terminal command ended (shell integration). */
  onTerminalEnd(run: TerminalRun): void {
    this.out.emit(terminalEvent(run, this.common(true)));
  }

  /** A task process ended. */
  onTaskEnd(run: TaskRun): void {
    this.out.emit(taskEvent(run, this.common(false)));
  }

  /** A new commit: records it with its AI lines and takes the 'commit' checkpoint of its files' insertions. */
  onCommit(input: CommitInput): void {
    const c = this.common(false);
    this.out.emit(commitEvent(input, c, shortHash(input.repoKey), (uri, text) => this.survival.aiLines(uri, text)));
    for (const f of input.files) this.survival.onCommit(f.uri, c.ts);
  }

  /** Editor context at a meaningful moment (focus, editor switch, branch, dirty files). */
  onContext(fields: Omit<ContextEvent, 'kind' | 'ts' | 'session'>): void {
    const now = this.deps.clock();
    if (fields.what !== 'blur' && fields.what !== 'idle') this.sessions.activity(now);
    this.out.emit(contextEvent(fields, now, this.sessions.id));
  }

  /** User activity that is not a text change (selection, command), for sessions. */
  activity(): void {
    this.sessions.activity(this.deps.clock());
  }

  /** Today's live figures for the status bar. */
  /** Active coding time of the session running now, ms (ended sessions are in the store). */
  sessionActiveMs(): number {
    return this.sessions.runningActiveMs;
  }

  todayFigures(): TodayCaptureFigures {
    return this.today.figures(this.deps.clock());
  }

  /** Runs timed work: checkpoints, idle sessions, ended typing runs, expired waits. */
  tick(): void {
    const opened = this.out.begin();
    try {
      const now = this.deps.clock();
      for (const [token, p] of this.pending) if (now - p.ts >= CLIPBOARD_WAIT_MS) this.resolve(token, undefined);
      while (this.largeInserts.length > 0 && now - this.largeInserts[0] > BURST_WINDOW_MS * 4) this.largeInserts.shift();
      this.inline.tick(now);
      this.deferred.drain();
      this.coalescer.tick(now);
      this.survival.tick(now);
      this.diagnostics.tick(now);
      this.sessions.tick(now);
    } finally {
      if (opened) this.out.end();
    }
  }

  /** Emits everything held in memory (typing runs, open inline accepts, pending clipboard waits). */
  flush(): void {
    const opened = this.out.begin();
    try {
      for (const token of [...this.pending.keys()]) this.resolve(token, undefined);
      this.inline.finish();
      this.deferred.drain();
      this.coalescer.flush();
    } finally {
      if (opened) this.out.end();
    }
  }

  /** Capture stops (pause or off): flush, end the session, forget in-memory tracking. */
  stop(): void {
    this.flush();
    this.sessions.end();
    this.diagnostics.clear();
    this.coalescer.clear();
  }

  /** Time of the last AI insertion (for `afterAi` on tool runs). */
  get lastAiInsertionTs(): number {
    return this.lastAiTs;
  }

  snapshot(getText: (uri: string) => string | undefined): SurvivalSnapshot {
    return this.survival.snapshot(getText);
  }

  restore(snap: SurvivalSnapshot): number {
    return this.survival.restore(snap);
  }

  /** File hash and exclusion of a document, cached per URI. */
  info(uri: string, path: string): DocInfo {
    let info = this.docs.get(uri);
    if (!info) {
      info = { excluded: path !== '' && this.excludes.matches(path), fileHash: shortHash(uri) };
      if (this.docs.size > 5_000) this.docs.clear();
      this.docs.set(uri, info);
    }
    return info;
  }

  private common(activity: boolean): { ts: number; session?: string; lastAiTs: number; level: CaptureConfig['level'] } {
    const ts = this.deps.clock();
    if (activity) this.sessions.activity(ts);
    return { ts, session: this.sessions.id, lastAiTs: this.lastAiTs, level: this.config.level };
  }

  private context(now: number): ClassifyContext {
    return {
      now, inlineKey: this.inlineKey, pattern: this.pattern, aiExtensionActive: this.deps.aiTool?.() !== undefined,
      lastChatBlockTs: this.lastChatBlockTs, recentLargeInserts: 0, ownAnswerHashes: this.ownAnswers.hashes(now),
    };
  }

  private facts(c: DocChange, label: ChangeFacts['label'], precision: Precision, ts: number, session = this.sessions.id): ChangeFacts {
    const { added, removed, lines } = changeSize(c);
    return { uri: c.uri, fileHash: this.info(c.uri, c.path).fileHash, language: c.languageId, label, precision, ts, added, removed, lines, session };
  }

  private startInsertion(c: DocChange, v: Classification, rec: OpenInsertion['rec'], ts: number, text: string, session = this.sessions.id): void {
    const ins: OpenInsertion = {
      rec, facts: this.facts(c, v.label, v.precision, ts, session), classification: v, text, end: endOf(c), last: ts, parts: 1,
    };
    if (v.origin === 'inline') this.inline.open(ins);
    else this.commitInsertion(ins, 1);
  }

  /** Emits the `text_change` and `ai_insertion` of a finished insertion and starts its checkpoints. */
  private commitInsertion(ins: OpenInsertion, count: number): void {
    const { rec, facts: f, classification: v } = ins;
    this.coalescer.single(f, count);
    this.survival.schedule(rec);
    const ai = v.origin !== 'pattern';
    // A pattern insertion is tracked too (it has its own kept share), but never as AI.
    this.today.onChange(f.ts, v.label, f.added, rec.id, !ai);
    if (ai) this.lastAiTs = Math.max(this.lastAiTs, f.ts);
    const ev: AiInsertionEvent = {
      kind: 'ai_insertion', ts: f.ts, id: rec.id, origin: v.origin!, fileHash: f.fileHash, language: f.language, chars: rec.total,
      lines: f.lines, precision: v.precision, confidence: v.confidence, textHash: '',
    };
    const tool = v.origin === 'pattern' ? undefined : v.tool ?? this.deps.aiTool?.();
    if (tool) ev.tool = tool;
    if (f.session) ev.session = f.session;
    if (v.patternId) ev.patternId = v.patternId;
    this.deferred.add(ev, ins.text, this.config.level === 'text');
    this.diagnostics.onAiInsertion(rec.uri, f.ts, f.session, f.fileHash);
  }
}

function endOf(c: DocChange): number {
  const last = c.changes[c.changes.length - 1];
  return last.rangeOffset + last.text.length;
}
