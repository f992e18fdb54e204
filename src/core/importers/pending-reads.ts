/**
 * Files to read again: those a watcher reported (debounced) and those read only in part because they were still
 * being written. A file the user chose ("Import AI Chat File...", a drop) is read again as chosen: it lies in no
 * known folder, so a discovery restricted to its path would never find it and its last turn would be lost.
 */
export class PendingReads {
  private readonly watched = new Set<string>();
  private readonly chosen = new Set<string>();
  private readonly retries = new Map<string, number>();

  constructor(private readonly maxRetries: number) {}

  /** A watcher's change: read at the next flush, however often it fired. */
  changed(path: string): void {
    this.watched.add(path);
  }

  /**
   * The files one run left unfinished; each is queued at most `maxRetries` times in a row (a file that stays
   * unfinished, say one written to all day, is left to its next change); a file not left unfinished by this run
   * starts its count over. Returns whether anything was queued.
   */
  unfinished(pending: readonly string[], wasChosen: boolean): boolean {
    const left = new Set(pending);
    for (const p of [...this.retries.keys()]) if (!left.has(p)) this.retries.delete(p);
    let queued = false;
    for (const p of pending) {
      const n = (this.retries.get(p) ?? 0) + 1;
      this.retries.set(p, n);
      if (n > this.maxRetries) continue;
      (wasChosen ? this.chosen : this.watched).add(p);
      queued = true;
    }
    return queued;
  }

  /** What to read now: known-location paths (a restricted discovery) and chosen ones (read as chosen). Empties it. */
  take(): { watched: string[]; chosen: string[] } {
    const out = { watched: [...this.watched], chosen: [...this.chosen].filter((p) => !this.watched.has(p)) };
    this.watched.clear();
    this.chosen.clear();
    return out;
  }
}
