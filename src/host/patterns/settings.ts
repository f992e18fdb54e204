import path from 'node:path';
import * as vscode from 'vscode';
import type { EmbedderConfig } from '../../core/patterns/protocol';
import { DEFAULT_MIN_SUCCESS_RATE } from '../../core/patterns/ranking';
import { DEFAULT_EXTRACTION, type ExtractionOptions } from '../../core/patterns/types';
import { DEFAULT_MIN_RELEVANCE } from '../../core/search/strength';

/** `aiLearning.patterns.*` and `aiLearning.codeLens.*`, typed and clamped. Read on demand (cheap). */
export interface PatternSettings {
  /** Extraction on save/commit and the pattern CodeLens. */
  enabled: boolean;
  extraction: ExtractionOptions;
  /** What CodeLens (and a chat prompt) offers unasked needs at least this relevance (0..1); typed searches list everything. */
  minRelevance: number;
  /** Percent of insertions kept that a used pattern needs to be suggested. */
  minSuccessRate: number;
  embedder: 'hashing' | 'transformers';
  /** Folder holding the transformers.js model; empty: the extension's global storage. */
  modelPath: string;
  codeLensEnabled: boolean;
  /** Lenses on TODO comments and empty function bodies too. */
  codeLensOnTodos: boolean;
}

const SECTION = 'aiLearning';

export function readPatternSettings(): PatternSettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const globs = c.get<unknown>('patterns.excludeGlobs');
  const embedder = c.get<string>('patterns.embedder', 'hashing');
  return {
    enabled: c.get<boolean>('patterns.enabled', true),
    extraction: {
      minComplexity: clamp(c.get<number>('patterns.minComplexity', DEFAULT_EXTRACTION.minComplexity), 0, 100),
      minLines: clamp(c.get<number>('patterns.minLines', DEFAULT_EXTRACTION.minLines), 1, 1000),
      maxLines: DEFAULT_EXTRACTION.maxLines,
      excludeGlobs: Array.isArray(globs) ? globs.filter((g): g is string => typeof g === 'string') : DEFAULT_EXTRACTION.excludeGlobs,
    },
    minRelevance: clamp(c.get<number>('patterns.minRelevance', DEFAULT_MIN_RELEVANCE), 0, 1),
    minSuccessRate: clamp(c.get<number>('patterns.minSuccessRate', DEFAULT_MIN_SUCCESS_RATE), 0, 100),
    embedder: embedder === 'transformers' ? 'transformers' : 'hashing',
    modelPath: c.get<string>('patterns.modelPath', ''),
    codeLensEnabled: c.get<boolean>('codeLens.enabled', true),
    codeLensOnTodos: c.get<boolean>('codeLens.onTodos', true),
  };
}

/** The worker's embedder config; a transformers model is never downloaded from here (that needs consent). */
export function embedderConfig(s: PatternSettings, storageDir: string): EmbedderConfig {
  if (s.embedder === 'hashing') return { kind: 'hashing' };
  return { kind: 'transformers', modelPath: s.modelPath || path.join(storageDir, 'models'), allowDownload: false };
}

/** Which settings each part depends on, so a change touches only what it affects. */
export const PATTERN_SETTING_GROUPS = {
  enabled: [`${SECTION}.patterns.enabled`],
  extraction: [`${SECTION}.patterns.minComplexity`, `${SECTION}.patterns.minLines`, `${SECTION}.patterns.excludeGlobs`],
  embedder: [`${SECTION}.patterns.embedder`, `${SECTION}.patterns.modelPath`],
  /** What lens titles depend on: cached lens results are dropped. */
  ranking: [`${SECTION}.patterns.minRelevance`, `${SECTION}.patterns.minSuccessRate`, `${SECTION}.codeLens.onTodos`],
  /** Whether the lens provider is registered at all. */
  codeLens: [`${SECTION}.codeLens.enabled`, `${SECTION}.patterns.enabled`, 'editor.codeLens'],
} as const;

export function affectsPatterns(e: vscode.ConfigurationChangeEvent, group: keyof typeof PATTERN_SETTING_GROUPS): boolean {
  return PATTERN_SETTING_GROUPS[group].some((key) => e.affectsConfiguration(key));
}

/** Our setting and VS Code's own `editor.codeLens` must both be on. */
export function codeLensWanted(): boolean {
  const s = readPatternSettings();
  return s.enabled && s.codeLensEnabled && vscode.workspace.getConfiguration('editor').get<boolean>('codeLens', true);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Number.isFinite(value) ? value : min));
}
