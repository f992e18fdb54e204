/**
 * `ai-learning`: the store outside VS Code. Bundled to `dist/cli.js` (with a shebang) and declared as the
 * package's `bin`. Reads the store read-only (see `read-store.ts`); only `import` writes, through a journal of
 * its own. Output: text tables, or `--json`; errors on stderr with exit code 1 (2 for bad usage).
 */
import { parseArgs } from 'node:util';
import type { StoreLog } from '../core/store/log';
import type { ImportSource } from '../core/importers/types';
import { Progress, styleFor } from './format';
import type { Style } from './format';
import { ALL_SOURCES, runCliImport } from './import';
import { ReadStore } from './read-store';
import { locateStore } from './store-location';
import { TeamUsageError, runTeam } from './team';
import { dailyUsage, lastDays, monthlyUsage } from './usage';
import { blocksOutput, breakdownOutput, timeOutput } from './time-cost';
import type { Output } from './views';
import {
  dashboardText, insightLines, isTrend, loadDashboard, modelsText, periodFigures, reportMarkdown, sessionsText,
  trendsText, usageText,
} from './views';

export const HELP = `ai-learning: AI Learning Analytics outside VS Code (reads the extension's local store, read-only)

Usage: ai-learning <command> [options]

Commands:
  dashboard            headline figures, code by language, tokens and cost, intents, tools, insights
  trends               the last --days against the previous --days, activity per day
  insights             insights and alerts with their evidence
  alerts               alerts and warnings only
  daily | monthly      tokens and cost per day / per month (--breakdown: by tool and model)
  session              tokens and cost per AI session (newest first)
  blocks               Claude Code's five-hour usage windows, today's burn rate, the month's forecast
  time                 coding time by project, language and branch, AI-assisted apart
  models               learned model performance by task type
  patterns search Q    search your pattern library (--language, --limit, --code)
  report               the session report in Markdown
  export               every table to a new folder (--format json|csv, --out DIR)
  import               run the importers headless into a journal of the CLI's own
  mcp                  serve the read-only MCP tools on stdio
  team report|push|migrate  the team's PostgreSQL: team figures, push yours, migrate (--url, --member)

Options:
  --store DIR          the store folder (default: VS Code's globalStorage, or $AI_LEARNING_STORE)
  --days N             range in days, today included (default 30; monthly 365)
  --json               machine-readable output
  --breakdown          daily, monthly: one row per tool and model
  --limit N            rows or patterns (default 10)
  --language L         patterns in this language only
  --code               show the patterns' code
  --format F           export: json or csv (default both)
  --out DIR            export: parent folder of the export (required)
  --sources a,b        import: ${ALL_SOURCES.join(',')} (default all)
  --workspace DIR      import: a folder with .aider.chat.history.md (repeatable; default the current one)
  --all-workspaces     import: Copilot Chat sessions of every workspace
  --dry-run            import: list what would be imported, write nothing
  --url URL            team: postgres://… (default $AI_LEARNING_TEAM_URL)
  --member NAME        team: your member name (default $AI_LEARNING_TEAM_MEMBER)
  --level L            team push: aggregate (default) or metadata
  -h, --help           this text
Colours only on a terminal; NO_COLOR turns them off.`;

const OPTIONS = {
  store: { type: 'string' }, days: { type: 'string' }, json: { type: 'boolean' }, limit: { type: 'string' },
  language: { type: 'string' }, code: { type: 'boolean' }, format: { type: 'string' }, out: { type: 'string' },
  sources: { type: 'string' }, workspace: { type: 'string', multiple: true }, 'all-workspaces': { type: 'boolean' },
  'dry-run': { type: 'boolean' }, breakdown: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, verbose: { type: 'boolean' },
  url: { type: 'string' }, member: { type: 'string' }, level: { type: 'string' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** A mistake in the command line: printed with a hint, exit code 2. */
export class UsageError extends Error {}

function intOption(v: string | undefined, name: string, dflt: number, max: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`--${name} must be a whole number from 1 to ${max} (got ${JSON.stringify(v)})`);
  return n;
}

interface Io {
  out: (s: string) => void;
  err: NodeJS.WriteStream;
  style: Style;
}

type Command = (store: ReadStore, v: Values, args: string[], io: Io) => Promise<Output>;

const COMMANDS: Record<string, Command> = {
  dashboard: async (store, v, _a, io) => {
    const d = await loadDashboard(store, intOption(v.days, 'days', 30, 3650));
    return { json: d, text: dashboardText(d, io.style) };
  },
  trends: async (store, v, _a, io) => {
    const days = intOption(v.days, 'days', 30, 3650);
    const d = await loadDashboard(store, days);
    const cur = lastDays(days);
    const prev = { fromDay: cur.fromDay - days, toDay: cur.fromDay - 1 };
    const [c, p] = await Promise.all([periodFigures(store, cur), periodFigures(store, prev)]);
    const trend = (d.insights ?? []).filter(isTrend);
    return { json: { days, current: c, previous: p, daily: d.daily ?? [], insights: trend }, text: trendsText(d, c, p, trend, io.style) };
  },
  insights: async (store, v, _a, io) => {
    const d = await loadDashboard(store, intOption(v.days, 'days', 30, 3650));
    return { json: d.insights ?? [], text: insightLines(d.insights ?? [], io.style) };
  },
  alerts: async (store, v, _a, io) => {
    const d = await loadDashboard(store, intOption(v.days, 'days', 30, 3650));
    const alerts = (d.insights ?? []).filter((i) => i.severity === 'alert' || i.severity === 'warning');
    return { json: alerts, text: alerts.length ? insightLines(alerts, io.style) : 'No alerts.' };
  },
  daily: async (store, v, _a, io) => {
    if (v.breakdown) return breakdownOutput(store, lastDays(intOption(v.days, 'days', 30, 3650)), 'day', io.style);
    const rows = await dailyUsage(store, lastDays(intOption(v.days, 'days', 30, 3650)));
    return { json: rows, text: usageText('Tokens and cost per day', rows, io.style) };
  },
  monthly: async (store, v, _a, io) => {
    if (v.breakdown) return breakdownOutput(store, lastDays(intOption(v.days, 'days', 365, 3650)), 'month', io.style);
    const rows = await monthlyUsage(store, lastDays(intOption(v.days, 'days', 365, 3650)));
    return { json: rows, text: usageText('Tokens and cost per month', rows, io.style) };
  },
  session: async (store, v, _a, io) => {
    const rows = await store.query('usageBySession', { ...lastDays(intOption(v.days, 'days', 30, 3650)), limit: intOption(v.limit, 'limit', 20, 10_000) });
    return { json: rows, text: sessionsText(rows, io.style) };
  },
  blocks: (store, v, _a, io) => blocksOutput(store, lastDays(intOption(v.days, 'days', 1, 3650)), io.style),
  time: (store, v, _a, io) => timeOutput(store, lastDays(intOption(v.days, 'days', 30, 3650)), io.style),
  models: async (store, _v, _a, io) => {
    const d = await loadDashboard(store, 1);
    return { json: d.models ?? [], text: modelsText(d, io.style) };
  },
  patterns: async (store, v, args, io) => {
    if (args[0] !== 'search' || args.length < 2) throw new UsageError('usage: ai-learning patterns search QUERY [--language L] [--limit N] [--code]');
    // Loaded on demand: the pattern library brings the TypeScript compiler, which the other commands never need.
    const { PatternFinder } = await import('./patterns');
    const finder = await PatternFinder.load(store);
    const hits = await finder.search({ query: args.slice(1).join(' '), language: v.language, limit: intOption(v.limit, 'limit', 10, 1000) }, v.code === true || v.json === true);
    const text = hits.length === 0 ? `No pattern matches (library of ${finder.loaded}).` : hits.map((h, i) =>
      `${io.style.bold(`${i + 1}. ${h.name}`)}  ${h.language}${h.framework ? `/${h.framework}` : ''}  relevance ${h.relevance}  used ${h.usageCount}, kept ${h.successRatePct === null ? '–' : `${h.successRatePct}%`}\n   ${io.style.dim(h.id)}  ${h.sourcePath ?? ''}${h.code ? `\n${h.code.replace(/^/gm, '   | ')}` : ''}`).join('\n');
    return { json: hits, text };
  },
  report: async (store, v) => {
    const md = await reportMarkdown(store, intOption(v.days, 'days', 7, 3650));
    return { json: { markdown: md }, text: md };
  },
  export: (store, v, _a, io) => {
    if (!v.out) throw new UsageError('export needs --out DIR (a new folder is created inside it)');
    if (v.format !== undefined && v.format !== 'json' && v.format !== 'csv') throw new UsageError(`--format must be json or csv (got ${JSON.stringify(v.format)})`);
    const progress = new Progress(io.err, v.json !== true);
    const summary = store.exportAll(v.out, v.format ? [v.format] : ['json', 'csv'], (done, total, t) => progress.update('exporting', done, total, t));
    progress.done();
    return Promise.resolve({ json: summary, text: `Exported ${summary.tables.length} tables (${summary.totalRows} rows, ${v.format ?? 'JSON and CSV'}) to ${summary.dir}` });
  },
  import: async (store, v, _a, io) => {
    const sources = v.sources ? v.sources.split(',').map((s) => s.trim()) : [...ALL_SOURCES];
    const bad = sources.filter((s) => !(ALL_SOURCES as readonly string[]).includes(s));
    if (bad.length) throw new UsageError(`unknown source ${bad.join(', ')}; known: ${ALL_SOURCES.join(', ')}`);
    const progress = new Progress(io.err, v.json !== true);
    const summary = await runCliImport(store, {
      storeDir: store.dir, sources: sources as ImportSource[], workspaceFolders: v.workspace ?? [process.cwd()],
      allWorkspaces: v['all-workspaces'] === true, dryRun: v['dry-run'] === true,
      onProgress: (done, total, file) => progress.update('importing', done, total, file),
    });
    progress.done();
    const by = Object.entries(summary.bySource).map(([s, x]) => `${s}: ${x.records} records from ${x.changedFiles}/${x.files} files`).join('; ');
    const text = `${summary.records} records from ${summary.files} files${summary.skipped ? `, ${summary.skipped} lines skipped` : ''}${by ? ` (${by})` : ''}.`
      + (summary.writer ? `\nWritten to journal ${summary.writer}; VS Code folds it in within a second while it runs, or at its next start.` : v['dry-run'] ? '\nDry run: nothing written.' : '');
    return { json: summary, text: [text, ...summary.warnings.map((w) => `warning: ${w}`)].join('\n') };
  },
};

/** Runs one command line; returns the exit code. `out` receives stdout text. */
export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  const err = process.stderr;
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    err.write(`ai-learning: ${e instanceof Error ? e.message : String(e)}\nRun ai-learning --help for the commands and options.\n`);
    return 2;
  }
  const { values: v, positionals: [name, ...args] } = parsed;
  if (v.help === true || name === undefined || name === 'help') {
    out(`${HELP}\n`);
    return name === undefined && v.help !== true ? 2 : 0;
  }
  if (name !== 'mcp' && name !== 'team' && !(name in COMMANDS)) {
    err.write(`ai-learning: unknown command ${JSON.stringify(name)}\nRun ai-learning --help for the commands.\n`);
    return 2;
  }
  const where = locateStore(v.store);
  if (name === 'team') return team(v, args, where, out);
  if (where instanceof Error) {
    err.write(`ai-learning: ${where.message}\n`);
    return 1;
  }
  const log: StoreLog = {
    info: (m) => { if (v.verbose) err.write(`${m}\n`); },
    warn: (m) => err.write(`warning: ${m}\n`),
    error: (m, e) => err.write(`error: ${m}${e instanceof Error ? `: ${e.message}` : ''}\n`),
  };
  let store: ReadStore | undefined;
  try {
    store = await ReadStore.open(where.dir, log, name === 'import');
    if (name === 'mcp') {
      const { serveMcp } = await import('./mcp');
      await serveMcp(store);
      return 0;
    }
    const io: Io = { out, err, style: v.json === true ? styleFor({ isTTY: false }) : styleFor(process.stdout) };
    const res = await COMMANDS[name](store, v, args, io);
    out(v.json === true ? `${JSON.stringify(res.json, null, 2)}\n` : `${res.text.trimEnd()}\n`);
    return 0;
  } catch (e) {
    err.write(`ai-learning: ${e instanceof Error ? e.message : String(e)}\n`);
    return e instanceof UsageError ? 2 : 1;
  } finally {
    store?.close();
  }
}

/** `team …`: needs no local store but for `push`, which opens it read-only and closes it after. */
async function team(v: Values, args: string[], where: ReturnType<typeof locateStore>, out: (s: string) => void): Promise<number> {
  const err = process.stderr;
  const log: StoreLog = { info: () => undefined, warn: (m) => err.write(`warning: ${m}\n`), error: (m) => err.write(`error: ${m}\n`) };
  let store: ReadStore | undefined;
  try {
    const res = await runTeam({
      sub: args[0], url: v.url, member: v.member, level: v.level, days: intOption(v.days, 'days', 30, 3650), json: v.json === true,
      style: v.json === true ? styleFor({ isTTY: false }) : styleFor(process.stdout), err,
      openStore: async () => {
        if (where instanceof Error) throw where;
        return (store = await ReadStore.open(where.dir, log));
      },
    });
    out(v.json === true ? `${JSON.stringify(res.json, null, 2)}\n` : `${res.text.trimEnd()}\n`);
    return 0;
  } catch (e) {
    err.write(`ai-learning: ${e instanceof Error ? e.message : String(e)}\n`);
    return e instanceof UsageError || e instanceof TeamUsageError ? 2 : 1;
  } finally {
    store?.close();
  }
}
