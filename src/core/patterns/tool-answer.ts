/**
 * The language model tool "search the user's proven patterns" (`aiLearning_searchPatterns`): its input checked and
 * turned into the same search "Search Patterns" makes, and the hits rendered as the text the calling model reads.
 */
import { compatibleLanguages, SUPPORTED_LANGUAGES } from './files';
import type { SearchArgs, SearchHitDto } from './protocol';
import { successRate } from './ranking';
import { typedSearchArgs } from './search-args';

/** The tool's input as declared in package.json (`contributes.languageModelTools[].inputSchema`). */
export interface PatternToolInput {
  query: string;
  language?: string;
  k?: number;
}

export const TOOL_DEFAULT_K = 5;
export const TOOL_MAX_K = 20;
const MAX_QUERY_CHARS = 500;

/**
 * The search for a tool call, or a message for the model when the input is unusable. A model may send anything:
 * `k` is clamped to 1..20 (default 5), a language the library does not extract is refused by name.
 */
export function toolSearchArgs(input: unknown, minSuccessRate: number): SearchArgs | { error: string } {
  const i = (input ?? {}) as Partial<Record<keyof PatternToolInput, unknown>>;
  const query = typeof i.query === 'string' ? i.query.trim().slice(0, MAX_QUERY_CHARS) : '';
  if (!query) return { error: 'The input needs a non-empty "query": what the code should do, or identifiers it uses.' };
  let languages: string[] | undefined;
  if (i.language !== undefined && i.language !== '') {
    const lang = typeof i.language === 'string' ? i.language.trim().toLowerCase() : '';
    if (!SUPPORTED_LANGUAGES.includes(lang)) {
      return { error: `The pattern library holds ${SUPPORTED_LANGUAGES.join(', ')} code; ${JSON.stringify(i.language)} is not one of them.` };
    }
    languages = compatibleLanguages(lang);
  }
  const kRaw = typeof i.k === 'number' && Number.isFinite(i.k) ? Math.round(i.k) : TOOL_DEFAULT_K;
  return { ...typedSearchArgs(query, minSuccessRate, languages), k: Math.min(TOOL_MAX_K, Math.max(1, kRaw)) };
}

/** The tool's answer: one section per pattern, best first, with success rate, uses, relevance and the code. */
export function toolAnswerText(query: string, hits: readonly SearchHitDto[]): string {
  if (hits.length === 0) {
    return `No pattern in the user's library matches "${query}" (the library holds functions and classes from their own saved and committed code; it may not be built yet).`;
  }
  const parts = [`${hits.length} pattern${hits.length === 1 ? '' : 's'} from the user's own code for "${query}", best first:`, ''];
  hits.forEach((h, n) => {
    const p = h.pattern;
    const rate = successRate(p);
    const fence = p.code.includes('```') ? '````' : '```';
    parts.push(
      `${n + 1}. ${p.name} (${p.language}${p.framework ? `, ${p.framework}` : ''}${p.sourcePath ? `, from ${p.sourcePath}` : ''})`,
      ...(p.description ? [`   ${p.description}`] : []),
      `   success rate: ${rate === undefined ? 'not inserted yet' : `${Math.round(rate)}%`}; uses: ${p.usageCount}; relevance: ${Math.round(h.relevance * 100)}% (${h.strength})`,
      `${fence}${p.language}`, p.code, fence, '',
    );
  });
  return parts.join('\n');
}
