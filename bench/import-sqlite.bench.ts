/**
 * `npm run bench:import-sqlite [-- --quick]`: throughput of the SQLite importers (Cursor `state.vscdb`, OpenCode
 * `opencode.db`) on generated databases, beside the plain reference in the same run: the same rows read by the same
 * library (sql.js: load the file, step through `SELECT key, value` / the message and part rows, JSON.parse each
 * value; node:sqlite when this Node has it), best of interleaved rounds (wall and CPU), the first import's time
 * apart, and the peak RSS of each, measured in a
 * child process (`process.resourceUsage().maxRSS`). Run it with Node 22.5+ to measure the node:sqlite engine.
 * Prints JSON; writes bench/results/import-sqlite-<engine>.json in full mode.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportFormat } from '../src/core/importers/types';
import { DEFAULT_IMPORT_OPTIONS } from '../src/core/importers/types';
import { native } from './plain-parse-sqlite';
import { BUILD, benchTargets } from './shipped';
import { openWriter } from '../test/support/sqlite-writer';

const quick = process.argv.includes('--quick');
const ENGINE = native ? 'node:sqlite' : 'sql.js';
const OPTIONS = { ...DEFAULT_IMPORT_OPTIONS, now: () => 9e15, maxDatabaseBytes: 4 * 1024 * 1024 * 1024 };
const { importFile, resetIntentMemo, sqliteReference: reference } = benchTargets();

/** A Cursor state.vscdb: `composers` agent conversations of 10 requests x (1 user + 3 AI bubbles). */
export function genCursor(path: string, composers: number): void {
  const db = openWriter(path);
  db.exec('CREATE TABLE cursorDiskKV (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB); BEGIN');
  const put = db.prepare('INSERT INTO cursorDiskKV (key, value) VALUES (?, ?)');
  const t0 = Date.UTC(2026, 5, 1);
  for (let c = 0; c < composers; c++) {
    const id = `comp-${c}`;
    const headers: { bubbleId: string; type: number }[] = [];
    for (let r = 0; r < 10; r++) {
      const at = t0 + c * 3_600_000 + r * 60_000;
      const u = `u${r}`;
      headers.push({ bubbleId: u, type: 1 });
      put.run(`bubbleId:${id}:${u}`, JSON.stringify({ _v: 3, type: 1, bubbleId: u, createdAt: new Date(at).toISOString(), text: `Fix the bug number ${r} in module ${c}: it throws when the input is empty`, richText: 'x'.repeat(400) }));
      for (let k = 0; k < 3; k++) {
        const a = `a${r}-${k}`;
        headers.push({ bubbleId: a, type: 2 });
        put.run(`bubbleId:${id}:${a}`, JSON.stringify({
          _v: 3, type: 2, bubbleId: a, createdAt: new Date(at + (k + 1) * 5000).toISOString(), text: 'Here is the change. '.repeat(20),
          tokenCount: { inputTokens: 1000 + k, outputTokens: 200 }, modelInfo: { modelName: 'claude-4.5-sonnet' },
          ...(k < 2 ? { toolFormerData: { name: k === 0 ? 'read_file' : 'edit_file', status: 'completed', params: 'p'.repeat(300), result: 'r'.repeat(600) } } : {}),
        }));
      }
    }
    put.run(`composerData:${id}`, JSON.stringify({ _v: 10, composerId: id, createdAt: t0 + c * 3_600_000, lastUpdatedAt: t0 + c * 3_600_000 + 900_000, status: 'completed', unifiedMode: 'agent', fullConversationHeadersOnly: headers }));
  }
  db.exec('COMMIT');
  db.close();
}

/** An opencode.db: `sessions` sessions of 10 user + 10 assistant messages, each assistant with 2 text and 2 tool parts. */
export function genOpencode(path: string, sessions: number): void {
  const db = openWriter(path);
  db.exec(`CREATE TABLE message (id TEXT PRIMARY KEY, session_id TEXT NOT NULL, time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, data TEXT NOT NULL);
    CREATE TABLE part (id TEXT PRIMARY KEY, message_id TEXT NOT NULL, session_id TEXT NOT NULL, time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, data TEXT NOT NULL);
    CREATE INDEX part_message ON part (message_id); BEGIN`);
  const msg = db.prepare('INSERT INTO message VALUES (?, ?, ?, ?, ?)');
  const part = db.prepare('INSERT INTO part VALUES (?, ?, ?, ?, ?, ?)');
  const t0 = Date.UTC(2026, 5, 1);
  for (let s = 0; s < sessions; s++) {
    for (let m = 0; m < 10; m++) {
      const at = t0 + s * 3_600_000 + m * 60_000;
      const u = `msg-${s}-${m}-u`;
      const a = `msg-${s}-${m}-a`;
      msg.run(u, `ses-${s}`, at, at, JSON.stringify({ role: 'user', time: { created: at } }));
      part.run(`${u}-p`, u, `ses-${s}`, at, at, JSON.stringify({ type: 'text', text: `Please refactor function ${m} of file ${s} to use async/await` }));
      msg.run(a, `ses-${s}`, at + 1000, at + 9000, JSON.stringify({ role: 'assistant', parentID: u, modelID: 'gpt-5', providerID: 'openai', mode: 'build', time: { created: at + 1000, completed: at + 9000 }, cost: 0.01, tokens: { input: 1200, output: 300, reasoning: 50, cache: { read: 4000, write: 0 } } }));
      for (let p = 0; p < 4; p++) {
        const data = p % 2 === 0 ? { type: 'text', text: 'Done. '.repeat(60) } : { type: 'tool', tool: 'edit', callID: `call-${s}-${m}-${p}`, state: { status: 'completed', input: { filePath: '/x.ts', content: 'c'.repeat(500) }, output: 'ok', time: { start: at + 2000, end: at + 3000 } } };
        part.run(`${a}-p${p}`, a, `ses-${s}`, at + 2000, at + 3000, JSON.stringify(data));
      }
    }
  }
  db.exec('COMMIT');
  db.close();
}

async function importOnly(path: string, format: ImportFormat): Promise<number> {
  // Each import run is a fresh worker: no prompt remembered from the previous round.
  resetIntentMemo();
  let n = 0;
  await importFile({ path, format, source: 'cursor' }, undefined, OPTIONS, () => n++);
  return n;
}

async function child(): Promise<void> {
  const [, , , which, path, format] = process.argv;
  const n = which === 'import' ? await importOnly(path, format as ImportFormat) : await reference(path, format as ImportFormat);
  process.stdout.write(JSON.stringify({ n, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

function peak(which: string, path: string, format: string): { n: number; maxRssMb: number } {
  const r = spawnSync(process.execPath, [...process.execArgv, __filename, '--child', which, path, format], { encoding: 'utf8' });
  return JSON.parse(r.stdout) as { n: number; maxRssMb: number };
}

/** Wall and CPU seconds (all threads, as the JSON benches count them) of one call. */
async function timed(fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await fn();
  const c = process.cpuUsage(c0);
  return { wall: Number(process.hrtime.bigint() - t0) / 1e9, cpu: (c.user + c.system) / 1e6 };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sqlite-'));
  const out: Record<string, unknown> = { engine: ENGINE, node: process.version, build: BUILD };
  try {
    for (const [format, gen, size] of [['cursor-state', genCursor, quick ? 100 : 1500], ['opencode-db', genOpencode, quick ? 100 : 1500]] as const) {
      const path = join(dir, `${format}.db`);
      gen(path, size);
      const mb = statSync(path).size / 1024 / 1024;
      const best = { imp: Infinity, ref: Infinity, impCpu: Infinity, refCpu: Infinity, firstImp: 0 };
      let events = 0;
      // At least two rounds: the first import in a process also pays one-time costs (the intent model and price
      // catalogue loaded, code not yet optimised by the JIT), given apart as `firstImportS`.
      for (let i = 0; i < (quick ? 2 : 3); i++) {
        const r = await timed(() => reference(path, format));
        const m = await timed(async () => void (events = await importOnly(path, format)));
        if (i === 0) best.firstImp = m.wall;
        best.ref = Math.min(best.ref, r.wall);
        best.refCpu = Math.min(best.refCpu, r.cpu);
        best.imp = Math.min(best.imp, m.wall);
        best.impCpu = Math.min(best.impCpu, m.cpu);
      }
      const r2 = (x: number) => Math.round(x * 100) / 100;
      out[format] = {
        dbMb: r2(mb), events, importerMbS: r2(mb / best.imp), referenceMbS: r2(mb / best.ref), ratio: r2(best.ref / best.imp),
        ratioCpu: r2(best.refCpu / best.impCpu), firstImportS: r2(best.firstImp),
        peakRssMb: { importer: peak('import', path, format).maxRssMb, reference: peak('reference', path, format).maxRssMb },
      };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(JSON.stringify(out, null, 2));
  if (!quick) writeFileSync(join(__dirname, 'results', `import-sqlite-${ENGINE.replace(':', '-')}${process.env.ALA_BENCH_SHIPPED === '1' ? '-shipped' : ''}.json`), JSON.stringify(out, null, 2) + '\n');
}

if (process.argv[2] === '--child') void child();
else if (require.main === module) void main();
