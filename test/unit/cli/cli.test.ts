import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { StoreClient } from '../../../src/core/store/client';
import { dashboardData } from '../../../src/core/dashboard/data';
import { localDay } from '../../../src/core/model/day';
import { dayLabel } from '../../../src/core/dashboard/sections-model';
import { PROMPT_MARKER, buildStore, cli, listing } from './store-fixture';
import type { Fixture } from './store-fixture';

const json = async (args: string[], dir: string): Promise<unknown> => {
  const r = await cli([...args, '--json', '--store', dir]);
  assert.equal(r.code, 0, r.out);
  return JSON.parse(r.out) as unknown;
};

/** The oracle: requests and tokens per local day, summed straight from the generated events. */
function expectedDaily(f: Fixture, fromDay: number): Map<string, { requests: number; tokensIn: number; tokensOut: number; cost: number; priced: number }> {
  const out = new Map<string, { requests: number; tokensIn: number; tokensOut: number; cost: number; priced: number }>();
  for (const e of f.events) {
    if (e.kind !== 'ai_interaction' || localDay(e.ts) < fromDay) continue;
    const i = e;
    const k = dayLabel(localDay(e.ts));
    const t = out.get(k) ?? { requests: 0, tokensIn: 0, tokensOut: 0, cost: 0, priced: 0 };
    out.set(k, {
      requests: t.requests + 1, tokensIn: t.tokensIn + (i.tokensIn ?? 0), tokensOut: t.tokensOut + (i.tokensOut ?? 0),
      cost: t.cost + (i.costUsd ?? 0), priced: t.priced + (i.costUsd === undefined ? 0 : 1),
    });
  }
  return out;
}

const Usage = z.object({
  period: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/), fromDay: z.number().int(), toDay: z.number().int(),
  requests: z.number().int().nonnegative(), tokensIn: z.number().int(), tokensOut: z.number().int(), cacheRead: z.number().int(),
  cacheWrite: z.number().int(), costUsd: z.number().nonnegative().nullable(), costKnownN: z.number().int(), models: z.array(z.string()),
}).strict();
const InsightS = z.object({
  id: z.string(), severity: z.enum(['alert', 'warning', 'info', 'good']), title: z.string(), detail: z.string(),
  evidence: z.record(z.string(), z.union([z.number(), z.string()])),
}).strict();
const Model = z.object({
  taskType: z.string(), model: z.string(), n: z.number().int(), quality: z.number().min(0).max(1),
  latencyMs: z.number().nullable(), costUsd: z.number().nullable(), confidence: z.number().min(0.5).max(0.95),
}).strict();
const Session = z.object({
  session: z.string(), sourceTool: z.string(), firstTs: z.number(), lastTs: z.number(), n: z.number().int(), tokensIn: z.number(),
  tokensOut: z.number(), cacheRead: z.number(), cacheWrite: z.number(), costUsd: z.number().nullable(), costKnownN: z.number().int(),
  models: z.array(z.string()),
}).strict();
const Figures = z.object({
  range: z.object({ fromDay: z.number(), toDay: z.number() }), requests: z.number(), requestSuccessPct: z.number().nullable(),
  toolRuns: z.number(), toolSuccessPct: z.number().nullable(), aiInsertions: z.number(), costUsd: z.number().nullable(),
}).strict();
const Pattern = z.object({
  id: z.string(), name: z.string(), description: z.string(), language: z.string(), framework: z.string().nullable(),
  tags: z.array(z.string()), complexity: z.number(), lines: z.number(), usageCount: z.number(), successCount: z.number(),
  successRatePct: z.number().nullable(), sourcePath: z.string().nullable(), code: z.string(), relevance: z.number().min(0).max(1),
}).strict();

describe('ai-learning CLI over a store built by the store worker', function () {
  this.timeout(120_000);
  let f: Fixture;
  let copy: string;

  before(async () => {
    f = await buildStore(60, 150);
    // The extension's own path (StoreClient + worker) reads a copy: it takes the lock and may snapshot.
    copy = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-copy-'));
    fs.cpSync(f.dir, copy, { recursive: true });
  });

  it('dashboard --json equals what the extension computes for the dashboard', async () => {
    const before = listing(f.dir);
    const got = (await json(['dashboard', '--days', '30'], f.dir)) as Record<string, unknown>;
    const client = await StoreClient.open({ storageDir: copy, windowId: 'oracle' });
    try {
      const want = await dashboardData({ kind: 'days', days: 30 }, false, client, { textByLanguage: () => [] });
      // The worker ran retention when it opened the copy; the read-only CLI never deletes: only the oldest
      // edit-level row it reports differs (the fixture has no sessions, so no coding time depends on it).
      const oldestRaw = (d: Record<string, unknown>) => ({ ...d, generatedTs: 0, usage: { ...(d.usage as object), time: { ...(d.usage as { time: object }).time, rawSinceTs: 0 } } });
      assert.deepEqual(oldestRaw(got), JSON.parse(JSON.stringify(oldestRaw(want as unknown as Record<string, unknown>))));
      assert.ok((want.tokens ?? []).length > 0 && (want.insights ?? []).length > 0, 'the fixture gives figures to compare');
    } finally {
      await client.close();
    }
    assert.deepEqual(listing(f.dir), before, 'the CLI wrote nothing into the store folder');
  });

  it('daily and monthly --json: the sums of the generated events, schema checked', async () => {
    const today = localDay(Date.now());
    const daily = z.array(Usage).parse(await json(['daily', '--days', '60'], f.dir));
    const want = expectedDaily(f, today - 59);
    assert.equal(daily.length, want.size);
    for (const row of daily) {
      const w = want.get(row.period);
      assert.ok(w, row.period);
      assert.equal(row.requests, w.requests, row.period);
      assert.equal(row.tokensIn, w.tokensIn);
      assert.equal(row.tokensOut, w.tokensOut);
      assert.equal(row.costKnownN, w.priced);
      assert.ok(Math.abs((row.costUsd ?? 0) - w.cost) < 1e-9, `${row.period}: ${row.costUsd} vs ${w.cost}`);
    }
    const monthly = z.array(Usage).parse(await json(['monthly', '--days', '60'], f.dir));
    assert.equal(monthly.reduce((s, m) => s + m.requests, 0), daily.reduce((s, d) => s + d.requests, 0));
    assert.equal(monthly.reduce((s, m) => s + m.tokensIn, 0), daily.reduce((s, d) => s + d.tokensIn, 0));
  });

  it('daily --breakdown: the generated events per day, tool and model; blocks and time answer', async () => {
    const today = localDay(Date.now());
    const rows = (await json(['daily', '--breakdown', '--days', '60'], f.dir)) as { period: string; requests: number; tokensIn: number }[];
    const want = expectedDaily(f, today - 59);
    for (const [period, w] of want) {
      const got = rows.filter((r) => r.period === period);
      assert.equal(got.reduce((t, r) => t + r.requests, 0), w.requests, period);
      assert.equal(got.reduce((t, r) => t + r.tokensIn, 0), w.tokensIn, period);
    }
    assert.ok(rows.length > want.size, 'more than one tool or model a day');
    const blocks = (await json(['blocks'], f.dir)) as { windows: unknown[]; exact: boolean };
    assert.ok(Array.isArray(blocks.windows));
    const time = (await json(['time'], f.dir)) as { projects: unknown[] };
    assert.ok(Array.isArray(time.projects));
  });

  it('every other command: --json schema, figures from the same queries, no prompt text', async () => {
    const insights = z.array(InsightS).parse(await json(['insights'], f.dir));
    assert.ok(insights.length > 0);
    const alerts = z.array(InsightS).parse(await json(['alerts'], f.dir));
    assert.deepEqual(alerts, insights.filter((i) => i.severity === 'alert' || i.severity === 'warning'));
    const models = z.array(Model).parse(await json(['models'], f.dir));
    assert.ok(models.some((m) => m.taskType === 'refactor' && m.model === 'gpt-5-codex' && m.quality < 0.7));
    const sessions = z.array(Session).parse(await json(['session', '--days', '60', '--limit', '100'], f.dir));
    const interactions = f.events.filter((e) => e.kind === 'ai_interaction').length;
    assert.equal(sessions.reduce((s, r) => s + r.n, 0), interactions);
    const trends = z.object({ days: z.literal(7), current: Figures, previous: Figures, daily: z.array(z.unknown()), insights: z.array(InsightS) })
      .strict().parse(await json(['trends', '--days', '7'], f.dir));
    const today = localDay(Date.now());
    const want = [...expectedDaily(f, today - 6).values()].reduce((s, d) => s + d.requests, 0);
    assert.equal(trends.current.requests, want);
    const hits = z.array(Pattern).parse(await json(['patterns', 'search', 'retry', 'async', '--limit', '3'], f.dir));
    assert.equal(hits.length, 3);
    assert.ok(hits.every((h) => h.name === 'retry' && h.code.includes('function retry')));
    const report = z.object({ markdown: z.string() }).strict().parse(await json(['report', '--days', '7'], f.dir));
    assert.match(report.markdown, /^# AI session report: last 7 days/);
    for (const cmd of ['dashboard', 'insights', 'session', 'report', 'models', 'trends']) {
      const r = await cli([cmd, '--store', f.dir]);
      assert.equal(r.code, 0);
      assert.ok(!r.out.includes(PROMPT_MARKER), `${cmd} printed prompt text`);
      assert.ok(!r.out.includes('\u001b['), `${cmd} printed colours without a TTY`);
    }
  });

  it('export --format csv writes only CSV, into the folder given, never into the store', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-export-'));
    const before = listing(f.dir);
    const s = (await json(['export', '--format', 'csv', '--out', out], f.dir)) as { dir: string; totalRows: number; tables: { table: string; rows: number }[] };
    const files = fs.readdirSync(s.dir);
    assert.ok(files.length > 10 && files.every((n) => n.endsWith('.csv')));
    const interactions = s.tables.find((t) => t.table === 'ai_interactions');
    assert.equal(interactions?.rows, f.events.filter((e) => e.kind === 'ai_interaction').length);
    const csv = fs.readFileSync(path.join(s.dir, 'ai_interactions.csv'), 'utf8');
    assert.equal(csv.trimEnd().split('\n').length, (interactions?.rows ?? 0) + 1);
    assert.deepEqual(listing(f.dir), before);
  });

  it('bad arguments get a clear message and exit code 2', async () => {
    for (const [args, msg] of [
      [['daily', '--days', 'abc'], /--days must be a whole number/],
      [['export', '--format', 'xml', '--out', '/tmp'], /--format must be json or csv/],
      [['export'], /export needs --out/],
      [['frobnicate'], /unknown command/],
      [['dashboard', '--nope'], /Unknown option '--nope'/],
      [['patterns', 'find'], /usage: ai-learning patterns search/],
      [['import', '--sources', 'nosuchtool'], /unknown source nosuchtool/],
    ] as [string[], RegExp][]) {
      const errs: string[] = [];
      const write = process.stderr.write.bind(process.stderr);
      process.stderr.write = ((s: string) => errs.push(s) > 0);
      try {
        const r = await cli([...args, '--store', f.dir]);
        assert.equal(r.code, 2, args.join(' '));
      } finally {
        process.stderr.write = write;
      }
      assert.match(errs.join(''), msg);
    }
    const r = await cli(['dashboard', '--store', path.join(os.tmpdir(), 'no-such-store-x')]);
    assert.equal(r.code, 1);
  });
});
