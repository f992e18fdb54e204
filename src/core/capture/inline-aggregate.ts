import type { Classification } from './classifier';
import { changeSize, insertedText } from './classifier';
import type { ChangeFacts } from './coalesce';
import type { TrackedInsertion } from './survival';
import type { DocChange } from './types';

/** Partial accepts of one suggestion must follow each other within this time. */
export const INLINE_PART_GAP_MS = 10_000;

/** An AI insertion whose events are not emitted yet (inline accepts wait for further partial accepts). */
export interface OpenInsertion {
  rec: TrackedInsertion;
  facts: ChangeFacts;
  classification: Classification;
  /** The inserted text (hashed; stored only at the `text` capture level). */
  text: string;
  /** Offset right after the inserted text: where a further partial accept of the same suggestion starts. */
  end: number;
  last: number;
  parts: number;
}

/**
 * Aggregates partial accepts (Ctrl/Cmd+Right word by word, accept line) of one inline suggestion into one
 * insertion: a further inline accept that starts where the previous one ended, in the same document, within
 * INLINE_PART_GAP_MS, extends it. Any other change, Escape, or the gap ends it.
 */
export class InlineAggregator {
  current: OpenInsertion | undefined;

  constructor(private readonly commit: (ins: OpenInsertion, parts: number) => void) {}

  open(ins: OpenInsertion): void {
    this.finish();
    this.current = ins;
  }

  /** Whether inline change `c` continues the open suggestion. */
  continues(c: DocChange, now: number): boolean {
    const cur = this.current;
    return (
      cur !== undefined && cur.rec.uri === c.uri && c.changes.length === 1 && c.changes[0].rangeOffset === cur.end &&
      now - cur.last <= INLINE_PART_GAP_MS
    );
  }

  /** Adds a continuing part (its characters were already added to the tracked insertion). */
  extend(c: DocChange, now: number): void {
    const cur = this.current!;
    const size = changeSize(c);
    cur.facts.added += size.added;
    cur.facts.removed += size.removed;
    cur.facts.lines += size.lines;
    cur.text += insertedText(c);
    cur.end = c.changes[0].rangeOffset + c.changes[0].text.length;
    cur.last = now;
    cur.parts++;
  }

  tick(now: number): void {
    if (this.current && now - this.current.last > INLINE_PART_GAP_MS) this.finish();
  }

  finish(): void {
    const cur = this.current;
    this.current = undefined;
    if (cur) this.commit(cur, cur.parts);
  }
}
