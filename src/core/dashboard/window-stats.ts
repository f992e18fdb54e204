import type { RecordedEvent } from '../model/events';
import type { EventSink } from '../model/sink';
import type { LanguageRow } from './dashboard-data';

/**
 * An EventSink in front of the real one: counts what this window has recorded (for the status bar)
 * and keeps text changes per language and label (the dashboard's live view of this window).
 * Bounded: one row per (language, label).
 */
export class WindowStats implements EventSink {
  private seen = 0;
  private readonly rows = new Map<string, LanguageRow>();
  private readonly listeners = new Set<(events: readonly RecordedEvent[]) => void>();

  constructor(private readonly next?: EventSink) {}

  append(event: RecordedEvent): void {
    this.count(event);
    this.next?.append(event);
    for (const listener of this.listeners) listener([event]);
  }

  appendMany(events: readonly RecordedEvent[]): void {
    for (const event of events) this.count(event);
    if (this.next?.appendMany) this.next.appendMany(events);
    else for (const event of events) this.next?.append(event);
    for (const listener of this.listeners) listener(events);
  }

  private count(event: RecordedEvent): void {
    this.seen++;
    if (event.kind === 'text_change') this.addTextChange(event.language, event.label, event.charsAdded, event.count);
  }

  /** Events recorded by this window since it started. */
  get eventsSeen(): number {
    return this.seen;
  }

  textByLanguage(): LanguageRow[] {
    return [...this.rows.values()].map((r) => ({ ...r }));
  }

  /** Called after every append with what was appended (not to be kept); returns a function that removes the listener. */
  onDidAppend(listener: (events: readonly RecordedEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private addTextChange(language: string, label: string, chars: number, count: number): void {
    const key = `${language}\u0000${label}`;
    const row = this.rows.get(key) ?? { language, label, chars: 0, changes: 0 };
    row.chars += chars;
    row.changes += count;
    this.rows.set(key, row);
  }
}
