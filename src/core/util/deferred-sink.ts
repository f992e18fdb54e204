import type { RecordedEvent } from '../model/events';
import type { EventSink } from '../model/sink';

/**
 * An EventSink usable before its target exists: holds up to `limit` events in memory until `attach`,
 * then forwards them in order and passes everything after straight through. Activation stays fast
 * (the store opens in the background) and the first keystrokes are not lost.
 */
export class DeferredSink implements EventSink {
  private target: EventSink | undefined;
  private held: RecordedEvent[] = [];
  private droppedCount = 0;

  constructor(private readonly limit = 10_000) {}

  append(event: RecordedEvent): void {
    if (this.target) {
      this.target.append(event);
    } else if (this.held.length < this.limit) {
      this.held.push(event);
    } else {
      this.droppedCount++;
    }
  }

  appendMany(events: readonly RecordedEvent[]): void {
    if (this.target?.appendMany) this.target.appendMany(events);
    else for (const e of events) this.append(e);
  }

  /** Forwards what was held, then everything after. */
  attach(target: EventSink): void {
    this.target = target;
    const held = this.held;
    this.held = [];
    if (target.appendMany) target.appendMany(held);
    else for (const e of held) target.append(e);
  }

  /** Events dropped because the store never opened and the buffer was full. */
  get dropped(): number {
    return this.droppedCount;
  }
}
