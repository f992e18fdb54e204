/**
 * The frozen search evaluation: real repositories committed under `test/fixtures/patterns/eval/<repo>/`
 * (MIT, see SOURCE.md there), their units as the product's extractor finds them, and the queries written
 * for them before tuning. `ky` is the tuning repository; `magic-string` only reports.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { extractFromSource } from '../../../src/core/patterns/extract';
import type { ExtractedUnit } from '../../../src/core/patterns/types';
import { DEFAULT_EXTRACTION } from '../../../src/core/patterns/types';

export const EVAL_DIR = path.join(__dirname, '../../fixtures/patterns/eval');
export const EVAL_REPOS = ['ky', 'magic-string'] as const;
export type EvalRepo = (typeof EVAL_REPOS)[number];
export const TUNE_REPO: EvalRepo = 'ky';
export const REPORT_REPO: EvalRepo = 'magic-string';

export interface EvalQuery {
  kind: 'paraphrase' | 'code';
  query: string;
  /** Names of the units that answer it (a class and its constructor, or near twins). */
  targets: string[];
}

export interface EvalSet {
  repo: string;
  commit: string;
  role: 'tune' | 'report';
  queries: EvalQuery[];
  file: string;
}

export function loadEvalQueries(repo: EvalRepo): EvalSet {
  const file = path.join(EVAL_DIR, `${repo}.queries.json`);
  return { ...(JSON.parse(readFileSync(file, 'utf8')) as Omit<EvalSet, 'file'>), file };
}

/** Source files of a fixture repository (`.txt` suffix dropped), sorted, as [virtual path, text]. */
export function evalSources(repo: EvalRepo): [string, string][] {
  const root = path.join(EVAL_DIR, repo);
  const walk = (d: string): string[] =>
    readdirSync(d).sort().flatMap((f) => {
      const p = path.join(d, f);
      return statSync(p).isDirectory() ? walk(p) : p.endsWith('.txt') ? [p] : [];
    });
  return walk(root).map((f) => [`/eval/${repo}/${path.relative(root, f).replace(/\.txt$/, '')}`, readFileSync(f, 'utf8')]);
}

export function evalUnits(repo: EvalRepo): ExtractedUnit[] {
  return evalSources(repo).flatMap(([p, text]) => extractFromSource(p, text, DEFAULT_EXTRACTION).units);
}
