import type { RecordedEvent } from '../model/events';
import type { EventSink } from '../model/sink';

/**
 * The capture engine's sink. With `appendMany` (the journal writer has it), everything one engine call emits
 * (one text change can end a typing run and commit an insertion: three records) goes out in one write before
 * the call returns. `appendMany` must not keep the array it is given.
 */
export interface CaptureSink extends EventSink {
  appendMany?(events: readonly RecordedEvent[]): void;
}

/** Most events handed to one `appendMany` (a tick can emit thousands of checkpoints; the encode buffer grows to fit). */
export const MAX_BATCH = 256;

/**
 * Collects the events of one engine call and hands them to the sink in order when the call ends, in one
 * `appendMany`. Nothing waits past the call: when the engine returns, its events are in the sink, as with
 * plain `append`. Without `appendMany` every event goes straight to `append`.
 */
export class Outbox {
  private collecting = false;
  private readonly box: RecordedEvent[] = [];

  constructor(private readonly sink: CaptureSink) {}

  emit(ev: RecordedEvent): void {
    if (this.collecting) this.box.push(ev);
    else this.sink.append(ev);
  }

  /** Starts collecting; false (and nothing to `end`) when already collecting or the sink takes no batches. */
  begin(): boolean {
    if (this.collecting || !this.sink.appendMany) return false;
    this.collecting = true;
    return true;
  }

  /** Hands the collected events to the sink, in order. */
  end(): void {
    const box = this.box;
    this.collecting = false;
    if (box.length === 0) return;
    try {
      if (box.length === 1) this.sink.append(box[0]);
      else if (box.length <= MAX_BATCH) this.sink.appendMany!(box);
      else for (let i = 0; i < box.length; i += MAX_BATCH) this.sink.appendMany!(box.slice(i, i + MAX_BATCH));
    } finally {
      box.length = 0;
    }
  }
}
