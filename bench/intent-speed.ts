/**
 * `npx tsx bench/intent-speed.ts`: CPU microseconds per `classifyIntent` call, as the importers call it (no memo),
 * on the labelled corpus's real prompts and on the bench files' short fixture prompts, each made distinct per round
 * (a copy number appended) so that no engine-level caching of the same string helps; best of 5 rounds. For a before
 * and after, run it in a checkout of the earlier `src/core`.
 */
import { join } from 'node:path';
import { classifyIntent } from '../src/core/learn/intent';
import { loadIntentCorpus } from '../src/core/learn/intent-eval';

const CORPUS = loadIntentCorpus(join(__dirname, '..', 'test', 'fixtures', 'intent-corpus', 'prompts.jsonl')).map((r) => r.text);
/** The prompts of the Gemini, Copilot CLI and Cline fixtures the import benches repeat. */
const SHORT = ['Add input validation to the POST /orders handler and a test for it', 'Actually, use 422 instead', 'Explain what the validate middleware does',
  'fix the failing test in parser.ts', 'Fix the rounding bug in invoice totals'];

function usPerCall(prompts: readonly string[], reps: number): number {
  const c0 = process.cpuUsage();
  for (let r = 0; r < reps; r++) for (const p of prompts) classifyIntent(`${p} (copy ${r})`);
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / (reps * prompts.length);
}

usPerCall(CORPUS, 1);
usPerCall(SHORT, 200);
const corpus: number[] = [];
const short: number[] = [];
for (let i = 0; i < 5; i++) {
  corpus.push(usPerCall(CORPUS, 2));
  short.push(usPerCall(SHORT, 2000));
}
const r1 = (x: number): number => Math.round(x * 10) / 10;
process.stdout.write(JSON.stringify({ corpus_prompts: CORPUS.length, corpus_us_per_prompt: r1(Math.min(...corpus)), short_us_per_prompt: r1(Math.min(...short)), node: process.version, date: new Date().toISOString() }, null, 2) + '\n');
