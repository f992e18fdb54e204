/**
 * `npx tsx bench/search-eval/word-vectors-holdout.ts` -> bench/results/word-vectors-holdout.json. The one
 * held-out run the protocol allows for the static word vectors (test/fixtures/patterns/eval/SOURCE.md,
 * "What ships, and one held-out run for information"): magic-string with the setting that did best on ky
 * under condition B, beside the shipped settings through the service (what bench:patterns reports) and
 * the naive baseline, in one run. For information only: nothing shipped is chosen from it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { HashingEmbedder } from '../../src/core/embed/hashing';
import { PatternLibrary } from '../../src/core/patterns/library';
import { DEFAULT_MIN_SUCCESS_RATE } from '../../src/core/patterns/ranking';
import { typedSearchArgs } from '../../src/core/patterns/search-args';
import { DEFAULT_EXTRACTION } from '../../src/core/patterns/types';
import { DEFAULT_RANKER, type RankerSettings } from '../../src/core/search/ranker';
import { REPORT_REPO, evalSources } from '../../test/unit/patterns/eval-set';
import { evaluate, naiveRanker, serviceRanker, type EvalResult } from '../../test/unit/patterns/eval-run';
import { benchWordVectors } from './word-vectors-data';

/** Round 3's choice under condition B, with the code synonyms as shipped. */
const CANDIDATE: Partial<RankerSettings> = { vectorExpansion: { weight: 0.3, floor: 0.5, max: 6 }, semantic: 0.7, fusion: 'adaptive' };

const r3 = (x: number): number => Number(x.toFixed(3));
const row = (r: EvalResult): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const half of ['overall', 'paraphrase', 'code'] as const) {
    out[`${half}_r1`] = r3(r[half].recallAt1);
    out[`${half}_r5`] = r3(r[half].recallAt5);
    out[`${half}_mrr`] = r3(r[half].mrr);
  }
  return out;
};

async function main(): Promise<void> {
  const lib = new PatternLibrary(new HashingEmbedder(), DEFAULT_EXTRACTION, () => undefined);
  lib.setRankerSettings({ ...DEFAULT_RANKER, vectors: benchWordVectors(), ...CANDIDATE });
  for (const [p, text] of evalSources(REPORT_REPO)) await lib.updateFile(p, text);
  const vectors = row(await evaluate(REPORT_REPO, async (q) => (await lib.search(q, { k: 20, minSuccessRate: DEFAULT_MIN_SUCCESS_RATE })).map((h) => h.pattern.name)));
  const shipped = row(await evaluate(REPORT_REPO, await serviceRanker(REPORT_REPO, (q) => typedSearchArgs(q, DEFAULT_MIN_SUCCESS_RATE))));
  const naive = row(await evaluate(REPORT_REPO, naiveRanker(REPORT_REPO)));
  const out = { repository: 'Rich-Harris/magic-string (report only; one run, for information)', candidate: CANDIDATE, vectors, shipped, naive, node: process.version };
  const root = path.join(__dirname, '../..');
  mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  writeFileSync(path.join(root, 'bench/results/word-vectors-holdout.json'), JSON.stringify(out, null, 2) + '\n');
  console.log(JSON.stringify(out, null, 2));
}

void main();
