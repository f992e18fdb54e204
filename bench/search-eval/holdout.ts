/**
 * Search quality on the frozen evaluation (test/fixtures/patterns/eval): the shipped settings through
 * the very call "Search Patterns" makes, per repository and per half, beside the naive word-overlap
 * baseline, the previous ranker (with and without its cut-off) and the ablations. `ky` was used to
 * tune; `magic-string` only reports (`*_holdout`).
 */
import { HashingEmbedder } from '../../src/core/embed/hashing';
import { PatternLibrary } from '../../src/core/patterns/library';
import { typedSearchArgs } from '../../src/core/patterns/search-args';
import { DEFAULT_MIN_SUCCESS_RATE } from '../../src/core/patterns/ranking';
import { DEFAULT_EXTRACTION } from '../../src/core/patterns/types';
import { DEFAULT_RANKER, type RankerSettings } from '../../src/core/search/ranker';
import { REPORT_REPO, TUNE_REPO, evalSources, type EvalRepo } from '../../test/unit/patterns/eval-set';
import { evaluate, naiveRanker, previousRanker, serviceRanker, type EvalResult, type Ranker } from '../../test/unit/patterns/eval-run';

const r3 = (x: number): number => Number(x.toFixed(3));

/** `recall_at_5_<tag>`, `recall_at_5_<tag>_paraphrase`, `..._code`, the same for recall@1 and MRR. */
function flat(tag: string, r: EvalResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const half of ['overall', 'paraphrase', 'code'] as const) {
    const m = r[half];
    const suffix = half === 'overall' ? tag : `${tag}_${half}`;
    out[`recall_at_1_${suffix}`] = r3(m.recallAt1);
    out[`recall_at_5_${suffix}`] = r3(m.recallAt5);
    out[`mrr_${suffix}`] = r3(m.mrr);
  }
  out[`empty_answers_${tag}`] = r.empty;
  return out;
}

async function libraryRanker(repo: EvalRepo, settings: RankerSettings, vectorBlend: number): Promise<Ranker> {
  const lib = new PatternLibrary(new HashingEmbedder(), DEFAULT_EXTRACTION, () => undefined);
  lib.setRankerSettings(settings);
  for (const [p, text] of evalSources(repo)) await lib.updateFile(p, text);
  return async (q) => (await lib.search(q, { k: 20, minSuccessRate: DEFAULT_MIN_SUCCESS_RATE }, vectorBlend)).map((h) => h.pattern.name);
}

const ABLATIONS: [string, Partial<RankerSettings>, number][] = [
  ['no_wordnet', { wordnet: 0 }, 0],
  ['no_code_synonyms', { codeSynonyms: 0 }, 0],
  ['no_learned_associations', { associations: 0 }, 0],
  ['no_expansion', { wordnet: 0, codeSynonyms: 0, associations: 0 }, 0],
  ['vectors_0_2', {}, 0.2],
  ['vectors_0_4', {}, 0.4],
];

export async function holdoutFigures(): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  for (const repo of [TUNE_REPO, REPORT_REPO]) {
    const tag = repo === REPORT_REPO ? 'holdout' : 'tune';
    const shipped = await evaluate(repo, await serviceRanker(repo, (q) => typedSearchArgs(q, DEFAULT_MIN_SUCCESS_RATE)));
    Object.assign(out, flat(tag, shipped));
    Object.assign(out, flat(`${tag}_naive`, await evaluate(repo, naiveRanker(repo))));
    Object.assign(out, flat(`${tag}_previous`, await evaluate(repo, previousRanker(repo))));
    Object.assign(out, flat(`${tag}_previous_with_cutoff`, await evaluate(repo, previousRanker(repo, 0.3))));
    for (const [name, change, blend] of ABLATIONS) {
      const r = await evaluate(repo, await libraryRanker(repo, { ...DEFAULT_RANKER, ...change }, blend));
      const a = flat(`${tag}_ablation_${name}`, r);
      for (const k of Object.keys(a)) if (!k.startsWith('recall_at_5_') && !k.startsWith('mrr_')) delete a[k];
      Object.assign(out, a);
    }
    out[`${tag}_queries`] = shipped.overall.n;
  }
  out.holdout_repository = 'Rich-Harris/magic-string@1bb4cce (report only)';
  out.tune_repository = 'sindresorhus/ky@3419113 (tuning)';
  return out;
}
