/**
 * Follows the tails of every writer's journal segments. Keeps a read offset per segment; damaged bytes are
 * reported once (one log line per damaged region) and skipped; an incomplete record at the end of a segment
 * is retried on the next poll, and reported as a torn tail once its file has been quiet for `quietMs`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseRecords } from './record';
import { listSegments } from './segments';
import type { SegmentName } from './segments';
import type { WriterBatch } from './ingest';
import type { StoreLog } from './log';

export interface SegmentState {
  seg: SegmentName;
  offset: number;
  size: number;
  mtimeMs: number;
  /** Highest sequence number read from this segment (0 if none). */
  maxSeq: number;
  /** An incomplete record sits at `offset`. */
  pending: boolean;
  tornReported: boolean;
}

export interface PollResult {
  batches: WriterBatch[];
  bytes: number;
  badRegions: number;
  /**
   * Records this follower has not read are gone from the journal (another window's GC): a segment it had not
   * finished disappeared, a listed one vanished before it could be opened, or `passed` said so for the
   * listing. Nothing more was read; the caller rebases onto the newest snapshot first.
   */
  vanished: boolean;
}

/**
 * Asked with the lowest start sequence of each writer's segments in this poll's listing: true when reading
 * them would skip records (a GC has passed this reader's position). Called before anything is read.
 */
export type GcPassed = (lowestStart: ReadonlyMap<string, number>) => boolean;

export class JournalFollower {
  private readonly segs = new Map<string, SegmentState>();

  constructor(
    private readonly dir: string,
    private readonly log: StoreLog,
    private readonly quietMs = 2000,
  ) {}

  /** Segments as last seen. */
  states(): SegmentState[] {
    return [...this.segs.values()];
  }

  /** Forgets a segment (after GC deleted it). */
  forget(file: string): void {
    this.segs.delete(file);
  }

  /**
   * Reads everything new in every segment. With `onBatch`, each segment's records are handed over as soon as
   * that segment is read (the caller applies them while they are young, instead of holding the whole backlog);
   * without it they are collected in `batches`. When a segment this follower had not finished has vanished,
   * nothing is read (`vanished` is set: the caller reloads from the newer snapshot first); the same when
   * `passed` finds the listing starts beyond what the caller holds. A segment that vanishes between the
   * listing and its reading stops the poll there, so no later record of its writer is read past the hole.
   */
  poll(onBatch?: (b: WriterBatch) => void, passed?: GcPassed): PollResult {
    const out: PollResult = { batches: [], bytes: 0, badRegions: 0, vanished: false };
    const segs = listSegments(this.dir);
    const present = new Set(segs.map((s) => s.file));
    for (const [file, st] of this.segs) {
      if (present.has(file)) continue;
      if (st.offset < st.size || st.size === 0 || st.pending) out.vanished = true;
      this.segs.delete(file);
    }
    if (!out.vanished && passed) out.vanished = passed(lowestStarts(segs));
    if (out.vanished) return out;
    for (const seg of segs) {
      let st = this.segs.get(seg.file);
      if (!st) {
        st = { seg, offset: 0, size: 0, mtimeMs: 0, maxSeq: 0, pending: false, tornReported: false };
        this.segs.set(seg.file, st);
      }
      if (!this.readSegment(st, out)) {
        // It may have grown since it was last read: what follows it cannot be trusted to be contiguous.
        this.segs.delete(seg.file);
        out.vanished = true;
        return out;
      }
      if (onBatch) {
        for (const b of out.batches) onBatch(b);
        out.batches = [];
      }
    }
    return out;
  }

  /** Reads what is new in one segment; false when it is gone (removed between listing and opening). */
  private readSegment(st: SegmentState, out: PollResult): boolean {
    const p = path.join(this.dir, st.seg.file);
    let fd: number;
    try {
      fd = fs.openSync(p, 'r');
    } catch {
      return false;
    }
    try {
      const stat = fs.fstatSync(fd);
      st.size = stat.size;
      st.mtimeMs = stat.mtimeMs;
      if (stat.size > st.offset) {
        const buf = Buffer.allocUnsafe(stat.size - st.offset);
        const n = fs.readSync(fd, buf, 0, buf.length, st.offset);
        this.consume(st, buf.subarray(0, n), out);
      }
      if (st.pending && !st.tornReported && Date.now() - st.mtimeMs >= this.quietMs) {
        st.tornReported = true;
        this.log.warn(`store: journal ${st.seg.file}: torn record at byte ${st.offset} (${st.size - st.offset} B) rejected`);
      }
    } finally {
      fs.closeSync(fd);
    }
    return true;
  }

  private consume(st: SegmentState, buf: Buffer, out: PollResult): void {
    const r = parseRecords(buf, st.offset);
    for (const b of r.bad) {
      out.badRegions++;
      this.log.warn(`store: journal ${st.seg.file}: rejected ${b.length} B at byte ${b.offset} (${b.reason})`);
    }
    if (r.records.length > 0) {
      out.batches.push({ writer: st.seg.writer, records: r.records });
      st.maxSeq = Math.max(st.maxSeq, r.records[r.records.length - 1].seq);
    }
    out.bytes += r.consumed;
    st.offset += r.consumed;
    st.pending = r.pending !== null;
  }
}

/** Each writer's lowest segment start in a listing (ordered by writer, then start). */
function lowestStarts(segs: readonly SegmentName[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const s of segs) if (!m.has(s.writer)) m.set(s.writer, s.startSeq);
  return m;
}
