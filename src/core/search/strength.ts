/** How strong a search hit is, in words the UI shows ("close" / "weak"). */

export type MatchStrength = 'close' | 'weak';

/**
 * Relevance (0..1) from which a hit is called close, and the default of `aiLearning.patterns.minRelevance`
 * (what CodeLens offers unasked). Measured with the shipped ranker: the best hit of the 10 negative
 * queries of test/fixtures/patterns/queries.json (nothing relevant in that corpus): median 0.18, 9 of 10
 * below 0.3, the highest 0.32; correct hits of queries in the code's own words: 10th percentile 0.37
 * there, 0.65 on the tuning repository. Paraphrase hits are mostly below (median 0.13 on the tuning
 * repository): they are labelled weak, and CodeLens does not offer them.
 */
export const CLOSE_RELEVANCE = 0.3;
export const DEFAULT_MIN_RELEVANCE = CLOSE_RELEVANCE;

export function matchStrength(relevance: number): MatchStrength {
  return relevance >= CLOSE_RELEVANCE ? 'close' : 'weak';
}
