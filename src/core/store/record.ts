/**
 * The journal's record format. One record per event, written with one `write()`:
 *
 *   u32 magic 'EVJ1' | u32 LE payload length | u32 LE crc32(payload) | payload = UTF-8 JSON `[seq, event]`
 *
 * `seq` counts from 1 within one writer session (the segment file names carry the writer key), so the worker
 * can keep a high-water mark per writer and a replay adds nothing twice.
 */
import zlib from 'node:zlib';
import type { RecordedEvent } from '../model/events';
import { MAX_RECORD_BYTES, capText } from './limits';

export const MAGIC = Buffer.from('EVJ1', 'latin1');
export const HEADER_BYTES = 12;

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32Js(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** CRC-32 (zlib's polynomial); `zlib.crc32` when the runtime has it (Node >= 20.15), else a table. */
export const crc32: (buf: Uint8Array) => number =
  typeof (zlib as { crc32?: unknown }).crc32 === 'function' ? (b) => zlib.crc32(b) : crc32Js;

/** Reusable encode buffer: one allocation per writer, grown when an event is larger. */
export class RecordEncoder {
  private buf = Buffer.allocUnsafe(64 * 1024);

  /** Encodes `[seq, ev]`; returns the buffer and the record's length (valid until the next call). */
  encode(seq: number, ev: RecordedEvent): { buf: Buffer; length: number } {
    const length = this.encodeAt(seq, ev, 0);
    return { buf: this.buf, length };
  }

  /**
   * Encodes `[seq, ev]` right after `at` bytes already encoded (kept when the buffer grows), so several
   * records can go out in one write; returns the record's length. `buffer` holds them until the next call.
   * Text longer than `MAX_TEXT_CHARS` is cut first (`capText`); a record still over `MAX_RECORD_BYTES` (a
   * huge non-text field) throws, so the reader never meets a record it would have to reject for its length.
   */
  encodeAt(seq: number, ev: RecordedEvent, at: number): number {
    const json = JSON.stringify([seq, capText(ev)]);
    const start = at + HEADER_BYTES;
    if (json.length * 3 + start > this.buf.length) {
      const need = Buffer.byteLength(json) + start;
      if (need > this.buf.length) {
        const grown = Buffer.allocUnsafe(Math.max(need, this.buf.length * 2));
        this.buf.copy(grown, 0, 0, at);
        this.buf = grown;
      }
    }
    const n = this.buf.write(json, start, 'utf8');
    if (n > MAX_RECORD_BYTES) throw new RangeError(`record of ${n} B is over the journal's ${MAX_RECORD_BYTES} B limit`);
    MAGIC.copy(this.buf, at);
    this.buf.writeUInt32LE(n, at + 4);
    this.buf.writeUInt32LE(crc32(this.buf.subarray(start, start + n)), at + 8);
    return HEADER_BYTES + n;
  }

  /** The encode buffer (records from offset 0). */
  get buffer(): Buffer {
    return this.buf;
  }
}

/** A decoded record and where it starts in its segment. */
export interface JournalRecord {
  seq: number;
  ev: RecordedEvent;
  offset: number;
}

/** Bytes that were rejected: a damaged record, garbage, or a payload that is not a valid event. */
export interface BadRegion {
  offset: number;
  length: number;
  reason: string;
}

export interface ParseResult {
  records: JournalRecord[];
  bad: BadRegion[];
  /** Bytes (from the start of `buf`) that are fully decided: records and rejected regions. */
  consumed: number;
  /** An incomplete record at the end (a write in progress, or a torn tail); not consumed. */
  pending: { offset: number; length: number } | null;
}

type Try =
  | { t: 'ok'; rec: JournalRecord; next: number }
  | { t: 'badPayload'; reason: string; next: number }
  | { t: 'incomplete' }
  | { t: 'bad'; reason: string };

const MAGIC_U32 = MAGIC.readUInt32LE(0);

function tryAt(buf: Buffer, p: number, base: number): Try {
  const avail = buf.length - p;
  if (avail >= 4 ? buf.readUInt32LE(p) !== MAGIC_U32 : buf.compare(MAGIC, 0, avail, p, p + avail) !== 0) {
    return { t: 'bad', reason: 'no record marker' };
  }
  if (avail < HEADER_BYTES) return { t: 'incomplete' };
  const len = buf.readUInt32LE(p + 4);
  if (len > MAX_RECORD_BYTES) return { t: 'bad', reason: `length ${len} out of range` };
  if (avail < HEADER_BYTES + len) return { t: 'incomplete' };
  const start = p + HEADER_BYTES;
  const next = start + len;
  if (crc32(buf.subarray(start, next)) !== buf.readUInt32LE(p + 8)) return { t: 'bad', reason: 'checksum mismatch' };
  let v: unknown;
  try {
    v = JSON.parse(buf.toString('utf8', start, next));
  } catch {
    return { t: 'badPayload', reason: 'payload is not JSON', next };
  }
  const why = invalidReason(v);
  if (why) return { t: 'badPayload', reason: why, next };
  const [seq, ev] = v as [number, RecordedEvent];
  return { t: 'ok', rec: { seq, ev, offset: base + p }, next };
}

function invalidReason(v: unknown): string | null {
  if (!Array.isArray(v) || v.length !== 2) return 'payload is not [seq, event]';
  const [seq, ev] = v as [unknown, unknown];
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return 'bad sequence number';
  if (typeof ev !== 'object' || ev === null || Array.isArray(ev)) return 'event is not an object';
  // Kind and fields are judged by `validateEvent` at ingest, which quarantines what it rejects (kept aside).
  return null;
}

/** The next offset after `from` where a decodable record starts ('incomplete' ones only as a fallback). */
function resync(buf: Buffer, from: number, base: number): { at: number; complete: boolean } | null {
  let incomplete = -1;
  for (let c = buf.indexOf(MAGIC, from); c >= 0; c = buf.indexOf(MAGIC, c + 1)) {
    const r = tryAt(buf, c, base);
    if (r.t === 'ok' || r.t === 'badPayload') return { at: c, complete: true };
    if (r.t === 'incomplete' && incomplete < 0) incomplete = c;
  }
  // A lone partial marker at the very end (fewer than 4 bytes) is also a possible write in progress.
  for (let c = Math.max(from, buf.length - 3); incomplete < 0 && c < buf.length; c++) {
    if (tryAt(buf, c, base).t === 'incomplete') incomplete = c;
  }
  return incomplete >= 0 ? { at: incomplete, complete: false } : null;
}

/**
 * Decodes the records in `buf` (bytes of a segment starting at file offset `base`). Damage in the middle is
 * skipped up to the next valid record; an incomplete record at the end is left pending.
 */
export function parseRecords(buf: Buffer, base = 0): ParseResult {
  const out: ParseResult = { records: [], bad: [], consumed: 0, pending: null };
  let p = 0;
  while (p < buf.length) {
    const r = tryAt(buf, p, base);
    if (r.t === 'ok') {
      out.records.push(r.rec);
      p = r.next;
      continue;
    }
    if (r.t === 'badPayload') {
      out.bad.push({ offset: base + p, length: r.next - p, reason: r.reason });
      p = r.next;
      continue;
    }
    const s = resync(buf, p + 1, base);
    if (r.t === 'incomplete' && (!s || !s.complete)) {
      out.pending = { offset: base + p, length: buf.length - p };
      break;
    }
    const reason = r.t === 'bad' ? r.reason : 'truncated record followed by more data';
    const end = s ? s.at : buf.length;
    out.bad.push({ offset: base + p, length: end - p, reason });
    p = end;
    if (s && !s.complete) {
      out.pending = { offset: base + p, length: buf.length - p };
      break;
    }
  }
  out.consumed = out.pending ? out.pending.offset - base : buf.length;
  return out;
}
