/** Where the store reports what it did and what went wrong; the host backs it with its LogOutputChannel. */
export interface StoreLog {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string, err?: unknown): void;
}

/** A log that drops everything (tests, benchmarks). */
export const silentLog: StoreLog = { info() {}, warn() {}, error() {} };

/** Collects lines in memory (tests assert on them). */
export class MemoryLog implements StoreLog {
  readonly lines: string[] = [];
  info(msg: string): void {
    this.lines.push(`info ${msg}`);
  }
  warn(msg: string): void {
    this.lines.push(`warn ${msg}`);
  }
  error(msg: string, err?: unknown): void {
    this.lines.push(`error ${msg}${err instanceof Error ? `: ${err.message}` : ''}`);
  }
}
