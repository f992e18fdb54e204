/** Conversions between store rows, extracted units, pattern records and `PatternEvent`s. */
import type { PatternEvent } from '../model/events';
import { shortHash } from '../util/hash';
import type { ExtractedUnit, PatternRecord } from './types';

/** Stable id of the unit `name` in `path` (a changed unit keeps its id; `n` separates same-named units). */
export function patternId(path: string, name: string, n = 0): string {
  return shortHash(`${path.replace(/\\/g, '/')}#${name}${n ? `#${n}` : ''}`);
}

/** The description shown and embedded: doc comment and signature. */
export function describe(unit: Pick<ExtractedUnit, 'doc' | 'signature'>): string {
  return unit.doc ? `${unit.doc} — ${unit.signature}` : unit.signature;
}

/** The text an embedder sees for a pattern: name, description, then code. */
export function embedText(p: Pick<PatternRecord, 'name' | 'description' | 'code'>): string {
  return `${p.name}\n${p.description}\n${p.code}`;
}

export function recordFromUnit(
  unit: ExtractedUnit,
  at: { id: string; path: string; language: string; framework?: string; commit?: string; now: number; previous?: PatternRecord },
): PatternRecord {
  const prev = at.previous;
  const r: PatternRecord = {
    id: at.id, name: unit.name, description: describe(unit), language: at.language, tags: unit.tags,
    complexity: unit.complexity, lines: unit.lines, code: unit.code, fingerprint: unit.fingerprint, sourcePath: at.path,
    firstSeenTs: prev?.firstSeenTs ?? at.now, updatedTs: at.now, stale: false,
    usageCount: prev?.usageCount ?? 0, successCount: prev?.successCount ?? 0, avgRating: prev?.avgRating ?? 0,
    discardedCount: prev?.discardedCount ?? 0,
  };
  if (at.framework) r.framework = at.framework;
  const commit = at.commit ?? prev?.sourceCommit;
  if (commit) r.sourceCommit = commit;
  return r;
}

/** The journal event for an upsert. */
export function upsertEvent(r: PatternRecord, ts: number): PatternEvent {
  const ev: PatternEvent = {
    kind: 'pattern', ts, id: r.id, op: 'upsert', name: r.name, description: r.description, language: r.language,
    tags: r.tags, complexity: r.complexity, lines: r.lines, code: r.code, fingerprint: r.fingerprint, firstSeenTs: r.firstSeenTs,
  };
  if (r.framework) ev.framework = r.framework;
  if (r.sourcePath) {
    ev.sourcePath = r.sourcePath;
    ev.sourceFileHash = shortHash(r.sourcePath);
  }
  if (r.sourceCommit) ev.sourceCommit = r.sourceCommit;
  return ev;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'bigint' ? Number(v) : undefined);
const pick = (row: Record<string, unknown>, ...keys: string[]): unknown => keys.map((k) => row[k]).find((v) => v !== undefined && v !== null);

/**
 * A store row (snake_case or camelCase columns; `tags` as an array or JSON text) as a record, or
 * undefined when it lacks an id or code (the caller counts and skips it).
 */
export function recordFromRow(row: unknown): PatternRecord | undefined {
  if (!row || typeof row !== 'object') return undefined;
  const o = row as Record<string, unknown>;
  const id = str(pick(o, 'id'));
  const code = str(pick(o, 'code'));
  if (!id || !code) return undefined;
  let tags: unknown = pick(o, 'tags');
  if (typeof tags === 'string') {
    try {
      tags = JSON.parse(tags);
    } catch {
      tags = [];
    }
  }
  const r: PatternRecord = {
    id, code, name: str(pick(o, 'name')) ?? id, description: str(pick(o, 'description')) ?? '',
    language: str(pick(o, 'language')) ?? 'typescript',
    tags: Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [],
    complexity: num(pick(o, 'complexity')) ?? 1, lines: num(pick(o, 'lines')) ?? code.split('\n').length,
    fingerprint: str(pick(o, 'fingerprint')) ?? '',
    firstSeenTs: num(pick(o, 'first_seen_ts', 'firstSeenTs', 'created_ts', 'createdTs')) ?? 0,
    updatedTs: num(pick(o, 'updated_ts', 'updatedTs', 'ts')) ?? 0,
    stale: Boolean(pick(o, 'stale')),
    usageCount: num(pick(o, 'usage_count', 'usageCount')) ?? 0,
    successCount: num(pick(o, 'success_count', 'successCount')) ?? 0,
    avgRating: num(pick(o, 'avg_rating', 'avgRating')) ?? 0,
  };
  const discarded = num(pick(o, 'discarded_count', 'discardedCount'));
  if (discarded !== undefined) r.discardedCount = discarded;
  const framework = str(pick(o, 'framework'));
  if (framework) r.framework = framework;
  const sourcePath = str(pick(o, 'source_path', 'sourcePath'));
  if (sourcePath) r.sourcePath = sourcePath;
  const commit = str(pick(o, 'source_commit', 'sourceCommit'));
  if (commit) r.sourceCommit = commit;
  return r;
}
