/**
 * `npx tsx bench/search-eval/word-vectors-grid.ts [--round 2|3|4|5|6|prf|fields]` -> bench/results/word-vectors-ky[-<round>].json. The static
 * word vectors' grid on the tuning repository (ky) ONLY, by the protocol written beforehand in
 * test/fixtures/patterns/eval/SOURCE.md ("Static word vectors"): (a) expansion floor/max/weight,
 * (b) semantic blend weight, alone and together, through the library's search as "Search Patterns"
 * calls it; the choice by that protocol's rule is printed and written (`chosen`). Round 2 selects with
 * the code-synonym list off (condition B), adds the semantic vector over name/signature/doc only and
 * weights 0.6/0.7, and checks the chosen setting with the list on (the shipped condition). Never reads
 * the report repository.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { HashingEmbedder } from '../../src/core/embed/hashing';
import { PatternLibrary } from '../../src/core/patterns/library';
import { DEFAULT_MIN_SUCCESS_RATE } from '../../src/core/patterns/ranking';
import { DEFAULT_EXTRACTION } from '../../src/core/patterns/types';
import type { Fusion } from '../../src/core/search/fusion';
import { DEFAULT_RANKER, type RankerSettings } from '../../src/core/search/ranker';
import { TUNE_REPO, evalSources } from '../../test/unit/patterns/eval-set';
import { CODE_VECTORS_FILE, DISJOINT_VECTORS_FILE, benchWordVectors } from './word-vectors-data';
import { evaluate, naiveRanker, type EvalResult } from '../../test/unit/patterns/eval-run';

const r3 = (x: number): number => Number(x.toFixed(3));

interface Point {
  label: string;
  change: Partial<RankerSettings>;
  /** How many components are on and how much weight: the simpler wins ties. */
  complexity: number;
}

const ROUND_ARG = process.argv.includes('--round') ? process.argv[process.argv.indexOf('--round') + 1] : '1';
/** `prf`: pseudo-relevance feedback, shipped condition (round 0 here). */
const PRF = ROUND_ARG === 'prf';
/** `fields`: BM25F field weights, shipped condition, vectors off. */
const FIELD_GRID = ROUND_ARG === 'fields';
const ROUND = PRF || FIELD_GRID ? 0 : Number(ROUND_ARG);
/** Rounds 2-4 select under condition B (code synonyms off) and check the guard. */
const ROUND2 = ROUND >= 2 && ROUND <= 4;
const DESCRIBED: RankerSettings['semanticFields'] = ['name', 'signature', 'doc'];

function grid(): Point[] {
  if (ROUND === 5 || ROUND === 6) {
    // Rounds 5 and 6: the vectors trained on documented code, shipped condition.
    const code = benchWordVectors(ROUND === 5 ? CODE_VECTORS_FILE : DISJOINT_VECTORS_FILE);
    const out: Point[] = [{ label: 'lexical', change: {}, complexity: 0 }];
    for (const [el, ve] of [['exp_off', { weight: 0, floor: 0.6, max: 3 }], ['exp_f0.6_m3_e0.3', { weight: 0.3, floor: 0.6, max: 3 }]] as const) {
      for (const fusion of ['linear', 'adaptive', 'minmax'] as const) {
        for (const w of [0.1, 0.2, 0.3, 0.5]) out.push({ label: `${el}_${fusion}${w}`, change: { vectors: code, vectorExpansion: ve, semantic: w, fusion }, complexity: (ve.weight > 0 ? 1 + ve.weight : 0) + 1 + w });
      }
    }
    out.push({ label: 'semantic_alone_diagnostic', change: { vectors: code, semantic: 1 }, complexity: 99 });
    return out;
  }
  if (FIELD_GRID) {
    const shipped = DEFAULT_RANKER.bm25f.weight;
    const out: Point[] = [];
    for (const name of [2, 3, 4]) for (const signature of [1, 1.5]) for (const doc of [1, 1.5, 2, 3]) for (const body of [0.5, 1]) {
      const weight = { ...shipped, name, signature, doc, body };
      const distance = Math.abs(name - shipped.name) + Math.abs(signature - shipped.signature) + Math.abs(doc - shipped.doc) + Math.abs(body - shipped.body);
      out.push({ label: `name${name}_sig${signature}_doc${doc}_body${body}`, change: { bm25f: { ...DEFAULT_RANKER.bm25f, weight } }, complexity: distance });
    }
    return out;
  }
  if (PRF) {
    const out: Point[] = [{ label: 'prf_off', change: {}, complexity: 0 }];
    for (const terms of [5, 10]) for (const weight of [0.2, 0.4]) out.push({ label: `prf_t${terms}_b${weight}`, change: { feedback: { weight, terms } }, complexity: 1 + weight + terms / 100 });
    return out;
  }
  const expansions: { label: string; ve: RankerSettings['vectorExpansion'] }[] = [{ label: 'exp_off', ve: { weight: 0, floor: 0.6, max: 3 } }];
  for (const floor of [0.5, 0.6, 0.7]) for (const max of [3, 6]) for (const weight of [0.3, 0.5]) expansions.push({ label: `exp_f${floor}_m${max}_e${weight}`, ve: { weight, floor, max } });
  const out: Point[] = [];
  for (const { label, ve } of expansions) {
    if (ROUND === 4) {
      out.push({ label: `${label}_sem0`, change: { codeSynonyms: 0, vectorExpansion: ve, semantic: 0 }, complexity: ve.weight > 0 ? 1 + ve.weight : 0 });
      for (const w of [0.1, 0.2, 0.3, 0.4, 0.5]) out.push({ label: `${label}_minmax${w}`, change: { codeSynonyms: 0, vectorExpansion: ve, semantic: w, fusion: 'minmax' }, complexity: (ve.weight > 0 ? 1 + ve.weight : 0) + 1 + w });
      continue;
    }
    if (ROUND === 3) {
      out.push({ label: `${label}_sem0`, change: { codeSynonyms: 0, vectorExpansion: ve, semantic: 0 }, complexity: ve.weight > 0 ? 1 + ve.weight : 0 });
      const fusions: [Fusion, number[]][] = [['rrf', [0.25, 0.5, 1]], ['adaptive', [0.3, 0.5, 0.7, 0.9]]];
      for (const [fusion, ws] of fusions) {
        for (const w of ws) out.push({ label: `${label}_${fusion}${w}`, change: { codeSynonyms: 0, vectorExpansion: ve, semantic: w, fusion }, complexity: (ve.weight > 0 ? 1 + ve.weight : 0) + 1 + w });
      }
      continue;
    }
    for (const w of ROUND2 ? [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7] : [0, 0.1, 0.2, 0.3, 0.4, 0.5]) {
      const base = ROUND2 ? { codeSynonyms: 0 } : {};
      const complexity = (ve.weight > 0 ? 1 + ve.weight : 0) + (w > 0 ? 1 + w : 0);
      out.push({ label: `${label}_sem${w}`, change: { ...base, vectorExpansion: ve, semantic: w }, complexity });
      if (ROUND2 && w > 0) out.push({ label: `${label}_sem${w}_described`, change: { ...base, vectorExpansion: ve, semantic: w, semanticFields: DESCRIBED }, complexity: complexity + 0.01 });
    }
  }
  return out;
}

const row = (r: EvalResult): Record<string, number> => ({
  r1: r3(r.overall.recallAt1), r5: r3(r.overall.recallAt5), mrr: r3(r.overall.mrr),
  para_r1: r3(r.paraphrase.recallAt1), para_r5: r3(r.paraphrase.recallAt5), para_mrr: r3(r.paraphrase.mrr),
  code_r5: r3(r.code.recallAt5), code_mrr: r3(r.code.mrr),
});

/** Protocol rule: recall@5, then paraphrase recall@5, then MRR, then the simpler. */
function better(a: Record<string, number>, ac: number, b: Record<string, number>, bc: number): boolean {
  if (a.r5 !== b.r5) return a.r5 > b.r5;
  if (a.para_r5 !== b.para_r5) return a.para_r5 > b.para_r5;
  if (a.mrr !== b.mrr) return a.mrr > b.mrr;
  return ac < bc;
}

async function main(): Promise<void> {
  const lib = new PatternLibrary(new HashingEmbedder(), DEFAULT_EXTRACTION, () => undefined);
  for (const [p, text] of evalSources(TUNE_REPO)) await lib.updateFile(p, text);
  const results: Record<string, Record<string, number>> = {};
  let best: { p: Point; m: Record<string, number> } | undefined;
  for (const p of grid()) {
    lib.setRankerSettings({ ...DEFAULT_RANKER, vectors: benchWordVectors(), ...p.change });
    const m = row(await evaluate(TUNE_REPO, async (q) => (await lib.search(q, { k: 20, minSuccessRate: DEFAULT_MIN_SUCCESS_RATE })).map((h) => h.pattern.name)));
    results[p.label] = m;
    if (!best || better(m, p.complexity, best.m, best.p.complexity)) best = { p, m };
  }
  const naive = row(await evaluate(TUNE_REPO, naiveRanker(TUNE_REPO)));
  const out: Record<string, unknown> = {
    repository: 'sindresorhus/ky (tuning only)', condition: ROUND2 ? 'B: codeSynonyms 0' : 'shipped', naive, results, chosen: { label: best!.p.label, settings: { ...best!.p.change, vectors: best!.p.change.vectors ? (ROUND === 5 ? 'code-vectors.json' : ROUND === 6 ? 'code-vectors-disjoint.json' : 'word-vectors.json') : undefined }, ...best!.m },
  };
  if (ROUND2) {
    // The guard: the chosen setting with the shipped code synonyms, beside the lexical ranking.
    const withList = async (change: Partial<RankerSettings>): Promise<Record<string, number>> => {
      lib.setRankerSettings({ ...DEFAULT_RANKER, vectors: benchWordVectors(), ...change });
      return row(await evaluate(TUNE_REPO, async (q) => (await lib.search(q, { k: 20, minSuccessRate: DEFAULT_MIN_SUCCESS_RATE })).map((h) => h.pattern.name)));
    };
    const chosen = { ...best!.p.change, codeSynonyms: DEFAULT_RANKER.codeSynonyms };
    out.guard = { chosen_with_code_synonyms: await withList(chosen), lexical_with_code_synonyms: await withList({}) };
    console.log('guard', JSON.stringify(out.guard));
  }
  const root = path.join(__dirname, '../..');
  mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  writeFileSync(path.join(root, `bench/results/word-vectors-ky${PRF ? '-prf' : FIELD_GRID ? '-fields' : ROUND > 1 ? `-round${ROUND}` : ''}.json`), JSON.stringify(out, null, 2) + '\n');
  const show = (k: string): string => `${k.padEnd(26)} ${Object.values(results[k]).join(' ')}`;
  console.log('label r1 r5 mrr para_r1 para_r5 para_mrr code_r5 code_mrr');
  for (const k of Object.keys(results)) console.log(show(k));
  console.log('naive', Object.values(naive).join(' '));
  console.log('chosen', JSON.stringify(out.chosen));
}

void main();
