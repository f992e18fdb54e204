/**
 * Plain change model of the capture core. It mirrors vscode's `TextDocumentChangeEvent` so that the host
 * adapters only translate; nothing here imports `vscode`.
 */

/** Milliseconds since the epoch. Core logic never calls `Date.now()` itself: tests replay with a fake clock. */
export type Clock = () => number;

/** One content change, as in vscode's `TextDocumentContentChangeEvent` (offsets in UTF-16 code units). */
export interface ContentChange {
  /** Offset of the replaced range in the document as it was before this change. */
  rangeOffset: number;
  /** Length of the replaced range. */
  rangeLength: number;
  /** Inserted text ('' for a deletion). */
  text: string;
}

/**
 * One `onDidChangeTextDocument` event. `changes` are applied in the given order, each against the document
 * left by the previous one (the extension host applies them the same way).
 */
export interface DocChange {
  /** The document's URI string: the key of everything tracked for it. */
  uri: string;
  /** URI scheme (`file`, `untitled`, `vscode-remote`, `vscode-chat-code-block`, `output`, ...). */
  scheme: string;
  /** URI path, used for `excludeGlobs`. */
  path: string;
  languageId: string;
  changes: readonly ContentChange[];
  /** Stable `TextDocumentChangeReason`: only undo/redo exist. */
  reason?: 'undo' | 'redo';
  /** The proposed `detailedReason.source` ('inline-completion', 'chat-edit', ...) when the host provides it. */
  detailedSource?: string;
  /** Whether the document is shown in the active text editor. */
  isActiveEditor: boolean;
}

/** What the capture level lets us store. `metadata`: sizes, kinds, hashes, timings; `text`: also redacted text. */
export type CaptureLevel = 'metadata' | 'text';

/** Settings the capture core reads (the host maps `aiLearning.capture.*` / `aiLearning.privacy.*` onto this). */
export interface CaptureConfig {
  level: CaptureLevel;
  excludeGlobs: readonly string[];
  idleMinutes: number;
}

/** Defaults, also the values of the contributed settings. */
export const DEFAULT_CAPTURE_CONFIG: CaptureConfig = {
  level: 'metadata',
  excludeGlobs: ['**/.env*', '**/*.pem', '**/*.key', '**/secrets/**'],
  idleMinutes: 15,
};

/** Schemes whose documents are user code we capture. Output channels, git/diff views etc. are ignored. */
export const CAPTURED_SCHEMES: ReadonlySet<string> = new Set(['file', 'untitled', 'vscode-remote', 'vscode-notebook-cell']);

/** Schemes of chat code blocks: text streaming there means a chat is answering with code. */
export const CHAT_BLOCK_SCHEMES: ReadonlySet<string> = new Set(['vscode-chat-code-block', 'vscode-chat-code-compare-block']);
