import type { CommitAttributionEvent } from '../model/events';
import { MAX_COUNT } from '../store/limits';
import type { DbReader } from './db-driver';
import { compact, toMs } from './parse-util';

/**
 * Cursor's own attribution of commits, `~/.cursor/ai-tracking/ai-code-tracking.db`, table `scored_commits`: per
 * commit (`commitHash`), the lines added by Tab completions (`tabLinesAdded`), by the composer (agent and chat,
 * `composerLinesAdded`), by the human and blank ones, scored at `scoredAt` (ms). Columns are found by name, so a
 * version that adds some still reads; one without `commitHash` and `linesAdded` is an unknown schema. The table
 * holds one row per commit and Cursor may score a commit again, so every row is read each time the database
 * changes (the store keeps the latest per commit). A row with a negative, fractional or absurd count, or more AI
 * lines than lines, is skipped and counted.
 */
const REQUIRED = ['commitHash', 'linesAdded'];
const OPTIONAL = ['scoredAt', 'linesDeleted', 'tabLinesAdded', 'composerLinesAdded', 'humanLinesAdded', 'blankLinesAdded'] as const;

export const cursorTrackingReader: DbReader = (db, ctx, since) => {
  if (!db.tables().has('scored_commits')) {
    ctx.skip('unknown_schema');
    return { offset: since, pending: false };
  }
  const cols = new Set(db.all('PRAGMA table_info(scored_commits)').map((c) => String(c.name)));
  if (!REQUIRED.every((c) => cols.has(c))) {
    ctx.skip('unknown_schema');
    return { offset: since, pending: false };
  }
  const present = [...REQUIRED, ...OPTIONAL.filter((c) => cols.has(c))];
  db.each(`SELECT ${present.map((c) => `"${c}"`).join(', ')} FROM scored_commits`, [], (row) => {
    if (ctx.cancelled?.() === true) return false;
    const hash = typeof row.commitHash === 'string' ? row.commitHash.trim().toLowerCase() : '';
    if (!/^[0-9a-f]{7,64}$/.test(hash)) return void ctx.skip('missing_fields');
    const n = (k: string): number | undefined | 'bad' => count(row[k]);
    const figures = { linesAdded: n('linesAdded'), linesDeleted: n('linesDeleted'), tab: n('tabLinesAdded'), composer: n('composerLinesAdded'), human: n('humanLinesAdded'), blank: n('blankLinesAdded') };
    if (Object.values(figures).includes('bad') || figures.linesAdded === undefined) return void ctx.skip('absurd_value');
    const f = figures as Record<keyof typeof figures, number | undefined>;
    const ai = (f.tab ?? 0) + (f.composer ?? 0);
    if (ai > f.linesAdded!) return void ctx.skip('absurd_value');
    const ts = toMs(row.scoredAt) ?? ctx.fileMtimeMs;
    if (ts === undefined) return void ctx.skip('missing_fields');
    ctx.emit(compact<CommitAttributionEvent>({
      kind: 'commit_attribution', ts, sourceTool: 'cursor', hash, linesAdded: f.linesAdded!, linesDeleted: f.linesDeleted,
      aiLinesAdded: ai, tabLinesAdded: f.tab, composerLinesAdded: f.composer, humanLinesAdded: f.human, blankLinesAdded: f.blank,
    }));
  });
  return { offset: 0, pending: false };
};

/** A line count: absent (undefined), or a whole number in range, else 'bad'. SQLite may hand back a numeric string. */
function count(v: unknown): number | undefined | 'bad' {
  if (v === null || v === undefined) return undefined;
  const x = typeof v === 'bigint' ? Number(v) : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  return typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= MAX_COUNT ? x : 'bad';
}
