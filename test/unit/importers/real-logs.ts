/**
 * The real-file set of issue 10 (see test/fixtures/ai-logs/real/SOURCE.md) and the product's figures of one
 * imported file: the file goes through `importFile` (what the import worker runs), each event through a JSON
 * round trip (what the journal stores), into a real sql.js store by the store's own `Ingestor`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlJsStatic } from 'sql.js';
import type { RecordedEvent } from '../../../src/core/model/events';
import { importFile } from '../../../src/core/importers/run-import';
import type { FileImportResult, ImportFormat } from '../../../src/core/importers/types';
import { all, openDb } from '../../../src/core/store/db';
import { Ingestor } from '../../../src/core/store/ingest';
import type { Figures, LogTool } from '../../oracle/count-logs';
import { DEFAULT_IMPORT_OPTIONS } from '../../../src/core/importers/types';
import { FIXTURES } from './helpers';

export const REAL = join(FIXTURES, 'real');
export const UNLICENSED = join(FIXTURES, 'real-unlicensed');

export interface RealFile {
  tool: LogTool;
  path: string;
  split: 'dev' | 'final';
  /** Present on disk (the unlicensed ones only after `node scripts/fetch-real-logs.mjs`). */
  present: boolean;
}

/** Every file counts as finished (the real clock: cursor events get a real day). */
const NOW_QUIET = { ...DEFAULT_IMPORT_OPTIONS, quietMs: 0 };

export const FORMAT_OF: Record<LogTool, ImportFormat> = {
  'claude-code': 'claude-code',
  codex: 'codex',
  copilot: 'copilot-session-json',
  continue: 'continue',
  aider: 'aider',
  'copilot-cli': 'copilot-cli',
  amp: 'amp',
  'gemini-cli': 'gemini-cli',
  cline: 'cline',
  'roo-code': 'roo-code',
  'kilo-code': 'kilo-code',
  cursor: 'cursor-state',
  opencode: 'opencode-db',
  windsurf: 'windsurf-state',
  kiro: 'kiro',
  'copilot-otel': 'copilot-otel',
};

/**
 * `companion`: a file read beside a log (a Cline task's `task_metadata.json`), not a log of its own. `layout`: a file
 * that holds a log in another layout (Kiro's session export), laid back into the tool's own by its test.
 */
interface FetchEntry { tool: LogTool; as: string; split: 'dev' | 'final'; companion?: boolean; layout?: string }

/** Every real file: the committed ones (all dev) and those of the fetch list. */
export function realFiles(): RealFile[] {
  const committed = ['tokens_generated.jsonl', 'autocomplete.jsonl', '0.1.0/tokensGenerated.jsonl', '0.2.0/tokensGenerated.jsonl', '0.2.0/autocomplete.jsonl']
    .map((p): RealFile => ({ tool: 'continue', path: join(REAL, 'continue', 'resources-for-cs-student', p), split: 'dev', present: true }));
  // git-ai's own test fixtures (Apache-2.0; see real/SOURCE.md), never looked at while the importers were fixed.
  const gitAi: [LogTool, string][] = [
    ['claude-code', 'example-claude-code.jsonl'], ['claude-code', 'claude-code-with-plan.jsonl'], ['claude-code', 'claude-code-with-thinking.jsonl'],
    ['claude-code', 'claude-model-not-last.jsonl'], ['codex', 'codex-session-simple.jsonl'], ['codex', 'codex-session-updated.jsonl'],
    ['copilot', 'copilot_session_simple.json'],
  ];
  committed.push(...gitAi.map(([tool, name]): RealFile => ({ tool, path: join(REAL, 'git-ai', name), split: 'final', present: true })));
  const list = JSON.parse(readFileSync(join(REAL, 'fetch-list.json'), 'utf8')) as FetchEntry[];
  const fetched = list.filter((e) => e.companion !== true && e.layout === undefined).map((e): RealFile => {
    const path = join(UNLICENSED, e.tool, e.as);
    return { tool: e.tool, path, split: e.split, present: existsSync(path) };
  });
  return [...committed, ...fetched];
}

/** Imports one file into a fresh store; returns the stored figures and the importer's result. */
export async function productFigures(SQL: SqlJsStatic, file: RealFile, format: ImportFormat = FORMAT_OF[file.tool]): Promise<{ figures: Figures; result: FileImportResult; failed: number }> {
  const events: RecordedEvent[] = [];
  const result = await importFile({ path: file.path, format, source: 'claudeCode' }, undefined, NOW_QUIET, (e) => events.push(JSON.parse(JSON.stringify(e)) as RecordedEvent));
  const { db } = openDb(SQL);
  const ingest = new Ingestor(db);
  const applied = ingest.apply([{ writer: 'import-test', records: events.map((ev, i) => ({ seq: i + 1, ev, offset: 0 })) }]);
  const cols = new Set(all<{ name: string }>(db, 'PRAGMA table_info(ai_interactions)').map((c) => c.name));
  const sum = (col: string): string => (cols.has(col) ? `coalesce(sum(${col}), 0)` : '0');
  const row = all<Record<string, number>>(db, `SELECT
    count(DISTINCT conversation) AS sessions,
    count(prompt_chars) AS requests,
    coalesce(sum(CASE WHEN coalesce(response_chars, 0) > 0 OR coalesce(tool_calls, 0) > 0 OR coalesce(tokens_out, 0) > 0 THEN 1 ELSE 0 END), 0) AS responses,
    ${sum('tokens_in')} AS tokensIn, ${sum('tokens_out')} AS tokensOut, ${sum('cache_read_tokens')} AS cacheRead,
    ${sum('cache_write_tokens')} AS cacheWrite, ${sum('reasoning_tokens')} AS reasoning, ${sum('tool_calls')} AS toolCalls,
    ${sum('subagent_tool_calls')} AS subAgentToolCalls
    FROM ai_interactions`)[0];
  const models = all<{ model: string }>(db, 'SELECT DISTINCT model FROM ai_interactions WHERE model IS NOT NULL ORDER BY model').map((r) => r.model);
  ingest.close();
  db.close();
  return { figures: { ...(row as unknown as Omit<Figures, 'models'>), models }, result, failed: applied.quarantined };
}

export const FIGURE_NAMES: (keyof Figures)[] = ['sessions', 'requests', 'responses', 'tokensIn', 'tokensOut', 'cacheRead', 'cacheWrite', 'reasoning', 'toolCalls', 'subAgentToolCalls', 'models'];

/** The figures that differ, as `name: product != oracle`. */
export function differences(product: Figures, oracle: Figures): string[] {
  return FIGURE_NAMES.filter((k) => JSON.stringify(product[k]) !== JSON.stringify(oracle[k]))
    .map((k) => `${k}: product ${JSON.stringify(product[k])} != counter ${JSON.stringify(oracle[k])}`);
}
