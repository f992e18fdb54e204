/** Recall@k of the labelled query set over the corpus fixtures (shared by the unit test and the bench). */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Embedder } from '../../../src/core/embed/embedder';
import { PatternLibrary } from '../../../src/core/patterns/library';
import { DEFAULT_EXTRACTION } from '../../../src/core/patterns/types';

export const FIXTURES = path.join(__dirname, '../../fixtures/patterns');

export interface RecallResult {
  /** Share of queries whose expected unit is in the top k. */
  recall: number;
  /** The same when `minRelevance` (what CodeLens applies) also applies. */
  recallAboveMin: number;
  /** Share of negative queries (nothing relevant in the corpus) whose best hit passes `minRelevance`. */
  falsePositiveRate: number;
  pairs: number;
  patterns: number;
  misses: { query: string; expected: string; got: string[] }[];
}

/** A library built from `corpus/`; `stripDocs` removes JSDoc blocks first (code without documentation). */
export async function corpusLibrary(embedder: Embedder, stripDocs = false): Promise<PatternLibrary> {
  const lib = new PatternLibrary(embedder, DEFAULT_EXTRACTION, () => undefined);
  const dir = path.join(FIXTURES, 'corpus');
  for (const f of readdirSync(dir).sort()) {
    const text = readFileSync(path.join(dir, f), 'utf8');
    await lib.updateFile(`/ws/src/${f.replace(/\.txt$/, '')}`, stripDocs ? text.replace(/\/\*\*[\s\S]*?\*\/\n/g, '') : text);
  }
  return lib;
}

export async function recallAtK(embedder: Embedder, k: number, minRelevance: number, stripDocs = false): Promise<RecallResult> {
  const lib = await corpusLibrary(embedder, stripDocs);
  const file = JSON.parse(readFileSync(path.join(FIXTURES, 'queries.json'), 'utf8')) as {
    pairs: { query: string; expected: string }[];
    negatives: string[];
  };
  let hit = 0;
  let hitAbove = 0;
  const misses: RecallResult['misses'] = [];
  for (const p of file.pairs) {
    const hits = await lib.search(p.query, { k });
    const names = hits.map((h) => h.pattern.name);
    const at = names.indexOf(p.expected);
    if (at >= 0) hit++;
    else misses.push({ query: p.query, expected: p.expected, got: names });
    const above = await lib.search(p.query, { k, minRelevance });
    if (above.some((h) => h.pattern.name === p.expected)) hitAbove++;
  }
  let falsePositives = 0;
  for (const q of file.negatives) if ((await lib.search(q, { k: 1, minRelevance })).length > 0) falsePositives++;
  const n = file.pairs.length;
  return {
    recall: hit / n, recallAboveMin: hitAbove / n, falsePositiveRate: falsePositives / file.negatives.length,
    pairs: n, patterns: lib.size, misses,
  };
}
