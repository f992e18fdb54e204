import type { SourceTool } from '../model/events';
import type { QueryResult } from '../store/queries';
import type { ImportSource } from './types';
import { toolLabel } from '../model/tool-labels';
import { count } from '../util/words';

/** One row of the "AI History" view: what the store holds from one AI tool. */
export interface HistoryRow {
  tool: string;
  label: string;
  /** The importer setting that reads this tool's logs; undefined for what only capture records (inline Copilot). */
  source: ImportSource | undefined;
  /** Log files read for this tool (import cursors); 0 for what capture recorded in this editor. */
  files: number;
  /** When a file of this tool was last read (ms), undefined when none was. */
  lastReadTs: number | undefined;
  requests: number;
  tokens: number;
  /** Known cost in USD; undefined when no request of the tool had a known price. */
  costUsd: number | undefined;
  /** "1,234 requests · 15 files · $3.20" */
  description: string;
}

type Totals = Omit<HistoryRow, 'label' | 'source' | 'description'>;

/**
 * Rows per tool, from the import cursors and the all-time token rollups, most requests first; a tool with files
 * read but no request yet (a log with only commands) still gets a row.
 */
export function historyRows(
  cursors: QueryResult['importCursors'],
  tokens: QueryResult['tokensByModel'],
): HistoryRow[] {
  const rows = new Map<string, Totals>();
  const row = (tool: string): Totals => {
    let r = rows.get(tool);
    if (r === undefined) {
      r = { tool, files: 0, lastReadTs: undefined, requests: 0, tokens: 0, costUsd: undefined };
      rows.set(tool, r);
    }
    return r;
  };
  for (const c of cursors) {
    const r = row(c.source);
    r.files += 1;
    r.lastReadTs = Math.max(r.lastReadTs ?? 0, c.ts);
  }
  for (const t of tokens) {
    const r = row(t.sourceTool);
    r.requests += t.n;
    r.tokens += t.tokensIn + t.tokensOut + t.cacheRead + t.cacheWrite;
    if (t.costUsd !== null) r.costUsd = (r.costUsd ?? 0) + t.costUsd;
  }
  return [...rows.values()]
    .map((r) => ({ ...r, label: toolLabel(r.tool), source: IMPORT_SOURCE_OF_TOOL[r.tool as SourceTool], description: describe(r) }))
    .sort((a, b) => b.requests - a.requests || b.files - a.files || a.label.localeCompare(b.label));
}

/** The importer (and its `aiLearning.importers.<source>` setting) behind each tool id the importers record. */
export const IMPORT_SOURCE_OF_TOOL: Partial<Record<SourceTool, ImportSource>> = {
  'copilot-chat': 'copilotChat',
  'copilot-cli': 'copilotCli',
  'claude-code': 'claudeCode',
  codex: 'codex',
  continue: 'continue',
  aider: 'aider',
  'gemini-cli': 'geminiCli',
  cursor: 'cursor',
  windsurf: 'windsurf',
  cline: 'cline',
  'roo-code': 'rooCode',
  'kilo-code': 'kiloCode',
  opencode: 'opencode',
  kiro: 'kiro',
  amp: 'amp',
};

function describe(r: Totals): string {
  const parts = [count(r.requests, 'request')];
  if (r.files > 0) parts.push(count(r.files, 'file'));
  if (r.costUsd !== undefined) parts.push(`$${r.costUsd.toFixed(2)}`);
  return parts.join(' · ');
}
