import type { AiInsertionEvent } from '../model/events';
import { fastHash } from '../util/hash';
import { redactSecrets } from './redact';

/** AI insertions longer than this are hashed (and redacted) at the next tick instead of on the keystroke. */
export const LONG_INSERTION_CHARS = 2_000;
/** More waiting than this and they are completed at once (memory bound). */
export const MAX_DEFERRED = 64;

interface Waiting {
  ev: AiInsertionEvent;
  text: string;
  withText: boolean;
}

/**
 * Completes `ai_insertion` events: `textHash` of the inserted text and, at the `text` capture level, the
 * redacted text. Both cost O(text length) (~1.2 ns a character for the hash, more for redaction), so a long
 * insertion (an agent writing a file) waits for `drain`: the engine drains at every tick (the host ticks every
 * 5 s), before any survival event (the store looks the insertion up for it) and on flush. A crash loses what
 * waits, as it loses the in-memory typing run.
 */
export class DeferredInsertions {
  private readonly waiting: Waiting[] = [];

  constructor(private readonly emit: (ev: AiInsertionEvent) => void) {}

  /** Completes and emits `ev` now, or at the next `drain` when `text` is long. */
  add(ev: AiInsertionEvent, text: string, withText: boolean): void {
    if (text.length <= LONG_INSERTION_CHARS) {
      this.emit(complete(ev, text, withText));
      return;
    }
    this.waiting.push({ ev, text, withText });
    if (this.waiting.length > MAX_DEFERRED) this.drain();
  }

  get size(): number {
    return this.waiting.length;
  }

  /** Completes and emits everything waiting, in order. */
  drain(): void {
    if (this.waiting.length === 0) return;
    for (const w of this.waiting.splice(0)) this.emit(complete(w.ev, w.text, w.withText));
  }
}

function complete(ev: AiInsertionEvent, text: string, withText: boolean): AiInsertionEvent {
  ev.textHash = fastHash(text);
  if (withText) ev.text = redactSecrets(text).text;
  return ev;
}
