/** seed 002's prompt injection: the best qualifying patterns for a task, as a Markdown section. */
import type { PatternUsageEvent } from '../model/events';
import type { EventSink } from '../model/sink';
import { DEFAULT_MIN_RELEVANCE } from '../search/strength';
import { shortHash } from '../util/hash';
import type { LibraryHit, LibrarySearch } from './library';
import { DEFAULT_MIN_SUCCESS_RATE, successRate } from './ranking';

export interface InjectOptions {
  /** seed 002: `max_patterns` 3. */
  maxPatterns?: number;
  /** seed 002: `min_success_rate` 70 (applies once a pattern has been used). */
  minSuccessRate?: number;
  /** seed 002's `min_relevance` (0.6 of a sentence model's cosine); on this ranker's scale `DEFAULT_MIN_RELEVANCE`. */
  minRelevance?: number;
  languages?: readonly string[];
}

export interface Injection {
  /** Empty when no pattern qualifies. */
  markdown: string;
  patternIds: string[];
}

const FENCE_LANG: Record<string, string> = { typescriptreact: 'tsx', javascriptreact: 'jsx' };

/**
 * Finds the top qualifying patterns for `task`, renders them as "## Relevant Patterns from Past
 * Successes", and records each as an `injected` usage (pending until rated) in `sink`.
 */
export async function injectPatterns(
  search: (query: string, opts: LibrarySearch) => Promise<LibraryHit[]>,
  task: string,
  sink: EventSink,
  opts: InjectOptions = {},
  now: () => number = Date.now,
): Promise<Injection> {
  const minSuccessRate = opts.minSuccessRate ?? DEFAULT_MIN_SUCCESS_RATE;
  const query: LibrarySearch = { k: opts.maxPatterns ?? 3, minRelevance: opts.minRelevance ?? DEFAULT_MIN_RELEVANCE, minSuccessRate };
  if (opts.languages) query.languages = opts.languages;
  const hits = await search(task, query);
  if (hits.length === 0) return { markdown: '', patternIds: [] };
  const parts = ['## Relevant Patterns from Past Successes', '', 'These patterns from your own code have been effective:', ''];
  hits.forEach((h, i) => parts.push(renderHit(h, i + 1)));
  parts.push('Consider these patterns when implementing. They have proven successful in similar contexts.');
  const ts = now();
  for (const h of hits) {
    const ev: PatternUsageEvent = {
      kind: 'pattern_usage', ts, id: shortHash(`inject:${h.pattern.id}:${ts}:${task}`), patternId: h.pattern.id, action: 'injected',
    };
    sink.append(ev);
  }
  return { markdown: parts.join('\n'), patternIds: hits.map((h) => h.pattern.id) };
}

function renderHit(h: LibraryHit, n: number): string {
  const p = h.pattern;
  const rate = successRate(p);
  const fence = p.code.includes('```') ? '````' : '```';
  return [
    `### Pattern #${n}: ${p.name}`,
    p.description ? `${p.description}` : '',
    `- **Success Rate**: ${rate === undefined ? 'not used yet' : `${Math.round(rate)}%`}`,
    `- **Used**: ${p.usageCount} times`,
    `- **Relevance**: ${Math.round(h.relevance * 100)}%`,
    '',
    `${fence}${FENCE_LANG[p.language] ?? p.language}`,
    p.code,
    fence,
    '',
  ].join('\n');
}
