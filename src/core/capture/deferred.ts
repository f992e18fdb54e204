import type { AiInsertionEvent } from '../model/events';
import { fastHash } from '../util/hash';
import { redactSecrets } from './redact';

/** More waiting than this and they are completed at once (memory bound). */
export const MAX_DEFERRED = 64;
/**
 * The most inserted text kept at the `text` level. Redaction runs here, on the extension host's thread, at
 * ~5 ms per 100 KB: the cap bounds one insertion's cost to a few milliseconds. The hash covers the whole text.
 */
export const MAX_INSERTION_TEXT = 64 * 1024;

interface Waiting {
  ev: AiInsertionEvent;
  text: string;
  withText: boolean;
}

/**
 * Completes and emits `ai_insertion` events off the keystroke: `textHash` of the inserted text (O(length),
 * ~1.2 ns a character), the redacted text at the `text` capture level, and the journal write (measured at
 * ~7 us in place: a lone write after tens of microseconds of other work finds the syscall path cold). The
 * engine drains at every tick (the host ticks every 5 s), before any survival event (the store looks the
 * insertion up for it), and on flush/stop. A crash loses what waits (at most one tick's insertions), as it
 * loses the in-memory typing run and the survival tracking since the last state save.
 */
export class DeferredInsertions {
  private readonly waiting: Waiting[] = [];

  constructor(private readonly emit: (ev: AiInsertionEvent) => void) {}

  /** Queues `ev` (its `textHash` and `text` are filled in when it is emitted). */
  add(ev: AiInsertionEvent, text: string, withText: boolean): void {
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
  if (withText) ev.text = redactSecrets(text, MAX_INSERTION_TEXT).text;
  return ev;
}
