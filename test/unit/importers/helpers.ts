import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AiInteractionEvent, FeedbackEvent, ImportCursorEvent, RecordedEvent, ToolRunEvent } from '../../../src/core/model/events';
import { importFile } from '../../../src/core/importers/run-import';
import type { FileCursor, FileImportResult, FoundFile, ImportFormat, ImportOptions } from '../../../src/core/importers/types';
import { DEFAULT_IMPORT_OPTIONS } from '../../../src/core/importers/types';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'ai-logs');
export const EDGE = join(FIXTURES, 'edge');

/** Options with a clock far after every fixture's mtime, so files count as quiet (finished). */
export const QUIET: ImportOptions = { ...DEFAULT_IMPORT_OPTIONS, now: () => 9e15 };
/** A clock equal to "just now" for every file: trailing turns are held back. */
export const BUSY: ImportOptions = { ...DEFAULT_IMPORT_OPTIONS, now: () => Date.now() + 60_000, quietMs: 10 * 60_000 };

export interface Collected {
  events: RecordedEvent[];
  interactions: AiInteractionEvent[];
  tools: ToolRunEvent[];
  feedback: FeedbackEvent[];
  cursors: ImportCursorEvent[];
  result: FileImportResult;
}

export async function collect(path: string, format: ImportFormat, options = QUIET, cursor?: FileCursor): Promise<Collected> {
  const events: RecordedEvent[] = [];
  const file: FoundFile = { path, format, source: 'claudeCode' };
  const result = await importFile(file, cursor, options, (e) => events.push(e));
  return {
    events,
    interactions: events.filter((e): e is AiInteractionEvent => e.kind === 'ai_interaction'),
    tools: events.filter((e): e is ToolRunEvent => e.kind === 'tool_run'),
    feedback: events.filter((e): e is FeedbackEvent => e.kind === 'feedback'),
    cursors: events.filter((e): e is ImportCursorEvent => e.kind === 'import_cursor'),
    result,
  };
}

export function sum(events: AiInteractionEvent[], key: keyof AiInteractionEvent): number {
  return events.reduce((n, e) => n + ((e[key] as number | undefined) ?? 0), 0);
}

/** A store stand-in that dedupes like the real one: by id for records, by externalId for tool runs. */
export class DedupingSink {
  readonly keys = new Set<string>();
  added = 0;
  append(e: RecordedEvent): void {
    if (e.kind === 'import_cursor') return;
    const key = `${e.kind}:${'id' in e ? e.id : e.kind === 'tool_run' ? e.externalId : JSON.stringify(e)}`;
    if (!this.keys.has(key)) {
      this.keys.add(key);
      this.added++;
    }
  }
}

export async function withTmp<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'ail-import-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function copyFixture(name: string, dir: string, as = name): Promise<string> {
  const target = join(dir, as);
  await copyFile(join(FIXTURES, name), target);
  return target;
}
