/**
 * `npx tsx bench/import-ratio.ts <source> [rounds]`: one new-source importer and its reference, interleaved in one
 * process on the benches' generated file (kept in the temp folder between runs), as CPU ms (all threads): the best
 * round of each and the ratio of their sums after the first round, which a loaded machine disturbs less than wall
 * time. `--warm` keeps the intent memo between rounds (a file read again within one import run). For profiling: `node --cpu-prof --import tsx bench/import-ratio.ts gemini 10`. Sources: gemini,
 * gemini-output, cline, copilot-cli, copilot-cli-dense, amp, cursor, opencode, kiro, kiro-output, otel.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ImportFormat } from '../src/core/importers/types';
import { DEFAULT_IMPORT_OPTIONS } from '../src/core/importers/types';
import { genCline, genGemini } from './import-gemini-cline';
import { genKiro, genOtel } from './import-kiro-otel';
import { genAmp, genCopilotCli } from './import-new-sources';
import { genCursor, genOpencode } from './import-sqlite.bench';
import { BUILD, benchTargets } from './shipped';

const DIR = join(tmpdir(), 'ala-import-ratio');
const { importFile, resetIntentMemo, parseClineDocument, parseDocument, parseLines, sqliteReference: dbReference } = benchTargets();

/** File name, format, generator and reference of each source (the sizes of the benches' `--quick` runs). */
const SOURCES: Record<string, [string, ImportFormat, (p: string) => Promise<void> | void, (p: string) => Promise<number>]> = {
  gemini: ['session-bench-aaaaaaaa.jsonl', 'gemini-cli', (p) => genGemini(p, 10, false), parseLines],
  'gemini-output': ['session-bench-bbbbbbbb.jsonl', 'gemini-cli', (p) => genGemini(p, 10, true), parseLines],
  cline: [join('cline', 'ui_messages.json'), 'cline', (p) => genCline(p, 5, false), parseClineDocument],
  'copilot-cli': ['copilot-cli.jsonl', 'copilot-cli', (p) => genCopilotCli(p, 10), parseLines],
  'copilot-cli-dense': ['copilot-cli-dense.jsonl', 'copilot-cli', (p) => genCopilotCli(p, 10, true), parseLines],
  amp: ['amp.json', 'amp', (p) => genAmp(p, 5), parseDocument],
  cursor: ['cursor.vscdb', 'cursor-state', (p) => genCursor(p, 100), (p) => dbReference(p, 'cursor-state')],
  opencode: ['opencode.db', 'opencode-db', (p) => genOpencode(p, 100), (p) => dbReference(p, 'opencode-db')],
  kiro: ['kiro-ratio-a.jsonl', 'kiro', async (p) => void (await genKiro(dirname(p), 'kiro-ratio-a', 10, false)), parseLines],
  otel: ['otel-ratio.jsonl', 'copilot-otel', (p) => genOtel(p, 10), parseLines],
  'kiro-output': ['kiro-ratio-b.jsonl', 'kiro', async (p) => void (await genKiro(dirname(p), 'kiro-ratio-b', 10, true)), parseLines],
};

async function cpuMs(fn: () => Promise<unknown>): Promise<number> {
  const c0 = process.cpuUsage();
  await fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

async function main(source: string, rounds: number): Promise<void> {
  const [name, format, gen, reference] = SOURCES[source] ?? [];
  if (format === undefined) throw new Error(`unknown source ${source}: one of ${Object.keys(SOURCES).join(', ')}`);
  const path = join(DIR, name);
  mkdirSync(join(DIR, 'cline'), { recursive: true });
  if (!existsSync(path)) await gen(path);
  const options = { ...DEFAULT_IMPORT_OPTIONS, now: () => 9e15, maxDatabaseBytes: 4 * 1024 ** 3 };
  const r = { ref: Infinity, imp: Infinity, sumRef: 0, sumImp: 0, first: 0 };
  for (let i = 0; i < rounds; i++) {
    const ref = await cpuMs(() => reference(path));
    // `--warm`: the memo kept from the previous round, as when a file is read again within one import run.
    const imp = await cpuMs(() => (warm || resetIntentMemo(), importFile({ path, format, source: 'cursor' }, undefined, options, () => undefined)));
    if (i === 0) r.first = imp;
    else {
      r.sumRef += ref;
      r.sumImp += imp;
    }
    r.ref = Math.min(r.ref, ref);
    r.imp = Math.min(r.imp, imp);
  }
  const f = (x: number): string => x.toFixed(0);
  process.stdout.write(`${source} (${BUILD}): reference ${f(r.ref)} ms, importer ${f(r.imp)} ms (first ${f(r.first)}), ratio best ${(r.ref / r.imp).toFixed(2)}, summed ${(r.sumRef / r.sumImp).toFixed(2)}\n`);
}

const warm = process.argv.includes('--warm');
void main(process.argv[2] ?? '', Number(process.argv[3] ?? 8));
