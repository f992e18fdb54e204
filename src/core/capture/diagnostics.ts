import type { ToolRunEvent } from '../model/events';

/** How long after an AI insertion the file's error count is compared with the count before it. */
export const DIAGNOSTICS_WINDOW_MS = 120_000;

/**
 * Diagnostics-delta attribution: when AI code enters a file, note its error count; `DIAGNOSTICS_WINDOW_MS`
 * later, record the change. Further insertions into the same file inside the window share the first count.
 * Attribution is heuristic: other edits in the window count too.
 */
export class DiagnosticsWatch {
  private readonly open = new Map<string, { ts: number; before: number; session?: string; fileHash?: string }>();

  constructor(
    private readonly emit: (ev: ToolRunEvent) => void,
    private readonly errorCount: (uri: string) => number | undefined,
    private readonly windowMs = DIAGNOSTICS_WINDOW_MS,
  ) {}

  /** An AI insertion entered `uri` (hashed `fileHash`, carried by the event so an answer's outcome finds it) at `now`. */
  onAiInsertion(uri: string, now: number, session?: string, fileHash?: string): void {
    if (this.open.has(uri)) return;
    const before = this.errorCount(uri);
    if (before === undefined) return;
    this.open.set(uri, { ts: now, before, session, ...(fileHash ? { fileHash } : {}) });
    if (this.open.size > 500) this.open.delete(this.open.keys().next().value!);
  }

  /** Records the windows that have ended. */
  tick(now: number): void {
    for (const [uri, w] of this.open) {
      if (now - w.ts < this.windowMs) continue;
      this.open.delete(uri);
      const after = this.errorCount(uri);
      if (after === undefined) continue;
      const delta = after - w.before;
      const ev: ToolRunEvent = {
        kind: 'tool_run', ts: now, tool: 'diagnostics', source: 'diagnostics', success: delta <= 0, errorDelta: delta,
        afterAi: true, durationMs: now - w.ts,
      };
      if (w.session) ev.session = w.session;
      if (w.fileHash) ev.fileHash = w.fileHash;
      this.emit(ev);
    }
  }

  clear(): void {
    this.open.clear();
  }
}
