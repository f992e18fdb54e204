/**
 * `npm run bench:import [-- --quick] [--new-sources]`: importer throughput (MB/s) on generated Claude Code transcripts and
 * Copilot mutation logs, beside a plain read-lines-and-JSON.parse loop over the same files in the same run
 * (best of interleaved rounds, as wall-clock MB/s and as MB per CPU second: the CPU ratio is the steadier
 * one on a shared, loaded machine), and peak RSS of importer and reference on each file, each measured in a
 * child process. Writes bench/results/import.json (full mode only).
 *
 * Intent: the figures of the shipped classifier by nested repository-grouped cross-validation over the labelled
 * corpus (test/fixtures/intent-corpus), from the same module as scripts/train-intent.ts (src/core/learn/intent-eval),
 * beside the learned model alone and the old rules on the same prompts; and the time a prompt takes to classify.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classifyIntent } from '../src/core/learn/intent';
import { evaluateIntent, loadIntentCorpus } from '../src/core/learn/intent-eval';
import type { IntentMetrics } from '../src/core/learn/intent-eval';
import { classifyIntentByRules } from '../src/core/learn/intent-rules';
import { benchNewSources } from './import-new-sources';
import { kiroFigures, otelFigures } from './import-kiro-otel';
import { BUILD, benchTargets } from './shipped';
import type { ImportFormat } from '../src/core/importers/types';
import { DEFAULT_IMPORT_OPTIONS } from '../src/core/importers/types';
import { LABELLED_PROMPTS } from '../test/unit/learn/intent-labelled';
import { newSourceFigures } from './import-gemini-cline';
import type { Reference } from './import-gemini-cline';

const FIXTURES = join(__dirname, '..', 'test', 'fixtures', 'ai-logs');
const OPTIONS = { ...DEFAULT_IMPORT_OPTIONS, now: () => 9e15 };
// tsx's build of the importers and references, or the shipped bundle's (ALA_BENCH_SHIPPED=1, bench/shipped.ts).
const { importFile, resetIntentMemo, parseClineDocument, parseDocument, parseLines } = benchTargets();

async function importOnly(path: string, format: ImportFormat): Promise<number> {
  // Each import run is a fresh worker: no prompt remembered from the previous round.
  resetIntentMemo();
  let n = 0;
  await importFile({ path, format, source: 'claudeCode' }, undefined, OPTIONS, () => n++);
  return n;
}

const REFERENCES: Record<Reference, (path: string) => Promise<number>> = { reference: parseLines, 'reference-document': parseDocument, 'reference-cline': parseClineDocument };

interface Pair {
  /** Best wall-clock MB/s. */
  importer: number;
  reference: number;
  /** Best MB/s per CPU second (process.cpuUsage, all threads): steadier than wall time on a shared, loaded machine. */
  importerCpu: number;
  referenceCpu: number;
}

/** Best MB/s of the importer and of the reference, rounds interleaved so load changes hit both alike. */
async function pair(path: string, format: ImportFormat, rounds: number, refKind: Reference = 'reference'): Promise<Pair> {
  const mb = (await stat(path)).size / 1024 / 1024;
  const best = { importer: Infinity, reference: Infinity, importerCpu: Infinity, referenceCpu: Infinity };
  const time = async (fn: () => Promise<number>): Promise<{ wall: number; cpu: number }> => {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    await fn();
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    const c = process.cpuUsage(c0);
    return { wall, cpu: (c.user + c.system) / 1e6 };
  };
  for (let i = 0; i < rounds; i++) {
    const ref = await time(() => REFERENCES[refKind](path));
    const imp = await time(() => importOnly(path, format));
    best.reference = Math.min(best.reference, ref.wall);
    best.referenceCpu = Math.min(best.referenceCpu, ref.cpu);
    best.importer = Math.min(best.importer, imp.wall);
    best.importerCpu = Math.min(best.importerCpu, imp.cpu);
  }
  return { importer: mb / best.importer, reference: mb / best.reference, importerCpu: mb / best.importerCpu, referenceCpu: mb / best.referenceCpu };
}

/** Claude Code transcript of ~`mb` MB: the real fixture's lines repeated with fresh message/request ids. */
async function genClaude(path: string, mb: number): Promise<void> {
  const lines = (await readFile(join(FIXTURES, 'claude-code-transcript.jsonl'), 'utf8')).trim().split('\n');
  const handle = await open(path, 'w');
  let size = 0;
  for (let round = 0; size < mb * 1024 * 1024; round++) {
    const chunk = lines.map((l) => l.replace(/"(msg_|req_|toolu_)([A-Za-z0-9]+)"/g, `"$1$2_${round}"`)).join('\n') + '\n';
    await handle.write(chunk);
    size += Buffer.byteLength(chunk);
  }
  await handle.close();
}

/** Copilot mutation log of ~`mb` MB: the real snapshot, then pushes of its requests with fresh ids, plus sets. */
async function genCopilot(path: string, mb: number): Promise<void> {
  const [first] = (await readFile(join(FIXTURES, 'copilot-chat-session-mutation-log.jsonl'), 'utf8')).split('\n');
  const snapshot = JSON.parse(first) as { v: { requests: { requestId: string }[] } };
  const request = JSON.stringify(snapshot.v.requests[0]);
  const handle = await open(path, 'w');
  let size = 0;
  let n = snapshot.v.requests.length;
  await handle.write(first + '\n');
  while (size < mb * 1024 * 1024) {
    let chunk = '';
    for (let i = 0; i < 50; i++, n++) {
      chunk += `{"kind":2,"k":["requests"],"v":[${request.replace(/"requestId":"[^"]+"/, `"requestId":"r-${n}"`)}]}\n`;
      chunk += `{"kind":1,"k":["requests",${n},"vote"],"v":1}\n{"kind":1,"k":["inputState","inputText"],"v":"next ${n}"}\n`;
    }
    await handle.write(chunk);
    size += Buffer.byteLength(chunk);
  }
  await handle.close();
}

const INTENT_CORPUS = join(__dirname, '..', 'test', 'fixtures', 'intent-corpus', 'prompts.jsonl');

/** Grouped-CV intent figures (shipped recipe, model alone, old rules) and classification time per corpus prompt. */
function intentFigures(): Record<string, unknown> {
  const records = loadIntentCorpus(INTENT_CORPUS);
  const r = evaluateIntent(records, classifyIntentByRules);
  const r3 = (x: number): number => Math.round(x * 1000) / 1000;
  const f1s = (m: IntentMetrics): Record<string, number> => Object.fromEntries(Object.entries(m.perLabel).map(([l, v]) => [l, r3(v.f1)]));
  for (const rec of records) classifyIntent(rec.text);
  const t0 = process.hrtime.bigint();
  for (let round = 0; round < 3; round++) for (const rec of records) classifyIntent(rec.text);
  const msEach = Number(process.hrtime.bigint() - t0) / 1e6 / (3 * records.length);
  return {
    intent_accuracy_grouped: r3(r.shipped.accuracy),
    intent_macro_f1_grouped: r3(r.shipped.macroF1),
    intent_accuracy_grouped_ci95: r.shipped.accuracyCi95.map(r3),
    intent_f1_grouped: f1s(r.shipped),
    intent_model_only_accuracy_grouped: r3(r.model.accuracy),
    intent_model_only_macro_f1_grouped: r3(r.model.macroF1),
    intent_rules_accuracy: r3(r.rules.accuracy),
    intent_rules_macro_f1: r3(r.rules.macroF1),
    intent_rules_f1: f1s(r.rules),
    intent_corpus_n: records.length,
    intent_corpus_groups: new Set(records.map((x) => x.group)).size,
    intent_ms_per_prompt: Math.round(msEach * 10000) / 10000,
  };
}

/** Child mode: import (or reference-read) one file and print the peak RSS in MB. */
async function child(path: string, mode: string): Promise<void> {
  const n = mode in REFERENCES ? await REFERENCES[mode as Reference](path) : await importOnly(path, mode as ImportFormat);
  process.stdout.write(JSON.stringify({ n, peakRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
}

function peakRss(path: string, mode: ImportFormat | Reference): number {
  const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--child', path, mode], { encoding: 'utf8', cwd: join(__dirname, '..') });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  return (JSON.parse(r.stdout.trim().split('\n').pop()!) as { peakRssMb: number }).peakRssMb;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const dir = await mkdtemp(join(tmpdir(), 'ail-bench-import-'));
  const round = (x: number): number => Math.round(x * 10) / 10;
  try {
    // `--new-sources` (after `--quick` or not): only the issue 14 sources' figures, printed, nothing written.
    if (process.argv.includes('--kiro')) {
      process.stdout.write(JSON.stringify({ ...(await kiroFigures(dir, quick, { pair, peakRss })), ...(await otelFigures(dir, quick, { pair, peakRss })) }, null, 2) + '\n');
      return;
    }
    if (process.argv.includes('--new-sources')) {
      process.stdout.write(JSON.stringify(await newSourceFigures(dir, quick, { pair, peakRss }), null, 2) + '\n');
      return;
    }
    // `--intent`: only the intent figures, measured now and merged into bench/results/import.json (the import
    // throughput figures there are kept as the last full run wrote them).
    if (process.argv.includes('--intent')) {
      let right = 0;
      for (const [prompt, label] of LABELLED_PROMPTS) if (classifyIntent(prompt) === label) right++;
      const figures = { intent_accuracy_own_set: Math.round((right / LABELLED_PROMPTS.length) * 1000) / 1000, ...intentFigures(), intent_date: new Date().toISOString() };
      process.stdout.write(JSON.stringify(figures, null, 2) + '\n');
      const path = join(__dirname, 'results', 'import.json');
      const previous = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
      await writeFile(path, JSON.stringify({ ...previous, ...figures }, null, 2) + '\n');
      return;
    }
    const claude = join(dir, 'claude.jsonl');
    const copilot = join(dir, 'copilot.jsonl');
    await genClaude(claude, quick ? 20 : 200);
    await genCopilot(copilot, quick ? 10 : 50);
    const rounds = quick ? 2 : 3;
    const cl = await pair(claude, 'claude-code', rounds);
    // The Copilot file is smaller: more rounds for the same steadiness.
    const co = await pair(copilot, 'copilot-mutation-log', quick ? 3 : 5);
    const rssImport = peakRss(claude, 'claude-code');
    const rssReference = peakRss(claude, 'reference');
    const rssCopilot = peakRss(copilot, 'copilot-mutation-log');
    const rssCopilotReference = peakRss(copilot, 'reference');
    const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;
    const mbTag = quick ? '20mb' : '200mb';
    const copilotTag = quick ? '10mb' : '50mb';
    let right = 0;
    for (const [prompt, label] of LABELLED_PROMPTS) if (classifyIntent(prompt) === label) right++;
    const results = {
      mode: quick ? 'quick' : 'full',
      claude_file_mb: round((await stat(claude)).size / 1024 / 1024),
      copilot_file_mb: round((await stat(copilot)).size / 1024 / 1024),
      claude_mb_per_s: round(cl.importer),
      copilot_mb_per_s: round(co.importer),
      reference_mb_per_s: round(cl.reference),
      copilot_reference_mb_per_s: round(co.reference),
      claude_vs_reference: ratio(cl.importer, cl.reference),
      copilot_vs_reference: ratio(co.importer, co.reference),
      claude_vs_reference_cpu: ratio(cl.importerCpu, cl.referenceCpu),
      copilot_vs_reference_cpu: ratio(co.importerCpu, co.referenceCpu),
      [`peak_rss_mb_${mbTag}`]: round(rssImport),
      [`reference_peak_rss_mb_${mbTag}`]: round(rssReference),
      [`copilot_peak_rss_mb_${copilotTag}`]: round(rssCopilot),
      [`copilot_reference_peak_rss_mb_${copilotTag}`]: round(rssCopilotReference),
      rounds: { claude: rounds, copilot: quick ? 3 : 5 },
      // The project's own 116 hand-written prompts (written by the same hands as the old rules): not the figure to quote.
      intent_accuracy_own_set: Math.round((right / LABELLED_PROMPTS.length) * 1000) / 1000,
      intent_labelled_n: LABELLED_PROMPTS.length,
      ...intentFigures(),
      // Issue 14: Copilot CLI and Amp beside their plain-parse references (bench/import-new-sources.ts); Gemini CLI and the Cline family (bench/import-gemini-cline.ts).
      ...(await benchNewSources(quick)),
      ...(await newSourceFigures(dir, quick, { pair, peakRss })),
      ...(await kiroFigures(dir, quick, { pair, peakRss })),
      ...(await otelFigures(dir, quick, { pair, peakRss })),
      node: process.version,
      build: BUILD,
      date: new Date().toISOString(),
    };
    process.stdout.write(JSON.stringify(results, null, 2) + '\n');
    // Quick runs (CI smoke) only print: bench/results/import.json holds the full run's figures.
    if (!quick) await writeFile(join(__dirname, 'results', 'import.json'), JSON.stringify(results, null, 2) + '\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const childAt = process.argv.indexOf('--child');
if (childAt !== -1) void child(process.argv[childAt + 1], process.argv[childAt + 2]);
else void main();
