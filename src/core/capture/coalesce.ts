import type { ChangeLabel, Precision, TextChangeEvent } from '../model/events';

/** A run of typing (or undo/redo) in one document is summarised as one event, at most this long... */
export const RUN_MAX_MS = 60_000;
/** ...and ended by a pause this long. */
export const RUN_GAP_MS = 5_000;

interface Run {
  uri: string;
  fileHash: string;
  language: string;
  label: ChangeLabel;
  precision: Precision;
  first: number;
  last: number;
  added: number;
  removed: number;
  lines: number;
  count: number;
  session?: string;
}

/** Change facts handed to the coalescer. */
export interface ChangeFacts {
  uri: string;
  fileHash: string;
  language: string;
  label: ChangeLabel;
  precision: Precision;
  ts: number;
  added: number;
  removed: number;
  lines: number;
  session?: string;
}

function family(label: ChangeLabel): string {
  return label === 'delete' ? 'typed' : label;
}

/** Ended runs waiting for the next `tick`: beyond this many they are emitted at once (memory bound). */
export const MAX_ENDED_RUNS = 256;

/**
 * Keystroke-level changes (typed, delete, undo, redo) are merged per document into runs so the journal gets
 * one `text_change` per burst of typing instead of one per key. Other labels pass through as single events.
 *
 * Nothing is written on the keystroke itself: a run ended by a keystroke (another document, another label
 * family, the gap or length limit) or by a single change, and the single change's own event, wait in order for
 * the next `tick` (the host ticks every 5 s) or `flush`, which emits them together (one journal write). What a
 * crash can lose is what is in memory by design: the open run (at most RUN_MAX_MS) and the `text_change`s
 * ended since the last tick.
 */
export class ChangeCoalescer {
  private run: Run | undefined;
  private readonly ended: Run[] = [];

  constructor(private readonly emit: (ev: TextChangeEvent) => void) {}

  /** Adds a keystroke-level change (typed / delete / undo / redo) to the current run. */
  add(f: ChangeFacts): void {
    const r = this.run;
    if (r && (r.uri !== f.uri || family(r.label) !== family(f.label) || f.ts - r.first >= RUN_MAX_MS || f.ts - r.last >= RUN_GAP_MS)) this.end();
    const run = this.run ?? (this.run = newRun(f, 0));
    if (run.label === 'delete' && f.label === 'typed') {
      run.label = 'typed';
      run.precision = f.precision;
    }
    run.last = f.ts;
    run.added += f.added;
    run.removed += f.removed;
    run.lines += f.lines;
    run.count++;
  }

  /** A single change (paste, inline, chat, ...): ends the current run; both are emitted, in order, at the next tick. */
  single(f: ChangeFacts, count = 1): void {
    this.end();
    const run = newRun(f, count);
    run.added = f.added;
    run.removed = f.removed;
    run.lines = f.lines;
    this.run = run;
    this.end();
  }

  /** Ends the run once it is old or paused, and emits the ended runs. */
  tick(now: number): void {
    const r = this.run;
    if (r && (now - r.last >= RUN_GAP_MS || now - r.first >= RUN_MAX_MS)) this.end();
    this.emitEnded();
  }

  /** Ends the current run and emits every ended run. */
  flush(): void {
    this.end();
    this.emitEnded();
  }

  clear(): void {
    this.run = undefined;
    this.ended.length = 0;
  }

  /** Ends the current run; it is emitted with the next `tick` or `flush`. */
  private end(): void {
    const r = this.run;
    this.run = undefined;
    if (!r) return;
    this.ended.push(r);
    if (this.ended.length > MAX_ENDED_RUNS) this.emitEnded();
  }

  private emitEnded(): void {
    for (const r of this.ended) this.emit(toEvent(r));
    this.ended.length = 0;
  }
}

/**
 * A run starting with `f`, with zero sizes. Built field by field: an object spread with overridden keys
 * (`{ ...f, added: 0 }`) takes V8's slow clone path, measured at ~2.3 us against ~0.06 us for this literal.
 */
function newRun(f: ChangeFacts, count: number): Run {
  return {
    uri: f.uri, fileHash: f.fileHash, language: f.language, label: f.label, precision: f.precision, first: f.ts, last: f.ts,
    added: 0, removed: 0, lines: 0, count, session: f.session,
  };
}

function toEvent(r: Run): TextChangeEvent {
  const ev: TextChangeEvent = {
    kind: 'text_change', ts: r.first, fileHash: r.fileHash, language: r.language, label: r.label, precision: r.precision,
    charsAdded: r.added, charsRemoved: r.removed, linesAdded: r.lines, count: r.count,
  };
  if (r.session) ev.session = r.session;
  return ev;
}
