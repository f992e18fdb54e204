import { open } from 'node:fs/promises';

/** One complete line (without its `\n` / `\r\n`), with its byte range in the file. */
export type LineHandler = (line: string, start: number, end: number) => void;

/** What is left after the last newline, and lines skipped for length. */
export interface ReadLinesResult {
  /** Offset just past the last complete line (where a resumed read starts). */
  endOffset: number;
  /** Bytes after the last newline (a line still being written, or a truncated file), if any. */
  tail?: { start: number; text: string };
  /** Lines longer than `maxLineBytes`: skipped without being held in memory. */
  tooLong: number;
}

export interface ReadLinesOptions {
  start: number;
  maxLineBytes: number;
  chunkBytes?: number;
  /** Checked between chunks; true stops the read early (the result then ends at the last full line). */
  cancelled?: () => boolean;
}

const NL = 0x0a;
const CR = 0x0d;

/**
 * Streams a file line by line from a byte offset with bounded memory: two reusable chunk buffers (the next
 * chunk is read while the current one is scanned, so the read's thread-pool round trip is off the
 * critical path) plus the current partial line, which is dropped (and counted) once it exceeds
 * `maxLineBytes`. Calls `onLine` synchronously per line, so a handler's cost is the only per-line overhead.
 */
export async function readLines(path: string, opts: ReadLinesOptions, onLine: LineHandler): Promise<ReadLinesResult> {
  const handle = await open(path, 'r');
  const size = opts.chunkBytes ?? 1 << 19;
  const chunks = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)];
  const state = { parts: [] as Buffer[], partBytes: 0, lineStart: opts.start, discarding: false, tooLong: 0 };
  let pos = opts.start;
  let which = 0;
  let pending: Promise<{ bytesRead: number }> | undefined = handle.read(chunks[which], 0, size, pos);
  try {
    while (pending !== undefined) {
      const { bytesRead }: { bytesRead: number } = await pending;
      pending = undefined;
      if (bytesRead === 0 || opts.cancelled?.() === true) break;
      const chunk = chunks[which];
      which ^= 1;
      pending = handle.read(chunks[which], 0, size, pos + bytesRead);
      scanChunk(chunk, bytesRead, pos, opts.maxLineBytes, state, onLine);
      pos += bytesRead;
    }
  } finally {
    // A read still in flight (cancelled, or a handler threw) must land before the handle closes.
    await pending?.catch(() => undefined);
    await handle.close();
  }
  const result: ReadLinesResult = { endOffset: state.lineStart, tooLong: state.tooLong };
  if (state.partBytes > 0 && !state.discarding) {
    result.tail = { start: state.lineStart, text: stripCr(Buffer.concat(state.parts).toString('utf8')) };
  }
  return result;
}

interface ScanState {
  parts: Buffer[];
  partBytes: number;
  lineStart: number;
  discarding: boolean;
  tooLong: number;
}

function scanChunk(buf: Buffer, len: number, base: number, max: number, s: ScanState, onLine: LineHandler): void {
  let from = 0;
  for (;;) {
    const nl = buf.indexOf(NL, from);
    if (nl === -1 || nl >= len) break;
    const end = base + nl + 1;
    if (s.discarding) {
      s.discarding = false;
    } else if (s.partBytes + (nl - from) > max) {
      s.tooLong++;
    } else if (s.partBytes === 0) {
      const stop = nl > from && buf[nl - 1] === CR ? nl - 1 : nl;
      onLine(buf.toString('utf8', from, stop), s.lineStart, end);
    } else {
      s.parts.push(buf.subarray(from, nl));
      onLine(stripCr(Buffer.concat(s.parts).toString('utf8')), s.lineStart, end);
    }
    s.parts = [];
    s.partBytes = 0;
    s.lineStart = end;
    from = nl + 1;
  }
  if (from < len && !s.discarding) {
    s.partBytes += len - from;
    if (s.partBytes > max) {
      s.discarding = true;
      s.tooLong++;
      s.parts = [];
      s.partBytes = 0;
    } else {
      s.parts.push(Buffer.from(buf.subarray(from, len)));
    }
  }
}

function stripCr(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}
