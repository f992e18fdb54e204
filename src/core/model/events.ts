/**
 * The events that flow one way through the extension:
 *   collectors / importers -> journal (one CRC-framed record each) -> store worker -> tables + rollups.
 *
 * This file is the single source of truth for what an event carries. The store's schema
 * (`src/core/store`) maps each kind to its table; producers (`src/core/capture`, `src/core/importers`,
 * `src/core/patterns`) build these values and nothing else.
 *
 * Conventions:
 * - `ts` is integer milliseconds since the epoch, computed in JS (`Date.now()`), never in SQL.
 * - Hashes are 16 lowercase hex characters (see `shortHash` in `src/core/util/hash.ts`); file paths and
 *   workspace folders are stored hashed unless the capture level allows paths.
 * - Optional text (`text`, `prompt`, `code`) is present only when the capture level allows it, and has
 *   been through secret redaction before it reaches the journal.
 * - Fields never hold `undefined` in the journal (JSON drops them); absent means "not observed".
 */

/** How sure a label is. `exact`: an API said so. `heuristic`: inferred, may be wrong. */
export type Precision = 'exact' | 'strong' | 'heuristic';

/** What kind of edit a text change was, as decided by the change classifier. */
export type ChangeLabel =
  | 'typed'
  | 'paste'
  | 'undo'
  | 'redo'
  | 'inline'
  | 'chat'
  | 'agent'
  | 'pattern'
  | 'bulk'
  | 'delete';

/** Where a piece of AI-written code came from. */
export type InsertionOrigin = 'inline' | 'chat' | 'agent' | 'paste' | 'pattern';

/** Survival checkpoints: seconds after insertion, or the named moments. */
export type SurvivalCheckpoint = '30s' | '2m' | '5m' | '10m' | '15m' | 'save' | 'commit' | '1d' | '7d';

/** The AI tools whose activity we observe or import. */
export type SourceTool =
  | 'copilot'
  | 'copilot-chat'
  | 'copilot-cli'
  | 'claude-code'
  | 'codex'
  | 'continue'
  | 'aider'
  | 'gemini-cli'
  | 'cursor'
  | 'windsurf'
  | 'cline'
  | 'roo-code'
  | 'kilo-code'
  | 'opencode'
  | 'kiro'
  | 'amp'
  | 'vscode'
  /** Our own chat participant (issue 15: routed requests). */
  | 'ai-learning'
  | 'other';

/** Intent of a chat turn, from the rule-based classifier in `src/core/learn`. */
export type Intent =
  | 'code_generation'
  | 'debugging'
  | 'architecture'
  | 'code_review'
  | 'explanation'
  | 'refactor'
  | 'test'
  | 'other';

/** A summary of one or more text changes to one document (the classifier's output). */
export interface TextChangeEvent {
  kind: 'text_change';
  ts: number;
  session?: string;
  fileHash: string;
  language: string;
  label: ChangeLabel;
  precision: Precision;
  charsAdded: number;
  charsRemoved: number;
  linesAdded: number;
  /** How many raw change events this summary stands for. */
  count: number;
}

/** A piece of AI-written (or pattern) code that entered a document and is now tracked for survival. */
export interface AiInsertionEvent {
  kind: 'ai_insertion';
  ts: number;
  session?: string;
  /** Unique id of this insertion (survival checkpoints refer to it). */
  id: string;
  origin: InsertionOrigin;
  tool?: SourceTool;
  fileHash: string;
  language: string;
  chars: number;
  lines: number;
  precision: Precision;
  /** 0..1: how sure the classifier is this was AI. */
  confidence: number;
  /** Hash of the inserted text (no text unless the capture level allows). */
  textHash: string;
  text?: string;
  /** Pattern id when origin is 'pattern'. */
  patternId?: string;
}

/** How much of an insertion was still present at a checkpoint. */
export interface SurvivalEvent {
  kind: 'survival';
  ts: number;
  insertionId: string;
  checkpoint: SurvivalCheckpoint;
  charsKept: number;
  charsTotal: number;
  /** The tracked range was lost (file deleted, content no longer matches after reopen). */
  lost?: boolean;
}

/** A commit seen through the git extension (made in VS Code or in a terminal). */
export interface CommitEvent {
  kind: 'commit';
  ts: number;
  session?: string;
  /** Full commit hash. */
  hash: string;
  repoHash: string;
  branch?: string;
  filesChanged: number;
  linesAdded: number;
  linesRemoved: number;
  /** Lines of this commit that came from tracked AI insertions. */
  aiLines: number;
}

/**
 * Another tool's own account of who wrote a commit's added lines (Cursor's `scored_commits` in
 * `~/.cursor/ai-tracking/ai-code-tracking.db`), kept beside our own `aiLines` for the same commit hash. Re-imported
 * values replace the stored ones (the tool may score a commit again).
 */
export interface CommitAttributionEvent {
  kind: 'commit_attribution';
  /** When the tool scored the commit, ms. */
  ts: number;
  sourceTool: SourceTool;
  /** Full commit hash, as the `commit` event carries it. */
  hash: string;
  linesAdded: number;
  linesDeleted?: number;
  /** Lines the tool says AI wrote: for Cursor, tab completions plus composer (agent and chat) lines. */
  aiLinesAdded: number;
  tabLinesAdded?: number;
  composerLinesAdded?: number;
  humanLinesAdded?: number;
  /** Blank lines, which Cursor counts apart from both. */
  blankLinesAdded?: number;
}

/** A tool run and its outcome: terminal command, task, test run, an agent's tool call, a diagnostics delta. */
export interface ToolRunEvent {
  kind: 'tool_run';
  ts: number;
  session?: string;
  /** Command name (first word, e.g. `npm`), task name, or an agent tool's name. */
  tool: string;
  source: 'terminal' | 'task' | 'diagnostics' | 'import';
  sourceTool?: SourceTool;
  /** `true` passed, `false` failed, absent unknown. */
  success?: boolean;
  /** Whether the user allowed the call (Continue's `toolUsage.accepted`), beside `success`; absent unknown. */
  accepted?: boolean;
  exitCode?: number;
  durationMs?: number;
  /** Recognised as a test run (npm test, jest, pytest, ...). */
  isTest?: boolean;
  /** Ran within minutes of an AI insertion into the workspace. */
  afterAi?: boolean;
  /** Redacted command line, only when the capture level allows text. */
  command?: string;
  /** For diagnostics deltas: errors after minus errors before. */
  errorDelta?: number;
  /** For diagnostics deltas: the file they were counted in (`shortHash` of its URI, as `ai_insertion.fileHash`). */
  fileHash?: string;
  /** Dedup key for imported tool calls. */
  externalId?: string;
}

/** One request/response with an AI tool: chat turn, agent turn, inline completion, edit. */
export interface AiInteractionEvent {
  kind: 'ai_interaction';
  ts: number;
  session?: string;
  /** Stable dedup key: the same interaction imported twice has the same id. */
  id: string;
  sourceTool: SourceTool;
  interaction: 'chat' | 'agent' | 'inline' | 'edit' | 'completion';
  intent: Intent;
  model?: string;
  promptChars?: number;
  responseChars?: number;
  /** Time to first token/progress, ms. */
  firstTokenMs?: number;
  /** Total response time, ms. */
  latencyMs?: number;
  tokensIn?: number;
  tokensOut?: number;
  cacheWriteTokens?: number;
  cacheReadTokens?: number;
  /** Reasoning ("thinking") output tokens where the tool reports them apart (Codex); already inside `tokensOut`. */
  reasoningTokens?: number;
  /** USD; absent when the model's price is unknown (never guessed). */
  costUsd?: number;
  success?: boolean;
  /** 1 up, -1 down, absent no vote. */
  vote?: 1 | -1;
  voteReason?: string;
  cancelled?: boolean;
  /** Tool calls of the main agent. */
  toolCalls?: number;
  /** Tool calls made by sub-agents this request started (Copilot `subAgentInvocationId` parts), apart from `toolCalls`. */
  subAgentToolCalls?: number;
  toolErrors?: number;
  filesEdited?: number;
  linesEdited?: number;
  /** The tool's own session/conversation id. */
  conversation?: string;
  workspaceHash?: string;
  prompt?: string;
  /** `ts` was not in the log and is estimated (from the file's modification time): say so where it is shown. */
  tsEstimated?: boolean;
}

/** Explicit feedback: "Rate AI Assistance", chat votes, our own participant's feedback. */
export interface FeedbackEvent {
  kind: 'feedback';
  ts: number;
  session?: string;
  id: string;
  /** 1..5. */
  rating: number;
  text?: string;
  tags: string[];
  sourceTool?: SourceTool;
  interactionId?: string;
}

/** Editor context at meaningful moments (never per keystroke). */
export interface ContextEvent {
  kind: 'context';
  ts: number;
  session?: string;
  what: 'focus' | 'blur' | 'idle' | 'active' | 'editor' | 'branch' | 'dirty';
  language?: string;
  openEditors?: number;
  branch?: string;
  dirtyFiles?: number;
}

/** A coding session: starts with activity, ends after `idleMinutes` without it. */
export interface SessionEvent {
  kind: 'session';
  ts: number;
  id: string;
  phase: 'start' | 'end';
  /** For 'end': active milliseconds in the session. */
  activeMs?: number;
  workspaceHash?: string;
}

/** A pattern extracted from the developer's own code, or its update/removal. */
export interface PatternEvent {
  kind: 'pattern';
  ts: number;
  id: string;
  op: 'upsert' | 'stale' | 'delete';
  name?: string;
  description?: string;
  language?: string;
  framework?: string;
  tags?: string[];
  complexity?: number;
  lines?: number;
  code?: string;
  fingerprint?: string;
  sourceFileHash?: string;
  sourcePath?: string;
  sourceCommit?: string;
  /** First time this code was seen in the repository, ms. */
  firstSeenTs?: number;
  /** For 'stale' set by dedup: the near-copy that survives better and replaces this pattern. */
  mergedInto?: string;
}

/** A pattern was suggested, inserted, injected into a prompt, or rated. */
export interface PatternUsageEvent {
  kind: 'pattern_usage';
  ts: number;
  id: string;
  patternId: string;
  action: 'suggested' | 'inserted' | 'injected' | 'rated' | 'kept' | 'discarded';
  /** For 'rated': 1 up, -1 down, or 1..5. */
  rating?: number;
  insertionId?: string;
}

/** Progress of an importer over one source file (so re-imports add nothing twice). */
export interface ImportCursorEvent {
  kind: 'import_cursor';
  ts: number;
  source: SourceTool;
  fileKey: string;
  size: number;
  mtimeMs: number;
  offset: number;
  lastRecordId?: string;
  /** Hash of the file's first KiB when the cursor was taken: a different head means the file was rewritten. */
  headHash?: string;
}

/** A learning signal derived by `src/core/learn` (model performance updates, insight raised). */
export interface LearningEvent {
  kind: 'learning';
  ts: number;
  id: string;
  what: string;
  data: Record<string, unknown>;
}

/** Everything the journal can carry. */
export type RecordedEvent =
  | TextChangeEvent
  | AiInsertionEvent
  | SurvivalEvent
  | CommitEvent
  | CommitAttributionEvent
  | ToolRunEvent
  | AiInteractionEvent
  | FeedbackEvent
  | ContextEvent
  | SessionEvent
  | PatternEvent
  | PatternUsageEvent
  | ImportCursorEvent
  | LearningEvent;

export type EventKind = RecordedEvent['kind'];
