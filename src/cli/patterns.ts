/**
 * Pattern search outside the editor: the store's `patterns` rows loaded into the extension's own
 * `PatternsService` (same library, same ranker) with the hashing embedder (no model to load). What leaves
 * here is secret-redacted and carries the pattern's own code, never a prompt.
 */
import { redactSecrets } from '../core/capture/redact';
import type { StoreQueries } from '../core/dashboard/data';
import { PatternsService } from '../core/patterns/service';
import { successRate } from '../core/patterns/ranking';
import type { PatternRecord } from '../core/patterns/types';
import { DEFAULT_EXTRACTION } from '../core/patterns/types';

/** A pattern as the CLI and the MCP server hand it out. */
export interface PatternView {
  id: string;
  name: string;
  description: string;
  language: string;
  framework: string | null;
  tags: string[];
  complexity: number;
  lines: number;
  usageCount: number;
  successCount: number;
  /** Percent of insertions kept; null when never inserted. */
  successRatePct: number | null;
  sourcePath: string | null;
  /** Present when asked for (search with code, get). */
  code?: string;
  /** 0..1, search results only. */
  relevance?: number;
}

export function viewOf(p: PatternRecord, withCode: boolean, relevance?: number): PatternView {
  const rate = successRate(p);
  const v: PatternView = {
    id: p.id, name: p.name, description: redactSecrets(p.description).text, language: p.language,
    framework: p.framework ?? null, tags: p.tags, complexity: p.complexity, lines: p.lines, usageCount: p.usageCount,
    successCount: p.successCount, successRatePct: rate === undefined ? null : Math.round(rate * 10) / 10,
    sourcePath: p.sourcePath ?? null,
  };
  if (withCode) v.code = redactSecrets(p.code).text;
  if (relevance !== undefined) v.relevance = Math.round(relevance * 1000) / 1000;
  return v;
}

export interface SearchOptions {
  query: string;
  language?: string;
  limit: number;
  /** Hide patterns whose insertions were kept less often than this (percent); default 0. */
  minSuccessRate?: number;
}

export class PatternFinder {
  private constructor(private readonly service: PatternsService, readonly loaded: number) {}

  static async load(store: StoreQueries): Promise<PatternFinder> {
    const rows = await store.query('patterns', {});
    const service = new PatternsService(() => undefined);
    const r = await service.start({ rows, options: DEFAULT_EXTRACTION, embedder: { kind: 'hashing' } });
    return new PatternFinder(service, r.loaded);
  }

  async search(o: SearchOptions, withCode: boolean): Promise<PatternView[]> {
    const hits = await this.service.search({
      query: o.query, k: o.limit, ...(o.language ? { languages: [o.language.toLowerCase()] } : {}),
      ...(o.minSuccessRate ? { minSuccessRate: o.minSuccessRate } : {}),
    });
    return hits.map((h) => viewOf(h.pattern, withCode, h.relevance));
  }

  async get(id: string): Promise<PatternView | undefined> {
    const all = await this.service.list();
    const p = all.find((r) => r.id === id);
    return p ? viewOf(p, true) : undefined;
  }
}
