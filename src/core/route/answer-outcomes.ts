/**
 * The outcome of our participant's answers, measured as it arrives (issue 15): the chat's vote, a rephrased
 * follow-up within `REPHRASE_WINDOW_MS`, code blocks of the answer inserted in the editor (capture's `ai_insertion`
 * whose `textHash` is one of the answer's block hashes) and how much of them survived at 10 minutes and at commit
 * (capture's `survival` checkpoints of those insertions), the errors those insertions brought into their files
 * (capture's diagnostics `tool_run`, `DIAGNOSTICS_WINDOW_MS` after the first AI insertion into the file, summed over
 * the answer's files) and the first test run (terminal or task `tool_run` recognised as a test, with a known result)
 * within `TESTS_AFTER_MS` of the answer's first insertion. Each new signal re-scores the answer with `qualityScore`
 * and yields an `outcome` learning event (the latest per request wins in the store). Bounded: the last
 * `MAX_ANSWERS` answers of the last day.
 */
import { DIAGNOSTICS_WINDOW_MS } from '../capture/diagnostics';
import type { RecordedEvent, ToolRunEvent } from '../model/events';
import type { OutcomeSignals } from './outcome';
import { isRephrase } from './outcome';
import { outcomeEvent, patternOutcomeEvents } from './record';

export const MAX_ANSWERS = 50;
/** A test run this long after an answer's code went into the editor counts for that answer (the latest such answer). */
export const TESTS_AFTER_MS = 10 * 60_000;
/** Capture ticks every 5 s: its diagnostics event can arrive a little after its window. */
const DIAGNOSTICS_SLACK_MS = 30_000;
const MAX_AGE_MS = 86_400_000;

export interface TrackedAnswer {
  requestId: string;
  taskType: string;
  model: string;
  prompt: string;
  ts: number;
  blockHashes: readonly string[];
  signals: OutcomeSignals;
  costUsd?: number;
  /** Seed 002 patterns put into its prompt: rated kept or discarded once the outcome is settled (a vote, 10 minutes). */
  patternIds?: readonly string[];
}

interface Tracked extends TrackedAnswer {
  hashes: Set<string>;
  /** Insertion id -> its characters, time, file, and what was kept at each checkpoint. */
  insertions: Map<string, { chars: number; ts: number; fileHash: string; kept10m?: number; keptCommit?: number }>;
  /** File hash -> error delta, one diagnostics event per file. */
  errorDeltas: Map<string, number>;
  revision: number;
  patternsRated: boolean;
}

export class AnswerOutcomes {
  private readonly answers: Tracked[] = [];

  /** Starts tracking an answer; a rephrase of the previous one within the window marks that one negative. */
  answered(a: TrackedAnswer): RecordedEvent[] {
    const prev = this.answers[this.answers.length - 1];
    const out: RecordedEvent[] = [];
    if (prev && prev.signals.rephrasedWithinMs === undefined && isRephrase(prev.prompt, a.prompt, a.ts - prev.ts)) {
      prev.signals = { ...prev.signals, rephrasedWithinMs: a.ts - prev.ts };
      out.push(...this.scored(prev, a.ts));
    }
    this.answers.push({ ...a, signals: { ...a.signals }, hashes: new Set(a.blockHashes), insertions: new Map(), errorDeltas: new Map(), revision: 0, patternsRated: false });
    this.prune(a.ts);
    return out;
  }

  /** The chat's thumbs up (1) or down (-1) on an answer. */
  vote(requestId: string, vote: 1 | -1, now: number): RecordedEvent[] {
    const t = this.answers.find((x) => x.requestId === requestId);
    if (!t || t.signals.vote === vote) return [];
    t.signals = { ...t.signals, vote };
    return this.scored(t, now);
  }

  /** Capture's events: insertions of an answer's code and their survival checkpoints. */
  observe(events: readonly RecordedEvent[], now: number): RecordedEvent[] {
    const changed = new Set<Tracked>();
    for (const e of events) {
      if (e.kind === 'ai_insertion') {
        const t = this.answers.find((x) => x.hashes.has(e.textHash));
        if (!t || t.insertions.has(e.id)) continue;
        t.insertions.set(e.id, { chars: e.chars, ts: e.ts, fileHash: e.fileHash });
        t.signals = { ...t.signals, blocksInserted: t.insertions.size };
        changed.add(t);
      } else if (e.kind === 'survival' && (e.checkpoint === '10m' || e.checkpoint === 'commit')) {
        const t = this.answers.find((x) => x.insertions.has(e.insertionId));
        const ins = t?.insertions.get(e.insertionId);
        if (!t || !ins) continue;
        const share = e.lost || e.charsTotal <= 0 ? 0 : e.charsKept / e.charsTotal;
        if (e.checkpoint === '10m') ins.kept10m = share;
        else ins.keptCommit = share;
        t.signals = { ...t.signals, ...survival(t) };
        changed.add(t);
      } else if (e.kind === 'tool_run') {
        const t = this.afterRun(e);
        if (t) changed.add(t);
      }
    }
    return [...changed].flatMap((t) => this.scored(t, now));
  }

  /** A diagnostics delta in a file an answer's code went into, or a test run after it: the answer it counts for. */
  private afterRun(e: ToolRunEvent): Tracked | undefined {
    if (e.source === 'diagnostics') {
      if (typeof e.errorDelta !== 'number' || !e.fileHash) return undefined;
      const t = this.latest((x) => [...x.insertions.values()].some((i) => i.fileHash === e.fileHash && e.ts >= i.ts && e.ts - i.ts <= DIAGNOSTICS_WINDOW_MS + DIAGNOSTICS_SLACK_MS));
      if (!t || t.errorDeltas.has(e.fileHash)) return undefined;
      t.errorDeltas.set(e.fileHash, e.errorDelta);
      t.signals = { ...t.signals, diagnosticsDelta: [...t.errorDeltas.values()].reduce((a, b) => a + b, 0) };
      return t;
    }
    if (!e.isTest || typeof e.success !== 'boolean' || (e.source !== 'terminal' && e.source !== 'task')) return undefined;
    const t = this.latest((x) => {
      const first = Math.min(...[...x.insertions.values()].map((i) => i.ts));
      return e.ts >= first && e.ts - first <= TESTS_AFTER_MS;
    });
    if (!t || t.signals.testsPassed !== undefined) return undefined;
    t.signals = { ...t.signals, testsPassed: e.success };
    return t;
  }

  /** The most recent tracked answer that `match` accepts. */
  private latest(match: (t: Tracked) => boolean): Tracked | undefined {
    for (let i = this.answers.length - 1; i >= 0; i--) if (this.answers[i].insertions.size && match(this.answers[i])) return this.answers[i];
    return undefined;
  }

  private scored(t: Tracked, now: number): RecordedEvent[] {
    t.revision++;
    const ev = outcomeEvent(t.requestId, t.revision, now, t.taskType, t.model, t.signals, t.costUsd);
    if (!ev) return [];
    const settled = t.signals.vote !== undefined || t.signals.survival10m !== undefined;
    if (!settled || t.patternsRated || !t.patternIds?.length) return [ev];
    t.patternsRated = true;
    return [ev, ...patternOutcomeEvents(t.requestId, now, t.patternIds, Number(ev.data.quality))];
  }

  private prune(now: number): void {
    while (this.answers.length > MAX_ANSWERS || (this.answers[0] && now - this.answers[0].ts > MAX_AGE_MS)) this.answers.shift();
  }
}

/** Survival shares weighted by the inserted characters, over the insertions that reached the checkpoint. */
function survival(t: Tracked): Pick<OutcomeSignals, 'survival10m' | 'survivalCommit'> {
  const share = (key: 'kept10m' | 'keptCommit'): number | undefined => {
    let kept = 0;
    let total = 0;
    for (const i of t.insertions.values()) {
      const s = i[key];
      if (s === undefined) continue;
      kept += s * i.chars;
      total += i.chars;
    }
    return total > 0 ? kept / total : undefined;
  };
  const s10 = share('kept10m');
  const sc = share('keptCommit');
  return { ...(s10 !== undefined ? { survival10m: s10 } : {}), ...(sc !== undefined ? { survivalCommit: sc } : {}) };
}
