import type { RecordedEvent } from '../../../src/core/model/events';
import { CaptureEngine } from '../../../src/core/capture/engine';
import type { ContentChange, DocChange } from '../../../src/core/capture/types';
import { DEFAULT_CAPTURE_CONFIG, type CaptureConfig } from '../../../src/core/capture/types';
import type { SourceTool } from '../../../src/core/model/events';

/** A replayable editor: a document string, a fake clock, and the engine under test with a collecting sink. */
export class Replay {
  now = 1_700_000_000_000;
  readonly events: RecordedEvent[] = [];
  readonly engine: CaptureEngine;
  text = '';
  aiTool: SourceTool | undefined = 'copilot';
  errors = 0;
  private ids = 0;

  constructor(readonly uri = 'file:///ws/src/a.ts', config: Partial<CaptureConfig> = {}) {
    this.engine = new CaptureEngine({
      sink: { append: (ev) => this.events.push(ev) },
      clock: () => this.now,
      config: { ...DEFAULT_CAPTURE_CONFIG, ...config },
      aiTool: () => this.aiTool,
      errorCount: () => this.errors,
      newId: () => `id${++this.ids}`,
    });
  }

  at(ms: number): this {
    this.now += ms;
    return this;
  }

  /** Applies changes to the model text and feeds them to the engine; returns the clipboard token, if any. */
  change(changes: ContentChange[], extra: Partial<DocChange> = {}): number | undefined {
    for (const c of changes) this.text = this.text.slice(0, c.rangeOffset) + c.text + this.text.slice(c.rangeOffset + c.rangeLength);
    return this.engine.onChange({ uri: this.uri, scheme: 'file', path: this.uri.slice(7), languageId: 'typescript', changes, isActiveEditor: true, ...extra });
  }

  insert(offset: number, text: string, extra: Partial<DocChange> = {}): number | undefined {
    return this.change([{ rangeOffset: offset, rangeLength: 0, text }], extra);
  }

  type(offset: number, text: string): void {
    for (let i = 0; i < text.length; i++) {
      this.insert(offset + i, text[i]);
      this.at(50);
    }
  }

  remove(offset: number, length: number): void {
    this.change([{ rangeOffset: offset, rangeLength: length, text: '' }]);
  }

  of<K extends RecordedEvent['kind']>(kind: K): Array<Extract<RecordedEvent, { kind: K }>> {
    return this.events.filter((e): e is Extract<RecordedEvent, { kind: K }> => e.kind === kind);
  }
}
