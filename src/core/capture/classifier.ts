import type { ChangeLabel, InsertionOrigin, Precision, SourceTool } from '../model/events';
import { fastHash } from '../util/hash';
import type { DocChange } from './types';

/** The classifier's verdict on one text change. */
export interface Classification {
  label: ChangeLabel;
  precision: Precision;
  /** Set when the change is an AI (or pattern) insertion to track for survival. */
  origin?: InsertionOrigin;
  /** 0..1: how sure we are the insertion is AI (1 for exact signals). */
  confidence: number;
  /** For inline accepts from our keybindings: which command. */
  inlineKind?: InlineKind;
  patternId?: string;
  /** The tool the insertion came from when the classifier knows it (our own participant's answers). */
  tool?: SourceTool;
}

export type InlineKind = 'full' | 'word' | 'line';

/** Facts about the moment of a change that the classifier needs besides the change itself. */
export interface ClassifyContext {
  now: number;
  /** Our Tab / Ctrl+Right wrapper ran for this document just before. */
  inlineKey?: { uri: string; ts: number; kind: InlineKind };
  /** A pattern insertion announced by the patterns feature, with the text it inserts when known. */
  pattern?: { uri: string; ts: number; patternId: string; text?: string };
  /** An inline-completion or chat extension is active (Copilot, Codeium, Continue...). */
  aiExtensionActive: boolean;
  /**
   * `textHash`es (`fastHash`) of code blocks our own chat participant answered with recently (see `OwnAnswers`):
   * an insertion of exactly one of them is that answer's "Insert"/"Apply", whatever AI extension is active.
   */
  ownAnswerHashes?: ReadonlySet<string>;
  /** Last time text streamed into a chat code block. */
  lastChatBlockTs: number;
  /** How many large insertions arrived in the last `BURST_WINDOW_MS` before this one. */
  recentLargeInserts: number;
}

/** How long after our key command the resulting change may arrive. */
export const INLINE_KEY_WINDOW_MS = 1_000;
/** How long a pattern announcement waits for its edit. */
export const PATTERN_WINDOW_MS = 3_000;
/**
 * ... and for an edit inserting exactly the announced text (indentation aside): a loaded extension host can stall
 * for seconds between our edit and its change event, and our own insertion must not then count as AI or paste.
 */
export const PATTERN_TEXT_WINDOW_MS = 30_000;
/** An "Insert"/"Apply" from chat after the chat streamed code within this window counts as chat. */
export const CHAT_APPLY_WINDOW_MS = 120_000;
/** WakaTime's burst rule: more than 3 large insertions within 500 ms while an AI extension is active = agent. */
export const BURST_WINDOW_MS = 500;
const BURST_MIN = 3;

const AUTO_PAIRS = new Set(['()', '[]', '{}', '""', "''", '``', '<>']);

/** Characters inserted and removed, and newlines inserted, by a change event. */
export function changeSize(c: DocChange): { added: number; removed: number; lines: number } {
  let added = 0;
  let removed = 0;
  let lines = 0;
  for (const ch of c.changes) {
    added += ch.text.length;
    removed += ch.rangeLength;
    for (let i = ch.text.indexOf('\n'); i >= 0; i = ch.text.indexOf('\n', i + 1)) lines++;
  }
  return { added, removed, lines };
}

/** Inserted text of all changes, in order (joined with '\n' for multi-cursor edits). */
export function insertedText(c: DocChange): string {
  return c.changes.length === 1 ? c.changes[0].text : c.changes.map((ch) => ch.text).join('\n');
}

/** A large insertion in WakaTime's sense: > 2 non-blank characters and (> 2 newlines or > 50 characters). */
export function isLargeInsert(c: DocChange): boolean {
  if (c.changes.length !== 1) return false;
  const t = c.changes[0].text;
  if (t.trim().length <= 2) return false;
  let nl = 0;
  for (let i = t.indexOf('\n'); i >= 0 && nl <= 2; i = t.indexOf('\n', i + 1)) nl++;
  return nl > 2 || t.length > 50;
}

const exact = (label: ChangeLabel, origin?: InsertionOrigin): Classification => ({ label, precision: 'exact', origin, confidence: 1 });

/**
 * First, synchronous stage. Returns the final label, or `undefined` when the change is an unexplained
 * multi-character insertion that needs the clipboard (`classifyInsertion`).
 */
export function classifyFast(c: DocChange, ctx: ClassifyContext): Classification | undefined {
  if (c.reason) return exact(c.reason);
  const { added, removed } = changeSize(c);
  if (added === 0) return { label: 'delete', precision: removed > 0 ? 'strong' : 'exact', confidence: 0 };
  const detailed = fromDetailedReason(c.detailedSource);
  if (detailed) return detailed;
  if (ctx.pattern && ctx.pattern.uri === c.uri && isAnnouncedPattern(c, ctx.pattern, ctx.now)) {
    return { label: 'pattern', precision: 'exact', origin: 'pattern', confidence: 1, patternId: ctx.pattern.patternId };
  }
  if (ctx.inlineKey && ctx.inlineKey.uri === c.uri && ctx.now - ctx.inlineKey.ts <= INLINE_KEY_WINDOW_MS) {
    return { label: 'inline', precision: 'exact', origin: 'inline', confidence: 1, inlineKind: ctx.inlineKey.kind };
  }
  if (isTyping(c)) return { label: 'typed', precision: 'strong', confidence: 0 };
  return undefined;
}

function isAnnouncedPattern(c: DocChange, p: NonNullable<ClassifyContext['pattern']>, now: number): boolean {
  const age = now - p.ts;
  if (age <= PATTERN_WINDOW_MS) return true;
  return age <= PATTERN_TEXT_WINDOW_MS && p.text !== undefined && sameText(insertedText(c), p.text, false);
}

/** Second stage for multi-character insertions: paste (clipboard equal), chat, agent, inline (mouse), or bulk. */
export function classifyInsertion(c: DocChange, clipboard: string | undefined, ctx: ClassifyContext): Classification {
  const text = insertedText(c);
  if (clipboard !== undefined && clipboard.length > 0 && sameText(text, clipboard, c.changes.length > 1)) {
    return { label: 'paste', precision: 'strong', confidence: 0 };
  }
  if (ctx.ownAnswerHashes?.size && ctx.ownAnswerHashes.has(fastHash(text))) {
    // Exactly the text of a block @learn just answered with, and not a paste: its "Insert at Cursor" or "Apply".
    return { label: 'chat', precision: 'strong', origin: 'chat', confidence: 0.95, tool: 'ai-learning' };
  }
  const large = isLargeInsert(c) || (c.changes.length > 1 && text.includes('\n') && text.trim().length > 2);
  if (!ctx.aiExtensionActive || !large) return { label: 'bulk', precision: 'heuristic', confidence: 0 };
  if (ctx.now - ctx.lastChatBlockTs <= CHAT_APPLY_WINDOW_MS) return { label: 'chat', precision: 'heuristic', origin: 'chat', confidence: 0.7 };
  if (ctx.recentLargeInserts >= BURST_MIN || !c.isActiveEditor || c.changes.length > 1) {
    return { label: 'agent', precision: 'heuristic', origin: 'agent', confidence: 0.6 };
  }
  // A single large insertion in the active editor with no key of ours: most likely a mouse-accepted suggestion.
  return { label: 'inline', precision: 'heuristic', origin: 'inline', confidence: 0.5 };
}

/** Maps the proposed `detailedReason.source` onto our labels; unknown sources fall back to heuristics. */
export function fromDetailedReason(source: string | undefined): Classification | undefined {
  if (!source) return undefined;
  const s = source.toLowerCase();
  if (s.startsWith('inline-completion') || s.startsWith('inlinecompletion')) return exact('inline', 'inline');
  if (s.includes('agent')) return exact('agent', 'agent');
  if (s.startsWith('chat')) return exact('chat', 'chat');
  return undefined;
}

/** Typing: one change of one character, an auto-closed pair, or Enter with its auto-indentation. */
export function isTyping(c: DocChange): boolean {
  if (c.changes.length !== 1) return c.changes.every((ch) => ch.text.length <= 1) && c.changes.some((ch) => ch.text.length === 1);
  const t = c.changes[0].text;
  if (t.length === 1) return true;
  if (t.length === 2 && AUTO_PAIRS.has(t)) return true;
  return /^\r?\n[ \t]*$/.test(t);
}

function normalise(s: string): string {
  return s.replace(/\r\n/g, '\n');
}

function sameText(text: string, clipboard: string, multiCursor: boolean): boolean {
  // Quick reject: every comparison below keeps the first non-blank character (\S is trim()'s complement).
  const i = text.search(/\S/);
  const j = clipboard.search(/\S/);
  if (i >= 0 && j >= 0 && text[i] !== clipboard[j]) return false;
  const a = normalise(text);
  const b = normalise(clipboard);
  if (a === b) return true;
  // Multi-cursor paste spreads the clipboard's lines over the cursors; auto-indent may change leading spaces.
  if (multiCursor) return a.replace(/\n/g, '') === b.replace(/\n/g, '');
  return a.trim().length > 0 && trimLines(a) === trimLines(b);
}

/** Leading/trailing blanks of each line dropped: paste with auto-indentation still matches. */
function trimLines(s: string): string {
  return s.split('\n').map((l) => l.trim()).join('\n').trim();
}
