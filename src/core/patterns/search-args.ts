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

/**
 * What "Search Patterns" says when a search found nothing. The search never answers empty while candidates exist,
 * so nothing found means the library holds no pattern of these languages (or was held back): building it helps.
 */
export function noResultsText(query: string, languages?: readonly string[]): { label: string; detail: string } {
  const scope = languages?.length ? ` in ${languages.join(', ')}` : '';
  return {
    label: 'No pattern found: build the pattern library from this workspace',
    detail: `Nothing in your pattern library matches "${query}"${scope}. Patterns come from your own saved and committed code; Enter builds the library from every file of the workspace now.`,
  };
}
