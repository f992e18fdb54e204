/**
 * `npx tsx bench/import-new-sources.ts [--quick]` (also run by `npm run bench:import`): throughput of the Copilot
 * CLI and Amp importers beside their plain-parse references on generated files, and peak RSS of each, measured
 * in a child process. References: Copilot CLI, read lines + JSON.parse each (the file is streamed); Amp, readFile
 * + JSON.parse of the whole thread (the format is one document, read whole by the importer too).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILD, benchTargets } from './shipped';
import type { ImportFormat } from '../src/core/importers/types';
import { DEFAULT_IMPORT_OPTIONS } from '../src/core/importers/types';

const FIXTURES = join(__dirname, '..', 'test', 'fixtures', 'ai-logs');
const OPTIONS = { ...DEFAULT_IMPORT_OPTIONS, now: () => 9e15 };
const { importFile, resetIntentMemo, parseDocument, parseLines } = benchTargets();

/**
 * A Copilot CLI session of ~`mb` MB: the hand-made session's first run repeated with fresh ids, a cumulative
 * shutdown every 20 turns. `dense`: each prompt followed by 13 assistant messages and 15 tool executions, about the
 * proportions of the 5 real sessions counted in Kenfack-franck/jobHunterAi `copilot-evidence/STATISTICS.md` (340
 * prompts, 4,057 assistant messages, 4,988 tool executions); otherwise 2 and 1 (the hand-made session's).
 */
export async function genCopilotCli(path: string, mb: number, dense = false): Promise<void> {
  const lines = (await readFile(join(FIXTURES, 'edge', 'copilot-cli-resumed.jsonl'), 'utf8')).split('\n');
  const [prompt, turnStart, message, start, complete, last, end] = lines.slice(2, 9);
  const call = (l: string, k: number): string => l.replace(/call_1/g, `call_${k}`);
  const steps: string[] = [];
  for (let k = 0; k < (dense ? 15 : 1); k++) {
    if (k < 12) steps.push(call(message, k));
    steps.push(call(start, k), call(complete, k));
  }
  const turn = [prompt, turnStart, ...steps, last, end];
  const parts = [lines[0]];
  let size = 0;
  for (let i = 0; size < mb * 1024 * 1024; i++) {
    // The prompt distinct per copy, as real sessions' are (a repeated one would let a memo skip its classification).
    const block = turn.map((l) => (l === prompt ? l.replace(/("content":"(?:[^"\\]|\\.)*)"/, `$1 (copy ${i})"`) : l).replace(/"(id|parentId|toolCallId|messageId)":"([^"]+)"/g, `"$1":"$2-${i}"`)).join('\n');
    parts.push(block);
    size += block.length;
    if (i % 20 === 19) {
      parts.push(JSON.stringify({ type: 'session.shutdown', id: `s-${i}`, timestamp: '2026-10-05T09:01:00.000Z', data: { modelMetrics: { 'claude-sonnet-4.5': { usage: { inputTokens: 12000 * i, outputTokens: 900 * i, cacheReadTokens: 8000 * i, cacheWriteTokens: 1000 * i } } }, codeChanges: { linesAdded: 5 * i, filesModified: [] } } }));
    }
  }
  await writeFile(path, parts.join('\n') + '\n');
}

/** An Amp thread of ~`mb` MB: the real thread's messages repeated with fresh message and tool ids and distinct prompts. */
export async function genAmp(path: string, mb: number): Promise<void> {
  const doc = JSON.parse(await readFile(join(FIXTURES, 'amp-threads', 'T-019ca1ce-3ae2-7686-a41e-ccc078837f8a.json'), 'utf8')) as { messages: unknown[] };
  const base = JSON.stringify(doc.messages);
  const copies: unknown[] = [];
  for (let i = 0, size = 0; size < mb * 1024 * 1024; i++) {
    const text = base.replace(/"(toolu_[A-Za-z0-9_]+)"/g, `"$1_${i}"`).replace(/"messageId":(\d+)/g, (_, n: string) => `"messageId":${i * 100 + Number(n)}`);
    const messages = JSON.parse(text) as { role?: string; content?: { type?: string; text?: string }[] }[];
    // The user's typed prompts distinct per copy (tool results, also in user messages, are left as they are).
    for (const m of messages) if (m.role === 'user') for (const c of m.content ?? []) if (c.type === 'text') c.text = `${c.text ?? ''} (copy ${i})`;
    copies.push(...messages);
    size += text.length;
  }
  await writeFile(path, JSON.stringify({ ...doc, messages: copies }));
}

async function importOnly(path: string, format: ImportFormat): Promise<number> {
  // Each import run is a fresh worker: no prompt remembered from the previous round.
  resetIntentMemo();
  let n = 0;
  await importFile({ path, format, source: 'copilotCli' }, undefined, OPTIONS, () => n++);
  return n;
}

function run(path: string, mode: string): Promise<number> {
  if (mode === 'ref-lines') return parseLines(path);
  if (mode === 'ref-document') return parseDocument(path);
  return importOnly(path, mode as ImportFormat);
}

/** Best CPU seconds and wall seconds of `rounds` runs, importer and reference interleaved by the caller. */
async function cost(path: string, mode: string): Promise<{ wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await run(path, mode);
  const c = process.cpuUsage(c0);
  return { wall: Number(process.hrtime.bigint() - t0) / 1e9, cpu: (c.user + c.system) / 1e6 };
}

function peakRssMb(path: string, mode: string): number {
  const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--child', path, mode], { encoding: 'utf8', cwd: join(__dirname, '..') });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  return Math.round((JSON.parse(r.stdout.trim().split('\n').pop()!) as { peakRssMb: number }).peakRssMb * 10) / 10;
}

/** Throughput (MB/s wall and per CPU second) and peak RSS of each new source, beside its reference. */
export async function benchNewSources(quick: boolean): Promise<Record<string, number>> {
  const dir = await mkdtemp(join(tmpdir(), 'ail-bench-new-'));
  const out: Record<string, number> = {};
  const r2 = (x: number): number => Math.round(x * 100) / 100;
  try {
    const cases: [string, ImportFormat, string, (p: string, mb: number) => Promise<void>, number][] = [
      ['copilot_cli', 'copilot-cli', 'ref-lines', (p, mb) => genCopilotCli(p, mb), quick ? 10 : 50],
      ['copilot_cli_dense', 'copilot-cli', 'ref-lines', (p, mb) => genCopilotCli(p, mb, true), quick ? 10 : 50],
      ['amp', 'amp', 'ref-document', genAmp, quick ? 5 : 20],
    ];
    for (const [tag, format, ref, gen, mb] of cases) {
      const path = join(dir, tag);
      await gen(path, mb);
      const size = (await stat(path)).size / 1024 / 1024;
      const best = { imp: Infinity, ref: Infinity, impCpu: Infinity, refCpu: Infinity };
      for (let i = 0; i < (quick ? 2 : 4); i++) {
        const r = await cost(path, ref);
        const m = await cost(path, format);
        best.ref = Math.min(best.ref, r.wall);
        best.refCpu = Math.min(best.refCpu, r.cpu);
        best.imp = Math.min(best.imp, m.wall);
        best.impCpu = Math.min(best.impCpu, m.cpu);
      }
      out[`${tag}_file_mb`] = Math.round(size * 10) / 10;
      out[`${tag}_mb_per_s`] = r2(size / best.imp);
      out[`${tag}_reference_mb_per_s`] = r2(size / best.ref);
      out[`${tag}_vs_reference`] = r2(best.ref / best.imp);
      out[`${tag}_vs_reference_cpu`] = r2(best.refCpu / best.impCpu);
      out[`${tag}_peak_rss_mb`] = peakRssMb(path, format);
      out[`${tag}_reference_peak_rss_mb`] = peakRssMb(path, ref);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return out;
}

// Only as the main script: imported by bench/import.bench.ts, whose own `--child` runs must not start a second import.
const childAt = require.main === module ? process.argv.indexOf('--child') : -1;
if (childAt !== -1) {
  void run(process.argv[childAt + 1], process.argv[childAt + 2]).then((n) => {
    process.stdout.write(JSON.stringify({ n, peakRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
  });
} else if (require.main === module) {
  void benchNewSources(process.argv.includes('--quick')).then((r) => process.stdout.write(JSON.stringify({ ...r, node: process.version, build: BUILD, date: new Date().toISOString() }, null, 2) + '\n'));
}
