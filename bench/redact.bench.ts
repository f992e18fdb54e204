/**
 * Redaction benchmark: ms per 100 KB of adversarial text (random base64, base64 without `+/`, one long word,
 * a run of `=`, a data URI prompt, `key=` runs, code with secrets) through `redactSecrets`, beside a plain
 * single-regex scan of the same text in the same run (`/\b(?:AKIA|ghp_)[A-Za-z0-9]{16,40}/g`, one
 * literal-prefixed pattern: the floor a one-rule scanner pays). Median and worst of ROUNDS after a warm-up,
 * wall and CPU time; interleaved so machine load hits both.
 * Also the evaluation-set recall per context and false-positive rate (report split and all). Writes
 * bench/results/redact.json. `-- --quick`: 5 rounds instead of 25.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import type { redactSecrets as RedactSecrets } from '../src/core/capture/redact';
import type { ruleCount as RuleCount } from '../src/core/capture/secret-rules';
import { rng } from '../src/core/util/random';
import { loadEvalSet, score } from '../test/support/secret-eval';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The measured code, bundled by esbuild as the extension and its workers ship it (tsx runs each source file
 * as its own module with getter-based exports, which slows every cross-module call; see capture.bench.ts).
 */
function load(): { redactSecrets: typeof RedactSecrets; ruleCount: typeof RuleCount } {
  const out = path.join(tmpdir(), `redact-bench-${process.pid}.cjs`);
  esbuild.buildSync({
    stdin: {
      contents: "export { redactSecrets } from './src/core/capture/redact';\nexport { ruleCount } from './src/core/capture/secret-rules';",
      resolveDir: path.dirname(here),
      loader: 'ts',
    },
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: out, logLevel: 'warning',
  });
  try {
    return createRequire(import.meta.url)(out) as ReturnType<typeof load>;
  } finally {
    rmSync(out, { force: true });
  }
}
const { redactSecrets, ruleCount } = load();
const ROUNDS = process.argv.includes('--quick') ? 5 : 25;
const SIZE = 100 * 1024;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const rand = rng(7);
const draw = (alphabet: string, n: number): string => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');

/** The inputs, each exactly SIZE characters. */
const inputs: Record<string, string> = {
  base64: draw(B64, SIZE),
  /** Base64 with no `+` or `/`: one 100 KB word of letters and digits (what made the old pattern quadratic). */
  base64_alnum_run: draw(B64.slice(0, 62), SIZE),
  long_word: draw('abcdefghijklmnopqrstuvwxyz', SIZE),
  equals_run: '='.repeat(SIZE),
  data_uri_prompt: `Explain this image: <img src="data:image/png;base64,${draw(B64, SIZE)}">`.slice(0, SIZE),
  key_equals_runs: 'api_key='.repeat(SIZE / 8),
  code_with_secrets: Array.from({ length: 2000 }, (_, i) =>
    i % 50 === 0 ? `const token = "ghp_${draw(B64.slice(0, 62), 36)}";\n` : `  const value${i} = compute(input, options); // step ${i}\n`,
  ).join('').slice(0, SIZE),
};

const PLAIN = /\b(?:AKIA|ghp_)[A-Za-z0-9]{16,40}/g;
function plainScan(text: string): number {
  PLAIN.lastIndex = 0;
  let n = 0;
  while (PLAIN.exec(text) !== null) n++;
  return n;
}

/** Wall and CPU milliseconds of one call. CPU time is the figure that a loaded (shared) machine bends least. */
function time(fn: () => unknown): [wall: number, cpu: number] {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return [wall, (c.user + c.system) / 1000];
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const r2 = (x: number): number => Math.round(x * 100) / 100;
const r3 = (x: number): number => Math.round(x * 1000) / 1000;

interface Row { redact_ms_p50: number; redact_ms_max: number; redact_cpu_ms_p50: number; plain_regex_ms_p50: number; plain_regex_cpu_ms_p50: number; chars: number }
const per: Record<string, Row> = {};
const loadAtStart = r2(loadavg()[0]);
for (const [name, text] of Object.entries(inputs)) {
  for (let i = 0; i < 3; i++) { redactSecrets(text); plainScan(text); }
  const red: Array<[number, number]> = [];
  const plain: Array<[number, number]> = [];
  for (let i = 0; i < ROUNDS; i++) {
    red.push(time(() => redactSecrets(text)));
    plain.push(time(() => plainScan(text)));
  }
  const scale = SIZE / text.length;
  const wall = (xs: Array<[number, number]>): number[] => xs.map((x) => x[0] * scale);
  const cpu = (xs: Array<[number, number]>): number[] => xs.map((x) => x[1] * scale);
  per[name] = {
    redact_ms_p50: r3(median(wall(red))), redact_ms_max: r3(Math.max(...wall(red))), redact_cpu_ms_p50: r3(median(cpu(red))),
    plain_regex_ms_p50: r3(median(wall(plain))), plain_regex_cpu_ms_p50: r3(median(cpu(plain))), chars: text.length,
  };
  const p = per[name];
  console.log(`${name.padEnd(18)} redact p50 ${p.redact_ms_p50} ms wall, ${p.redact_cpu_ms_p50} ms cpu / 100 KB (max ${p.redact_ms_max}); plain regex ${p.plain_regex_ms_p50} ms`);
}

const set = loadEvalSet();
const redact = (t: string): string => redactSecrets(t).text;
const pct = (r: Record<string, number>): Record<string, number> => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, r3(v)]));
const report = score(redact, set, 'report');
const all = score(redact, set, 'all');
const adversarial = ['base64', 'base64_alnum_run', 'long_word', 'equals_run'];

/**
 * Real text nobody wrote for this set: every file under test/fixtures/ai-logs (the committed real logs, the
 * fetched real-unlicensed ones when present, and the hand-made fixtures). What the redactor replaces there, by
 * kind, is listed for a person to judge (most of it should be nothing).
 */
function realLogRedactions(): { files: number; chars: number; byKind: Record<string, number> } {
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const f of readdirSync(d)) {
      const p = path.join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk(path.join(here, '..', 'test', 'fixtures', 'ai-logs'));
  const byKind: Record<string, number> = {};
  let chars = 0;
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    chars += text.length;
    for (const m of redactSecrets(text).text.matchAll(/\[REDACTED:([^\]]+)\]/g)) byKind[m[1]] = (byKind[m[1]] ?? 0) + 1;
  }
  return { files: files.length, chars, byKind };
}
const result = {
  rounds: ROUNDS,
  rules: ruleCount(),
  ms_per_100kb: per,
  adversarial_worst_p50_ms_per_100kb: r3(Math.max(...adversarial.map((k) => per[k].redact_ms_p50))),
  adversarial_worst_p50_cpu_ms_per_100kb: r3(Math.max(...adversarial.map((k) => per[k].redact_cpu_ms_p50))),
  plain_regex_worst_p50_ms_per_100kb: r3(Math.max(...adversarial.map((k) => per[k].plain_regex_ms_p50))),
  target_ms_per_100kb: 5,
  recall_report: pct(report.recall),
  recall_all: pct(all.recall),
  false_positive_rate: r3(all.falsePositiveRate),
  formats: new Set(set.secrets.map((s) => s.format)).size,
  report_formats: new Set(set.secrets.filter((s) => s.split === 'report').map((s) => s.format)).size,
  look_alikes: all.lookAlikes,
  missed_report: report.missed.map((m) => `${m.format}/${m.context}`),
  false_positives: all.falsePositives.map((f) => f.category),
  real_logs_redactions: realLogRedactions(),
  node: process.version,
  cpus: cpus().length,
  load_avg_1m_start: loadAtStart,
  load_avg_1m_end: r2(loadavg()[0]),
};
console.log(JSON.stringify({ recall_report: result.recall_report, recall_all: result.recall_all, fp: result.false_positive_rate }));
mkdirSync(path.join(here, 'results'), { recursive: true });
writeFileSync(path.join(here, 'results', 'redact.json'), `${JSON.stringify(result, null, 2)}\n`);
