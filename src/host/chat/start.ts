import type * as vscode from 'vscode';
import type { SearchArgs, SearchHitDto } from '../../core/patterns/protocol';
import type { Log } from '../log';
import { registerPatternTool } from './pattern-tool';

export interface ChatDeps {
  /** The pattern library's search (rejects while the library is not started). */
  searchPatterns(args: SearchArgs): Promise<SearchHitDto[]>;
  log: Log;
}

/** What the chat feature registered on this VS Code (the host tests read it). */
export interface ChatHandle extends vscode.Disposable {
  /** Whether the language model tool was offered (VS Code 1.95 or newer). */
  readonly toolRegistered: boolean;
}

/** Registers the language model tool; each part is feature-detected so VS Code ^1.93 still activates. */
export function startChat(deps: ChatDeps): ChatHandle {
  const subs: vscode.Disposable[] = [];
  const tool = registerPatternTool((a) => deps.searchPatterns(a), deps.log);
  if (tool) subs.push(tool);
  return {
    toolRegistered: tool !== undefined,
    dispose: () => {
      for (const s of subs.reverse()) s.dispose();
    },
  };
}
