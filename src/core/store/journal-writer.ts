/**
 * The main thread's only store code: `append` encodes one record and makes one `fs.writeSync` to this writer
 * session's own segment (`appendMany`: several records, one `fs.writeSync`). Never SQL, never an await, never a throw. `fdatasync` runs in the background at most
 * once per `syncMs`.
 *
 * Failure policy (ENOSPC, EACCES, EROFS, EIO, ...): capture pauses. Events appended while paused go to an
 * in-memory backlog of at most `maxBacklog` events (default 10 000); beyond that they are dropped and counted
 * (`status.dropped`). Nothing already written is touched. `onStatus` fires once on pause and once on resume.
 * Every `retryMs` the writer tries a fresh segment and writes the backlog; when that works, capture resumes.
 */
import nodeFs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { RecordedEvent } from '../model/events';
import type { EventSink } from '../model/sink';
import { RecordEncoder } from './record';
import { segmentFileName } from './segments';

/** What the writer is doing: recording, or paused by a failed write (with the error that paused it). */
export type WriterStatus =
  | { state: 'ok'; dropped: number }
  | { state: 'paused'; code: string; message: string; backlog: number; dropped: number };

/** The file operations the writer uses (injectable so tests can fail them). */
export type JournalFs = Pick<typeof nodeFs, 'openSync' | 'writeSync' | 'closeSync' | 'fdatasync' | 'mkdirSync'>;

export interface JournalWriterOptions {
  /** The journal directory (shared by all writers; each writes its own segments). */
  dir: string;
  /** A readable prefix for this writer's segments, e.g. the window id or `import`. A unique suffix is added. */
  writerId: string;
  /** Background `fdatasync` interval, ms (default 1000). 0 syncs after every append (slow: ~4 ms each). */
  syncMs?: number;
  onStatus?: (s: WriterStatus) => void;
  /** Rotate to a new segment past this size (default 1 MB). */
  segmentBytes?: number;
  /** Start a new segment when the last write is older than this (default 60 s); see `StoreEngine` GC. */
  idleRotateMs?: number;
  /** While paused, retry this often (default 2000 ms). */
  retryMs?: number;
  maxBacklog?: number;
  fs?: JournalFs;
}

export class JournalWriter implements EventSink {
  /**
   * This writer session's key: segment names and the worker's high-water marks use it. It changes only
   * when a segment name is already taken (a failed first write left its file behind): sequence numbers
   * go on, and the worker keeps one high-water mark per key.
   */
  key: string;
  private readonly fs: JournalFs;
  private readonly enc = new RecordEncoder();
  private fd = -1;
  private seq = 0;
  private segBytes = 0;
  private lastWrite = 0;
  private unsynced = false;
  private syncTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private backlog: RecordedEvent[] = [];
  private dropped = 0;
  private closed = false;
  private current: WriterStatus = { state: 'ok', dropped: 0 };
  /** Events that could not be encoded (not JSON-serialisable); skipped and counted. */
  rejected = 0;
  /** Path of the segment being written, if any. */
  segmentPath: string | undefined;

  private constructor(private readonly opts: Required<Omit<JournalWriterOptions, 'onStatus'>> & JournalWriterOptions) {
    this.fs = opts.fs;
    this.key = newKey(opts.writerId);
  }

  /** Creates a writer; no file is created until the first append. */
  static open(opts: JournalWriterOptions): JournalWriter {
    return new JournalWriter({
      syncMs: 1000, segmentBytes: 1024 * 1024, idleRotateMs: 60_000, retryMs: 2000, maxBacklog: 10_000,
      fs: nodeFs, ...withoutUndefined(opts),
    });
  }

  get status(): WriterStatus {
    return this.current.state === 'paused'
      ? { ...this.current, backlog: this.backlog.length, dropped: this.dropped }
      : { state: 'ok', dropped: this.dropped };
  }

  /** The last sequence number written (tests and the client's bookkeeping). */
  get lastSeq(): number {
    return this.seq;
  }

  /** Appends one event: one encode and one `writeSync`. Never throws. */
  append(ev: RecordedEvent): void {
    if (this.closed) return;
    if (this.current.state === 'paused') {
      this.enqueue(ev);
      return;
    }
    try {
      this.writeOne(ev);
    } catch (err) {
      if (err instanceof EncodeError) this.rejected++;
      else this.pause(err, [ev]);
    }
  }

  /**
   * Appends several events (say, everything one text change produced) with one `writeSync`: the records are
   * encoded back to back, in order, in the same format as `append`'s. The same guarantee: when it returns,
   * every event is written (or in the backlog while paused). Never throws.
   */
  appendMany(evs: readonly RecordedEvent[]): void {
    if (this.closed || evs.length === 0) return;
    if (evs.length === 1) return this.append(evs[0]);
    if (this.current.state === 'paused') {
      for (const ev of evs) this.enqueue(ev);
      return;
    }
    try {
      this.writeMany(evs);
    } catch (err) {
      this.pause(err, evs);
    }
  }

  /** Starts a new segment with the next append (the worker may ask after a snapshot). */
  rotate(): void {
    this.closeSegment();
  }

  /** Waits until everything appended so far is on disk (`fdatasync`). */
  flush(): Promise<void> {
    const fd = this.fd;
    if (fd < 0 || !this.unsynced) return Promise.resolve();
    this.unsynced = false;
    return new Promise((resolve) => this.fs.fdatasync(fd, () => resolve()));
  }

  /** Flushes, closes the segment and stops the timers. A paused writer tries its backlog one last time. */
  async close(): Promise<void> {
    if (this.closed) return;
    if (this.current.state === 'paused') this.retry();
    this.closed = true;
    clearTimeout(this.syncTimer);
    clearInterval(this.retryTimer);
    await this.flush();
    if (this.fd >= 0) this.fs.closeSync(this.fd);
    this.fd = -1;
  }

  private writeOne(ev: RecordedEvent): void {
    const seq = this.seq + 1;
    let rec: { buf: Buffer; length: number };
    try {
      rec = this.enc.encode(seq, ev);
    } catch (err) {
      throw new EncodeError(String(err));
    }
    const now = Date.now();
    const full = this.segBytes > 0 && this.segBytes + rec.length > this.opts.segmentBytes;
    if (this.fd < 0 || full || now - this.lastWrite > this.opts.idleRotateMs) this.openSegment(seq);
    const n = this.fs.writeSync(this.fd, rec.buf, 0, rec.length);
    if (n !== rec.length) {
      // A short write leaves a torn record: never write after it in this segment.
      this.closeSegment();
      throw Object.assign(new Error(`short write (${n} of ${rec.length} bytes)`), { code: 'ESHORTWRITE' });
    }
    this.seq = seq;
    this.segBytes += rec.length;
    this.lastWrite = now;
    this.scheduleSync();
  }

  /** `writeOne` for a batch: one write; events that cannot be encoded are skipped and counted once written. */
  private writeMany(evs: readonly RecordedEvent[]): void {
    let seq = this.seq;
    let length = 0;
    let bad = 0;
    for (const ev of evs) {
      try {
        length += this.enc.encodeAt(seq + 1, ev, length);
        seq++;
      } catch {
        bad++;
      }
    }
    if (length > 0) {
      const now = Date.now();
      const full = this.segBytes > 0 && this.segBytes + length > this.opts.segmentBytes;
      if (this.fd < 0 || full || now - this.lastWrite > this.opts.idleRotateMs) this.openSegment(this.seq + 1);
      const n = this.fs.writeSync(this.fd, this.enc.buffer, 0, length);
      if (n !== length) {
        // As in writeOne: the whole batch is retried from its first sequence number (the worker skips seen ones).
        this.closeSegment();
        throw Object.assign(new Error(`short write (${n} of ${length} bytes)`), { code: 'ESHORTWRITE' });
      }
      this.seq = seq;
      this.segBytes += length;
      this.lastWrite = now;
      this.scheduleSync();
    }
    this.rejected += bad;
  }

  private openSegment(startSeq: number): void {
    this.closeSegment();
    this.fs.mkdirSync(this.opts.dir, { recursive: true });
    let p = path.join(this.opts.dir, segmentFileName(this.key, startSeq));
    try {
      this.fd = this.fs.openSync(p, 'wx');
    } catch (err) {
      // Never append to a file left by a failed write (a torn record would sit before new ones): new key.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      this.key = newKey(this.opts.writerId);
      p = path.join(this.opts.dir, segmentFileName(this.key, startSeq));
      this.fd = this.fs.openSync(p, 'wx');
    }
    this.segmentPath = p;
    this.segBytes = 0;
  }

  private closeSegment(): void {
    const fd = this.fd;
    if (fd < 0) return;
    this.fd = -1;
    this.segBytes = 0;
    this.unsynced = false;
    this.fs.fdatasync(fd, () => {
      try {
        this.fs.closeSync(fd);
      } catch {
        // already closed: nothing to do
      }
    });
  }

  private scheduleSync(): void {
    this.unsynced = true;
    if (this.opts.syncMs === 0) {
      nodeFs.fdatasyncSync(this.fd);
      this.unsynced = false;
      return;
    }
    if (this.syncTimer) return;
    this.syncTimer = setTimeout(() => {
      this.syncTimer = undefined;
      void this.flush();
    }, this.opts.syncMs);
    this.syncTimer.unref();
  }

  private enqueue(ev: RecordedEvent): void {
    if (this.backlog.length < this.opts.maxBacklog) this.backlog.push(ev);
    else this.dropped++;
  }

  private pause(err: unknown, evs: readonly RecordedEvent[]): void {
    this.closeSegment();
    for (const ev of evs) this.enqueue(ev);
    const e = err as NodeJS.ErrnoException;
    this.current = { state: 'paused', code: e.code ?? 'EUNKNOWN', message: e.message ?? String(err), backlog: 0, dropped: 0 };
    this.opts.onStatus?.(this.status);
    this.retryTimer = setInterval(() => this.retry(), this.opts.retryMs);
    this.retryTimer.unref();
  }

  /** Writes the backlog to a fresh segment; resumes when all of it went out. */
  private retry(): void {
    try {
      while (this.backlog.length > 0) {
        this.writeOne(this.backlog[0]);
        this.backlog.shift();
      }
    } catch (err) {
      if (err instanceof EncodeError) {
        this.backlog.shift();
        this.rejected++;
      }
      this.closeSegment();
      return;
    }
    clearInterval(this.retryTimer);
    this.retryTimer = undefined;
    this.current = { state: 'ok', dropped: this.dropped };
    this.opts.onStatus?.(this.status);
  }
}

class EncodeError extends Error {}

/** Options as given, minus keys set to `undefined` (which would override the defaults). */
function withoutUndefined(o: JournalWriterOptions): JournalWriterOptions {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as unknown as JournalWriterOptions;
}

function newKey(writerId: string): string {
  const id = writerId.replace(/[^A-Za-z0-9_.]/g, '_').slice(0, 40) || 'w';
  return `${id}.${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}
