/** The arguments of the searches the host makes, in one place so the evaluation makes the very same calls. */
import type { SearchArgs } from './protocol';

/** How many hits "Search Patterns" lists. */
export const TYPED_SEARCH_RESULTS = 20;

/**
 * "Search Patterns": every candidate ranked (no relevance cut-off: each hit says how strong it is),
 * used patterns below the success rate held back, the editor's compatible languages when known.
 */
export function typedSearchArgs(query: string, minSuccessRate: number, languages?: string[]): SearchArgs {
  return { query, k: TYPED_SEARCH_RESULTS, minSuccessRate, ...(languages ? { languages } : {}) };
}
