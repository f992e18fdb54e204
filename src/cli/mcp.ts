/**
 * `ai-learning mcp`: a stdio Model Context Protocol server (the official SDK) with read-only tools over the
 * local store: the user's proven patterns, their usage and cost, and which model did best per task type.
 * Every call reads the journals written since the last one (the passive engine catches up), so answers stay
 * current while VS Code records. Results are JSON text; no prompt text and no secret is ever in them.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import type { StoreQueries } from '../core/dashboard/data';
import type { PatternFinder } from './patterns';
import { lastDays, usageSummary } from './usage';
import { modelAdvice, TASK_TYPES } from './advice';

const VERSION = '0.1.0';

type ToolResult = { content: { type: 'text'; text: string }[]; isError?: boolean };
const ok = (value: unknown): ToolResult => ({ content: [{ type: 'text', text: JSON.stringify(value, null, 1) }] });
const fail = (message: string): ToolResult => ({ content: [{ type: 'text', text: message }], isError: true });

/** Reloads the pattern library only when the store's pattern rows changed. */
class Patterns {
  private cached: { key: string; finder: PatternFinder } | undefined;
  constructor(private readonly store: StoreQueries) {}
  async finder(): Promise<PatternFinder> {
    const rows = await this.store.query('patterns', {});
    const key = rows.map((r) => `${r.id}:${r.updatedTs}:${r.stale}:${r.usageCount}:${r.successCount}`).join('|');
    if (this.cached?.key !== key) {
      // On first use: the pattern library brings the TypeScript compiler.
      const { PatternFinder: Finder } = await import('./patterns');
      this.cached = { key, finder: await Finder.load(this.store) };
    }
    return this.cached.finder;
  }
}

/** The server with its four tools registered (not yet connected). */
export function createMcpServer(store: StoreQueries): McpServer {
  const server = new McpServer({ name: 'ai-learning-analytics', version: VERSION });
  const patterns = new Patterns(store);
  server.registerTool('search_patterns', {
    title: 'Search proven patterns',
    description: 'Searches the user\'s own code patterns (functions and classes extracted from their saved and committed code) by meaning and shared identifiers. Returns up to `limit` patterns, best first, each with id, name, description, language, framework, tags, complexity, lines, how often it was inserted and kept (successRatePct, null when never inserted), relevance (0..1) and its code (secrets redacted). Use it to reuse code that already works in this codebase.',
    inputSchema: {
      query: z.string().trim().min(1, 'query must not be empty').max(500).describe('What the code should do, or identifiers it uses'),
      language: z.string().min(1).max(40).optional().describe('Only patterns in this language, e.g. typescript, javascript'),
      limit: z.number().int().min(1).max(50).default(5).describe('How many patterns (1-50, default 5)'),
      minSuccessRate: z.number().min(0).max(100).optional().describe('Leave out patterns kept less often than this percent once inserted'),
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
  }, async (a) => {
    const f = await patterns.finder();
    const hits = await f.search({ query: a.query, language: a.language, limit: a.limit, minSuccessRate: a.minSuccessRate }, true);
    return ok({ libraryPatterns: f.loaded, patterns: hits });
  });
  server.registerTool('get_pattern', {
    title: 'Get one pattern',
    description: 'Returns one pattern of the user\'s library by the id search_patterns gave: its code (secrets redacted), description, language, tags, complexity, usage and success figures. Errors when the id is unknown.',
    inputSchema: { id: z.string().min(1).max(200).describe('Pattern id from search_patterns') },
    annotations: { readOnlyHint: true, openWorldHint: false },
  }, async (a) => {
    const p = await (await patterns.finder()).get(a.id);
    return p ? ok(p) : fail(`no pattern with id ${a.id} (ids come from search_patterns)`);
  });
  server.registerTool('usage_summary', {
    title: 'AI usage summary',
    description: 'Summarises the user\'s AI assistant usage over the last `days` days from the local store: requests, input/output/cache tokens and known cost in USD (null when no price was known; never guessed), per model and tool, requests by task type (code generation, debugging, ...) with successes and failures, and the learned performance of each model per task type. No prompt text.',
    inputSchema: { days: z.number().int().min(1).max(3650).default(30).describe('How many days back, today included (default 30)') },
    annotations: { readOnlyHint: true, openWorldHint: false },
  }, async (a) => {
    const range = lastDays(a.days);
    const [summary, models] = await Promise.all([usageSummary(store, range), store.query('modelPerformance', {})]);
    return ok({ days: a.days, ...summary, modelsByTask: models.filter((m) => m.n > 0) });
  });
  server.registerTool('model_advice', {
    title: 'Which model for a task',
    description: 'Ranks the models the user has used for a task type by what the extension learned from their outcomes (EMA of quality 0..1 from successes, votes and cancellations; latency; cost), with a confidence that grows with the number of rated requests (0.5 + n/100*0.45, at most 0.95). Returns the ranking and a recommendation, or says that nothing has been learned yet for that task.',
    inputSchema: {
      taskType: z.enum(TASK_TYPES).describe(`Task type: ${TASK_TYPES.join(', ')}`),
      minRated: z.number().int().min(0).max(100000).default(1).describe('Only models with at least this many rated requests (default 1)'),
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
  }, async (a) => ok(modelAdvice(await store.query('modelPerformance', { minN: a.minRated }), a.taskType)));
  return server;
}

/** Serves on stdin/stdout until the client closes the pipe. Logs only to stderr (stdout is the protocol). */
export async function serveMcp(store: StoreQueries): Promise<void> {
  const server = createMcpServer(store);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.on('end', () => resolve());
  });
  await server.connect(transport);
  await closed;
  await server.close();
}
