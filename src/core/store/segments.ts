/** Journal segment files: `<writerKey>-<startSeq, 12 digits>.log` inside the journal directory. */
import fs from 'node:fs';
import path from 'node:path';

export interface SegmentName {
  file: string;
  writer: string;
  startSeq: number;
}

const SEGMENT_RE = /^(.+)-(\d{12})\.log$/;

export function segmentFileName(writer: string, startSeq: number): string {
  return `${writer}-${String(startSeq).padStart(12, '0')}.log`;
}

export function parseSegmentName(file: string): SegmentName | null {
  const m = SEGMENT_RE.exec(file);
  return m ? { file, writer: m[1], startSeq: Number(m[2]) } : null;
}

/** All segments in `dir`, ordered by writer then start sequence (the order records must be applied in). */
export function listSegments(dir: string): SegmentName[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const segs = names.map(parseSegmentName).filter((s): s is SegmentName => s !== null);
  return segs.sort((a, b) => (a.writer === b.writer ? a.startSeq - b.startSeq : a.writer < b.writer ? -1 : 1));
}

/** Journal directory inside the store's storage directory. */
export function journalDir(storageDir: string): string {
  return path.join(storageDir, 'journal');
}
