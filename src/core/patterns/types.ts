/** The shapes the pattern library works with (plain data, safe to post between threads). */

/** What extraction keeps and where (seed 002's `extraction` block; settings in the "Patterns" group). */
export interface ExtractionOptions {
  /** Keep units whose cyclomatic complexity is greater than this (default 3). */
  minComplexity: number;
  /** ... or that span at least this many lines (default 5). */
  minLines: number;
  /** Units longer than this are not patterns (too big to insert as a snippet; default 300). */
  maxLines?: number;
  /** Glob patterns (workspace-relative or absolute) never read. */
  excludeGlobs: readonly string[];
}

export const DEFAULT_EXTRACTION: ExtractionOptions = {
  minComplexity: 3,
  minLines: 5,
  maxLines: 300,
  excludeGlobs: ['**/.env*', '**/*.pem', '**/*.key', '**/secrets/**'],
};

export type UnitKind = 'function' | 'method' | 'arrow' | 'function-expression' | 'class';

/** One function, method, named arrow/function expression or class found in a source file. */
export interface ExtractedUnit {
  /** Qualified name: `name`, `Class.method`, `object.prop`. */
  name: string;
  kind: UnitKind;
  /** The unit's source text, common indentation removed. */
  code: string;
  /** 1-based inclusive line range in the file. */
  startLine: number;
  endLine: number;
  lines: number;
  /** 1 + decision points (if, loops, case, catch, &&, ||, ??, ?:) inside the unit, nested callbacks included. */
  complexity: number;
  /** Text of the JSDoc block right above the unit, without comment markers. */
  doc?: string;
  /** The head of the unit up to its body, whitespace collapsed. */
  signature: string;
  tags: string[];
  /** Structural fingerprint: identifiers and literals normalised (`fingerprint.ts`). */
  fingerprint: string;
}

/** Why a file yielded no units. */
export type SkipReason = 'excluded' | 'node_modules' | 'test' | 'generated' | 'minified' | 'unsupported' | 'declaration';

export interface FileExtraction {
  language: string;
  framework?: string;
  units: ExtractedUnit[];
  /** Units seen but below both thresholds. */
  belowThreshold: number;
  /** Units longer than `maxLines`. */
  tooLarge: number;
  skipped?: SkipReason;
}

/** A pattern as the library holds it: the store's row plus what the worker needs. */
export interface PatternRecord {
  id: string;
  name: string;
  description: string;
  language: string;
  framework?: string;
  tags: string[];
  complexity: number;
  lines: number;
  code: string;
  fingerprint: string;
  sourcePath?: string;
  sourceCommit?: string;
  /** First time this code was seen, ms. */
  firstSeenTs: number;
  updatedTs: number;
  stale: boolean;
  usageCount: number;
  successCount: number;
  /**
   * Insertions decided as not kept (under half their characters left at 10 min or at commit). Insertions whose
   * outcome is still pending count neither way; absent (older callers) means every use not kept counts against.
   */
  discardedCount?: number;
  /** Mean explicit rating, 0 when never rated. */
  avgRating: number;
}
