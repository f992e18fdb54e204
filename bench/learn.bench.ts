/**
 * Learning-loop benchmark: `npm run bench:learn`. Measures, in one run:
 * - routing decision time (`routeRequest`) with 50 models x 100 task types (5 000 figures): p50/p99 over 20 000
 *   decisions on a warm state (the index is built once per state object; its build time is reported apart);
 * - the store query `routingState` over a year of interaction history in real sql.js (20 000 interactions);
 * - a simulated year (7 300 requests, 20 a day) of scripted models of known quality (`learn-sim.ts`): how often the
 *   router's greedy choice is the truly best model per task type after 50, 200, 1 000 and 7 300 requests, and the
 *   share of requests that went to it, beside always-the-default and random routing; 20 seeds;
 * - the A/B false-positive rate over 1 000 simulated null tests (both arms from one distribution), at the fixed
 *   horizon `decideTest` uses and, for reference, with peeking (a look after every sample up to 3x the minimum).
 * Results: bench/results/learn.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { routeRequest } from '../src/core/route/router';
import type { CandidateModel } from '../src/core/route/router';
import { updateFigure } from '../src/core/route/figures';
import type { RouteFigure, RoutingState } from '../src/core/route/state';
import { emptyRoutingState } from '../src/core/route/state';
import { assignArm, decideTest } from '../src/core/route/ab-test';
import type { AbSample } from '../src/core/route/ab-test';
import { loadSqlJs, openDb } from '../src/core/store/db';
import { Ingestor } from '../src/core/store/ingest';
import { runQuery } from '../src/core/store/queries';
import { routingState } from '../src/core/store/routing-state';
import type { AiInteractionEvent, RecordedEvent } from '../src/core/model/events';
import { DEFAULT_MODEL, TASKS, WORLD, normal, rng, simulate, trulyBest } from './learn-sim';

const r3 = (x: number): number => Math.round(x * 1000) / 1000;
const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

function routingTime(): Record<string, number> {
  const r = rng(1);
  const models: CandidateModel[] = Array.from({ length: 50 }, (_, i) => ({ id: `model-${i}`, family: `fam-${i % 7}`, vendor: `v${i % 4}` }));
  const figures: RouteFigure[] = [];
  for (let t = 0; t < 100; t++) {
    for (const m of models) {
      let f: RouteFigure | undefined;
      const n = 1 + Math.floor(r() * 30);
      for (let k = 0; k < n; k++) f = updateFigure(f, `task-${t}`, m.id, { quality: 10 * r(), success: r() > 0.1, costUsd: r() * 0.1, latencyMs: 1000 + 5000 * r(), ts: k, source: 'ai-learning' });
      figures.push(f!);
    }
  }
  const state: RoutingState = { ...emptyRoutingState(0), figures };
  const b0 = process.hrtime.bigint();
  routeRequest({ intent: 'other', taskType: 'task-0', complexity: 'low' }, models, state, { random: r });
  const buildMs = Number(process.hrtime.bigint() - b0) / 1e6;
  const times: number[] = [];
  for (let i = 0; i < 20_000; i++) {
    const task = `task-${Math.floor(r() * 100)}`;
    const t0 = process.hrtime.bigint();
    routeRequest({ intent: 'other', taskType: task, complexity: 'medium' }, models, state, { random: r });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { figures: figures.length, models: models.length, firstCallWithIndexBuildMs: r3(buildMs), p50Ms: r3(pct(times, 0.5)), p99Ms: r3(pct(times, 0.99)), maxMs: r3(times[times.length - 1]) };
}

async function stateQueryTime(): Promise<Record<string, number>> {
  const { db } = openDb(await loadSqlJs());
  const ingest = new Ingestor(db);
  const r = rng(2);
  const t0 = Date.UTC(2025, 11, 1);
  const events: RecordedEvent[] = Array.from({ length: 20_000 }, (_, i): AiInteractionEvent => ({
    kind: 'ai_interaction', ts: t0 + i * 1_500_000, id: `i${i}`, sourceTool: (['claude-code', 'codex', 'copilot-chat', 'ai-learning'] as const)[i % 4],
    interaction: 'chat', intent: TASKS[i % TASKS.length], model: WORLD[Math.floor(r() * WORLD.length)].id, success: r() > 0.05,
    latencyMs: 2000, tokensOut: 500, costUsd: 0.01,
  }));
  for (let k = 0; k < events.length; k += 2000) ingest.apply([{ writer: 'bench', records: events.slice(k, k + 2000).map((ev, j) => ({ seq: k + j + 1, ev, offset: 0 })) }]);
  const time = (fn: () => unknown): number => {
    const s0 = process.hrtime.bigint();
    fn();
    return Number(process.hrtime.bigint() - s0) / 1e6;
  };
  const now = t0 + 365 * 86_400_000;
  // The fold itself (uncached), then the store query as the dashboard calls it again with nothing written.
  const fold = Array.from({ length: 5 }, () => time(() => routingState(db, now))).sort((a, b) => a - b);
  runQuery(db, 'routingState', { now });
  const again = Array.from({ length: 5 }, () => time(() => runQuery(db, 'routingState', { now }))).sort((a, b) => a - b);
  ingest.close();
  db.close();
  return { interactions: events.length, medianMs: r3(fold[2]), maxMs: r3(fold[4]), cachedMedianMs: r3(again[2]) };
}

function yearOfRequests(): Record<string, unknown> {
  const checkpoints = [50, 200, 1000, 7300];
  const seeds = Array.from({ length: 20 }, (_, i) => 100 + i);
  const out: Record<string, unknown> = { requests: 7300, seeds: seeds.length, default: DEFAULT_MODEL,
    trulyBest: Object.fromEntries(TASKS.map((t) => [t, trulyBest(t)])) };
  for (const policy of ['learned', 'default', 'random'] as const) {
    const runs = seeds.map((s) => simulate(s, 7300, checkpoints, policy));
    const mean = (f: (x: (typeof runs)[number]) => number): number => r3(runs.reduce((a, x) => a + f(x), 0) / runs.length);
    out[policy] = Object.fromEntries(checkpoints.map((c) => [`after${c}`, {
      ...(policy === 'random' ? {} : { greedyPicksBest: mean((x) => x.hitAt[c]) }), requestsToBest: mean((x) => x.bestShareIn[c]) }]));
  }
  return out;
}

function abFalsePositives(tests = 1000, min = 30): Record<string, number> {
  let fixed = 0;
  let peeking = 0;
  for (let k = 0; k < tests; k++) {
    const r = rng(10_000 + k);
    const test = { id: `null-${k}`, ratio: 0.5, seed: `seed-${k}`, minSamples: min };
    const samples: AbSample[] = [];
    let decidedByPeeking = false;
    for (let i = 0; samples.filter((s) => s.arm === 'control').length < 3 * min || samples.filter((s) => s.arm === 'treatment').length < 3 * min; i++) {
      const quality = Math.min(10, Math.max(0, 6.5 + 2 * normal(r)));
      samples.push({ arm: assignArm(test, `req-${i}`), quality, costUsd: 0.01 * Math.exp(0.5 * normal(r)) });
      if (!decidedByPeeking && decideTest(test, samples, { allSamples: true }).decided) decidedByPeeking = true;
    }
    if (decideTest(test, samples).decided) fixed++;
    if (decidedByPeeking) peeking++;
  }
  return { tests, minSamplesPerArm: min, falsePositiveRateFixedHorizon: r3(fixed / tests), falsePositiveRatePeeking: r3(peeking / tests) };
}

async function main(): Promise<void> {
  const results = { date: new Date().toISOString(), node: process.version, routing: routingTime(), routingStateQuery: await stateQueryTime(),
    year: yearOfRequests(), ab: abFalsePositives() };
  const file = path.join(__dirname, 'results', 'learn.json');
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
}

void main();
