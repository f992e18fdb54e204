/**
 * The outcome of our participant's answers, measured as it arrives (issue 15): the chat's vote, a rephrased
 * follow-up within `REPHRASE_WINDOW_MS`, code blocks of the answer inserted in the editor (capture's `ai_insertion`
 * whose `textHash` is one of the answer's block hashes) and how much of them survived at 10 minutes and at commit
 * (capture's `survival` checkpoints of those insertions). Each new signal re-scores the answer with `qualityScore`
 * and yields an `outcome` learning event (the latest per request wins in the store). Bounded: the last
 * `MAX_ANSWERS` answers of the last day.
 */
import type { RecordedEvent } from '../model/events';
import type { OutcomeSignals } from './outcome';
import { isRephrase } from './outcome';
import { outcomeEvent, patternOutcomeEvents } from './record';

export const MAX_ANSWERS = 50;
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
  /** Insertion id -> its characters, and what was kept at each checkpoint. */
  insertions: Map<string, { chars: number; kept10m?: number; keptCommit?: number }>;
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
    this.answers.push({ ...a, signals: { ...a.signals }, hashes: new Set(a.blockHashes), insertions: new Map(), revision: 0, patternsRated: false });
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
        t.insertions.set(e.id, { chars: e.chars });
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
      }
    }
    return [...changed].flatMap((t) => this.scored(t, now));
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
