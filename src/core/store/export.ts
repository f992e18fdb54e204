/** "Export Learning Data": every table as JSON (an array, one row per line) and CSV, into a new folder. */
import fs from 'node:fs';
import path from 'node:path';
import type { Database, SqlValue } from 'sql.js';
import { TABLES } from '../model/schema';
import { scalar } from './db';

export interface ExportedTable {
  table: string;
  rows: number;
  bytes: number;
}

export interface ExportSummary {
  /** The folder created inside the one the user picked. */
  dir: string;
  tables: ExportedTable[];
  totalRows: number;
  totalBytes: number;
  ms: number;
}

/** Progress in rows over all tables, reported every few thousand rows and at each table's end. */
export type ExportProgress = (done: number, total: number, table: string) => void;

/** The file formats written; both by default (the command), one when the CLI asks for one. */
export type ExportFormat = 'json' | 'csv';
const BOTH: readonly ExportFormat[] = ['json', 'csv'];

function csvCell(v: SqlValue): string {
  if (v === null) return '';
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function jsonValue(v: SqlValue): unknown {
  return v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v;
}

class FileOut {
  private readonly fd: number = -1;
  private parts: string[] = [];
  private size = 0;
  bytes = 0;
  /** `file` null: a sink that writes nothing (a format not asked for). */
  constructor(file: string | null) {
    if (file !== null) this.fd = fs.openSync(file, 'w');
  }
  write(s: string): void {
    if (this.fd < 0) return;
    this.parts.push(s);
    this.size += s.length;
    if (this.size > 1 << 20) this.drain();
  }
  private drain(): void {
    this.bytes += fs.writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
  close(): void {
    if (this.fd < 0) return;
    this.drain();
    fs.closeSync(this.fd);
  }
}

function exportTable(
  db: Database, dir: string, table: string, tick: (n: number) => void, formats: readonly ExportFormat[],
): ExportedTable {
  const json = new FileOut(formats.includes('json') ? path.join(dir, `${table}.json`) : null);
  const csv = new FileOut(formats.includes('csv') ? path.join(dir, `${table}.csv`) : null);
  const st = db.prepare(`SELECT * FROM ${table}`);
  let rows = 0;
  try {
    const cols = st.getColumnNames();
    csv.write(`${cols.join(',')}\n`);
    json.write('[');
    while (st.step()) {
      const vals = st.get();
      const obj: Record<string, unknown> = {};
      for (let i = 0; i < cols.length; i++) obj[cols[i]] = jsonValue(vals[i] ?? null);
      json.write(`${rows === 0 ? '\n' : ',\n'}${JSON.stringify(obj)}`);
      csv.write(`${vals.map(csvCell).join(',')}\n`);
      if (++rows % 5000 === 0) tick(5000);
    }
    tick(rows % 5000);
    json.write(rows === 0 ? ']\n' : '\n]\n');
  } finally {
    st.free();
    json.close();
    csv.close();
  }
  return { table, rows, bytes: json.bytes + csv.bytes };
}

/** Writes every table into `<parentDir>/ai-learning-export-<date>/`, in `formats` (both by default). */
export function exportAll(
  db: Database, parentDir: string, onProgress?: ExportProgress, now = new Date(), formats: readonly ExportFormat[] = BOTH,
): ExportSummary {
  const t0 = performance.now();
  const stamp = now.toISOString().replace(/[:.]/g, '-').slice(0, 19);
  let dir = path.join(parentDir, `ai-learning-export-${stamp}`);
  for (let i = 2; fs.existsSync(dir); i++) dir = path.join(parentDir, `ai-learning-export-${stamp}-${i}`);
  fs.mkdirSync(dir, { recursive: true });
  const names = TABLES.map((t) => t.name);
  const total = names.reduce((s, t) => s + Number(scalar(db, `SELECT count(*) FROM ${t}`)), 0);
  let done = 0;
  const tables = names.map((t) =>
    exportTable(db, dir, t, (n) => {
      done += n;
      onProgress?.(done, total, t);
    }, formats),
  );
  return {
    dir, tables, totalRows: done, totalBytes: tables.reduce((s, t) => s + t.bytes, 0), ms: performance.now() - t0,
  };
}
