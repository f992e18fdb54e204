import type * as vscode from 'vscode';
import type { RecordedEvent } from '../../core/model/events';
import type { EventSink } from '../../core/model/sink';
import type { SearchArgs, SearchHitDto } from '../../core/patterns/protocol';
import { AnswerOutcomes } from '../../core/route/answer-outcomes';
import { emptyRoutingState, type RoutingState } from '../../core/route/state';
import type { StoreClient } from '../../core/store/client';
import type { Log } from '../log';
import { createParticipant, type Participant } from './participant';
import { registerPatternTool } from './pattern-tool';
import { registerLearningCommands } from './learning-commands';

export interface ChatDeps {
  /** The pattern library's search (rejects while the library is not started). */
  searchPatterns(args: SearchArgs): Promise<SearchHitDto[]>;
  /** The store once open (routing reads `routingState` from it per request). */
  store(): StoreClient | undefined;
  sink: EventSink;
  /** Every event this window records (capture's insertions and survival checkpoints link back to answers). */
  onEvents(listener: (events: readonly RecordedEvent[]) => void): () => void;
  memento: vscode.Memento;
  log: Log;
  /** Capture's hook for an answer's code blocks (`CaptureEngine.expectChatAnswer`), when capture runs. */
  answeredWithCode?(hashes: readonly string[]): void;
}

/** What the chat feature registered on this VS Code (the host tests read it). */
export interface ChatHandle extends vscode.Disposable {
  /** Whether the language model tool was offered (VS Code 1.95 or newer). */
  readonly toolRegistered: boolean;
  readonly participant: Participant;
  /** What routing reads now (the store's `routingState`, or an empty state while the store is not open). */
  routingState(): Promise<RoutingState>;
}

/** Registers the participant, the language model tool and the learning commands; each part is feature-detected. */
export function startChat(deps: ChatDeps): ChatHandle {
  const subs: vscode.Disposable[] = [];
  const routingState = async (): Promise<RoutingState> => {
    const store = deps.store();
    if (!store) return emptyRoutingState(Date.now());
    try {
      return await store.query('routingState', { now: Date.now() });
    } catch (error) {
      deps.log.error('chat: routing state could not be read; routing from the default capability table', error);
      return emptyRoutingState(Date.now());
    }
  };
  const outcomes = new AnswerOutcomes();
  const participant = createParticipant({ routingState, sink: deps.sink, searchPatterns: (a) => deps.searchPatterns(a), outcomes, memento: deps.memento, log: deps.log,
    answeredWithCode: (h) => deps.answeredWithCode?.(h),
  });
  subs.push(participant);
  const stop = deps.onEvents((events) => {
    if (!events.some((e) => e.kind === 'ai_insertion' || e.kind === 'survival' || e.kind === 'tool_run')) return;
    const scored = outcomes.observe(events, Date.now());
    // Appended after the listener returns: the sink calls its listeners from inside append.
    if (scored.length) queueMicrotask(() => deps.sink.appendMany ? deps.sink.appendMany(scored) : scored.forEach((e) => deps.sink.append(e)));
  });
  subs.push({ dispose: stop });
  subs.push(...registerLearningCommands({ routingState, sink: deps.sink, log: deps.log }));
  const tool = registerPatternTool((a) => deps.searchPatterns(a), deps.log);
  if (tool) subs.push(tool);
  return {
    toolRegistered: tool !== undefined,
    participant,
    routingState,
    dispose: () => {
      for (const s of subs.reverse()) s.dispose();
    },
  };
}
