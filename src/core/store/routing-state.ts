/**
 * The store query `routingState`: everything routing needs in one call (`RoutingState`, `src/core/route/state.ts`).
 *
 * Figures are folded at query time from the whole interaction history (kept forever, `retention.ts`), oldest
 * first, with the same `updateFigure` the tests use: every tool's interactions count (Claude Code, Codex, Copilot
 * Chat ... imported, and our own participant's, source `ai-learning`), each figure keeps its requests per source
 * tool, and an answer whose outcome was measured later (`route_outcomes`) is folded with that measured quality in
 * its place in time. Folding on read rather than on write is what lets a late outcome (the 10-minute survival,
 * the commit) correct an answer already counted, and makes replays harmless.
 */
import type { Database } from 'sql.js';
import { all, scalar } from './db';
import { foldInto, newFigure } from '../route/figures';
import { importedSignals, qualityScore } from '../route/outcome';
import type { AbTestState, FallbackFigure, RouteFigure, RoutingState, TokenAdjustment } from '../route/state';

type Cell = number | string | null;
const MONTH_MS = 30 * 86_400_000;

const opt = (v: Cell): number | undefined => (typeof v === 'number' ? v : undefined);
const bool = (v: Cell): boolean | undefined => (typeof v === 'number' ? v === 1 : undefined);

/** Folds every interaction with a model, in time order, into one figure per (intent, model). */
function figures(db: Database): RouteFigure[] {
  const byKey = new Map<string, RouteFigure>();
  const st = db.prepare(`SELECT i.intent, i.model, i.source_tool, i.success, i.vote, i.cancelled, i.latency_ms,
    coalesce(i.cost_usd, o.cost_usd), i.ts, o.quality, (coalesce(i.tokens_out, 0) > 0 OR coalesce(i.response_chars, 0) > 0) FROM ai_interactions i LEFT JOIN route_outcomes o ON o.request_id = i.id
    WHERE i.model IS NOT NULL AND i.model != '' ORDER BY i.ts`);
  try {
    while (st.step()) {
      const [intent, model, source, success, vote, cancelled, latency, cost, ts, measured, answered] = st.get() as Cell[];
      const taskType = typeof intent === 'string' && intent !== '' ? intent : 'other';
      // Where the tool logs no success (Claude Code), an answer that arrived is one; a cancel says nothing of it.
      const ok = bool(success) ?? (answered === 1 && bool(cancelled) !== true ? true : undefined);
      const quality = typeof measured === 'number' ? measured
        : qualityScore(importedSignals({ success: ok, vote: opt(vote), cancelled: bool(cancelled) }));
      const key = `${taskType}\u0000${String(model)}`;
      let f = byKey.get(key);
      if (!f) byKey.set(key, (f = newFigure(taskType, String(model), Number(ts))));
      foldInto(f, { quality, success: ok, latencyMs: opt(latency), costUsd: opt(cost), ts: Number(ts),
        source: typeof source === 'string' && source !== '' ? source : 'other' });
    }
  } finally {
    st.free();
  }
  return [...byKey.values()];
}

function tests(db: Database): AbTestState[] {
  const rows = all<{ id: string; name: string | null; kind: string | null; control: string | null; treatment: string | null;
    ratio: number; minSamples: number; seed: string | null; state: string; winner: string | null; pValue: number | null; ts: number }>(db,
    `SELECT id, name, kind, control, treatment, ratio, min_samples AS minSamples, seed, state, winner, p_value AS pValue, ts
     FROM ab_tests ORDER BY ts`);
  return rows.map((t) => ({
    id: t.id, name: t.name ?? t.id, kind: (t.kind ?? 'prompt_variant') as AbTestState['kind'], control: t.control ?? 'control',
    treatment: t.treatment ?? 'treatment', ratio: t.ratio, minSamples: t.minSamples, seed: t.seed ?? t.id,
    state: t.state as AbTestState['state'], ...(t.winner === 'control' || t.winner === 'treatment' ? { winner: t.winner } : {}),
    ...(t.pValue === null ? {} : { pValue: t.pValue }), startTs: t.ts,
    samples: all<{ arm: 'control' | 'treatment'; quality: number | null; costUsd: number | null }>(db,
      `SELECT a.arm, o.quality, coalesce(i.cost_usd, o.cost_usd) AS costUsd FROM ab_assignments a
       LEFT JOIN route_outcomes o ON o.request_id = a.request_id LEFT JOIN ai_interactions i ON i.id = a.request_id
       WHERE a.test_id = ? ORDER BY a.ts`, [t.id])
      .map((s) => ({ arm: s.arm, ...(s.quality === null ? {} : { quality: s.quality }), ...(s.costUsd === null ? {} : { costUsd: s.costUsd }) })),
  }));
}

/** The routing state as of `now` (ms): the 30-day volumes end there. */
const memo = new WeakMap<Database, { key: string; state: RoutingState }>();

/**
 * `routingState` kept per database until a row is written (SQLite's `total_changes()`, which counts every insert,
 * update and delete of this connection, replayed journal segments included) or the minute of `now` turns (the
 * 30-day volume moves with time). The dashboard asks on every load, the participant on every request; a year of
 * history folds in about 90 ms. The result must not be mutated by callers (the worker posts a copy).
 */
export function cachedRoutingState(db: Database, now: number): RoutingState {
  const key = `${String(scalar(db, 'SELECT total_changes()'))}:${Math.floor(now / 60_000)}`;
  const hit = memo.get(db);
  if (hit?.key === key) return hit.state;
  const state = routingState(db, now);
  memo.set(db, { key, state });
  return state;
}

/** Everything routing needs as of `now` (ms), folded from the whole history (the file's comment says how). */
export function routingState(db: Database, now: number): RoutingState {
  const fallbacks = all<FallbackFigure>(db, `SELECT failure, from_model AS "from", to_model AS "to", count(*) AS tries,
    coalesce(sum(succeeded), 0) AS successes FROM route_fallbacks GROUP BY failure, from_model, to_model ORDER BY tries DESC`);
  const adjustments = all<TokenAdjustment>(db, `SELECT a.parameter, a.direction, a.complexity,
    a.adjusted_value AS factor, a.confidence, a.n, a.ts, a.reason FROM learning_adjustments a
    WHERE a.id = (SELECT b.id FROM learning_adjustments b WHERE b.parameter = a.parameter ORDER BY b.ts DESC, b.id DESC LIMIT 1)
    ORDER BY a.parameter`);
  return {
    figures: figures(db),
    fallbacks,
    outputTokens: all(db, `SELECT intent AS taskType, count(*) AS n, avg(tokens_out) AS meanOutput FROM ai_interactions
      WHERE tokens_out > 0 GROUP BY intent ORDER BY intent`),
    adjustments,
    tests: tests(db),
    monthlyRequests: all(db, `SELECT intent AS taskType, model, count(*) AS n FROM ai_interactions
      WHERE ts > ? AND ts <= ? AND model IS NOT NULL AND model != '' GROUP BY intent, model ORDER BY intent, n DESC`, [now - MONTH_MS, now]),
    asOf: now,
  };
}
