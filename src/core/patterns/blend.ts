/** How a vector cosine is mixed into the code-search ranker's relevance, per kind of embedder. */

/**
 * Weight of the hashed-vector cosine blended into the ranker's relevance. 0: the ablation on the
 * tuning repository (bench:patterns, `ablation_*`) found the vectors lowered recall; they still order
 * the patterns that share no term with the query, so a search never comes back empty.
 */
export const VECTOR_BLEND = 0;

/**
 * Weight of a sentence model's cosine (`sentence:` embedders). Chosen on the tuning repository (ky)
 * with the Universal Sentence Encoder standing in for all-MiniLM-L6-v2, which cannot be measured here
 * (bench:sentence-blend, protocol in test/fixtures/patterns/eval/SOURCE.md): at 0.6 ky's recall@5 equals
 * the lexical ranking's (0.862) with MRR 0.690 against 0.655. For MiniLM the weight is a stand-in's.
 */
export const SENTENCE_BLEND = 0.6;

/** The shipped blend for an embedder: a sentence model's, or the hashed vectors' (off). */
export function defaultBlend(embedderId: string): number {
  return embedderId.startsWith('sentence:') ? SENTENCE_BLEND : VECTOR_BLEND;
}

/**
 * The ranker's hits and the vector index's nearest ids together, each scored
 * `(1 - w) * relevance + w * cosine`, best first: a paraphrase the ranker misses can still rise by meaning.
 */
export function blendHits(
  lexical: readonly { id: string; relevance: number }[],
  nearIds: readonly string[],
  cosine: (id: string) => number,
  w: number,
): { id: string; relevance: number }[] {
  const score = new Map(lexical.map((h) => [h.id, h.relevance]));
  return [...new Set([...score.keys(), ...nearIds])]
    .map((id) => ({ id, relevance: (1 - w) * (score.get(id) ?? 0) + w * cosine(id) }))
    .sort((a, b) => b.relevance - a.relevance);
}
