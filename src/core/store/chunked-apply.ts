/**
 * Groups writer batches into ingest transactions of about `CHUNK` records as they arrive: small batches from
 * several writers share one transaction, a large backlog is applied in bounded transactions (sql.js slows
 * down on very large ones, and records applied early can be collected while young).
 */
import { noIngest } from './ingest';
import type { IngestResult, WriterBatch } from './ingest';

/** Records per ingest transaction (measured: 1k-25k are within noise of each other; 5k keeps rollback small). */
export const CHUNK = 5000;

export class ChunkedApply {
  private chunk: WriterBatch[] = [];
  private n = 0;
  private readonly total: IngestResult = noIngest();

  constructor(private readonly apply: (batches: WriterBatch[]) => IngestResult) {}

  /** Adds one writer's records; applies a transaction each time `CHUNK` records are waiting. */
  push(b: WriterBatch): void {
    for (let i = 0; i < b.records.length; i += CHUNK) {
      const part = i === 0 && b.records.length <= CHUNK ? b.records : b.records.slice(i, i + CHUNK);
      this.chunk.push({ writer: b.writer, records: part });
      this.n += part.length;
      if (this.n >= CHUNK) this.flush();
    }
  }

  /** Applies what is left and returns the sums over every transaction. */
  finish(): IngestResult {
    if (this.n > 0) this.flush();
    return this.total;
  }

  private flush(): void {
    const r = this.apply(this.chunk);
    const t = this.total;
    t.applied += r.applied;
    t.replayed += r.replayed;
    t.duplicates += r.duplicates;
    t.quarantined += r.quarantined;
    t.dropped += r.dropped;
    t.firstError ??= r.firstError;
    this.chunk = [];
    this.n = 0;
  }
}
