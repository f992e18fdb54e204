import type * as vscode from 'vscode';
import type { SearchArgs, SearchHitDto } from '../../core/patterns/protocol';
import { toolAnswerText, toolSearchArgs } from '../../core/patterns/tool-answer';
import type { Log } from '../log';
import { readPatternSettings } from '../patterns/settings';
import { toolsApi } from './lm-types';

/** The name in `contributes.languageModelTools`; `#patterns` in a chat prompt references it. */
export const PATTERN_TOOL = 'aiLearning_searchPatterns';

/**
 * Offers "search the user's proven patterns" to every agent (Copilot's agent mode, other participants, our own) as a
 * language model tool: the same search as "Search Patterns" (ranked, used patterns under the success-rate setting held
 * back), answered as text with each pattern's success rate, uses and relevance. Undefined on a VS Code without the
 * tools API (before 1.95). Read-only: a tool call never records a usage (only an insertion does).
 */
export function registerPatternTool(search: (args: SearchArgs) => Promise<SearchHitDto[]>, log: Log): vscode.Disposable | undefined {
  const api = toolsApi();
  if (!api) {
    log.info('chat: this VS Code has no language model tools API (1.95 or newer); the pattern tool is not offered');
    return undefined;
  }
  return api.lm.registerTool<unknown>(PATTERN_TOOL, {
    prepareInvocation: (o) => ({ invocationMessage: `Searching your proven patterns${queryOf(o.input)}` }),
    async invoke(options) {
      const args = toolSearchArgs(options.input, readPatternSettings().minSuccessRate);
      if ('error' in args) return api.result(args.error);
      try {
        return api.result(toolAnswerText(args.query, await search(args)));
      } catch (error) {
        log.error('chat: pattern tool search failed', error);
        return api.result('The pattern search failed on the user\'s machine (the library may still be loading); try again shortly.');
      }
    },
  });
}

function queryOf(input: unknown): string {
  const q = (input as { query?: unknown } | undefined)?.query;
  return typeof q === 'string' && q.trim() ? ` for "${q.trim().slice(0, 60)}"` : '';
}
