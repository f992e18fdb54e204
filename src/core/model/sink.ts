import type { RecordedEvent } from './events';

/**
 * Where producers put events. On the extension host's main thread this is the journal writer:
 * `append` must be cheap (one buffered `write`, no SQL, no await) and must never throw; a failed
 * write is reported through the writer's own status, not to the producer.
 */
export interface EventSink {
  append(event: RecordedEvent): void;
  /**
   * Several events at once, in order (the journal writes them with one `write`). Optional: without it,
   * callers append one by one. Must not keep the array it is given.
   */
  appendMany?(events: readonly RecordedEvent[]): void;
}
