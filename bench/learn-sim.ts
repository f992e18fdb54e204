/**
 * The scripted world of `bench:learn`: models of known true quality, success and cost per task type, and a router
 * that learns only from the outcomes of the requests it routes (plus exploration), as in the editor.
 */
import { routeRequest, costEfficiency } from '../src/core/route/router';
import type { CandidateModel } from '../src/core/route/router';
import { updateFigure } from '../src/core/route/figures';
import type { RouteFigure, RoutingState } from '../src/core/route/state';
import { emptyRoutingState } from '../src/core/route/state';
import type { Intent } from '../src/core/model/events';
import { rng } from '../src/core/util/random';

export const TASKS: Intent[] = ['code_generation', 'debugging', 'architecture', 'code_review', 'explanation', 'refactor', 'test', 'other'];

/** A model's truth: quality (0-10 mean) per task (default `q`), success probability, cost per request (null: unpriced). */
export interface TrueModel { id: string; q: number; bestAt: Partial<Record<Intent, number>>; success: number; cost: number | null }

export const WORLD: TrueModel[] = [
  { id: 'claude-opus-4', q: 8.0, bestAt: { architecture: 9.2, code_review: 8.8 }, success: 0.97, cost: 0.15 },
  { id: 'claude-sonnet-4', q: 7.6, bestAt: { refactor: 8.6, code_generation: 8.4 }, success: 0.97, cost: 0.03 },
  { id: 'gpt-5', q: 7.5, bestAt: { debugging: 8.9 }, success: 0.95, cost: 0.05 },
  { id: 'gpt-4o-mini', q: 6.0, bestAt: { explanation: 8.3, other: 7.9 }, success: 0.98, cost: 0.002 },
  { id: 'gemini-2.5-flash', q: 6.3, bestAt: { test: 8.4 }, success: 0.96, cost: 0.004 },
  { id: 'qwen2.5-coder-7b', q: 5.0, bestAt: {}, success: 0.85, cost: null },
];

export const DEFAULT_MODEL = 'claude-sonnet-4';

const trueQ = (m: TrueModel, t: Intent): number => m.bestAt[t] ?? m.q;
/** The expected value of the router's own score under the truth: what "truly best" means here. */
export const trueScore = (m: TrueModel, t: Intent): number => trueQ(m, t) * m.success * costEfficiency(m.cost);
export const trulyBest = (t: Intent): string => [...WORLD].sort((a, b) => trueScore(b, t) - trueScore(a, t))[0].id;

export { rng };

export function normal(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

/** One answer of `m` on `t`: failed with probability 1 - success, else quality ~ N(true, 1.5) clipped to 0-10. */
export function observe(r: () => number, m: TrueModel, t: Intent): { ok: boolean; quality: number } {
  if (r() >= m.success) return { ok: false, quality: 0 };
  return { ok: true, quality: Math.min(10, Math.max(0, trueQ(m, t) + 1.5 * normal(r))) };
}

const CANDIDATES: CandidateModel[] = WORLD.map((m) => ({ id: m.id }));
const stateOf = (figs: Map<string, RouteFigure>): RoutingState => ({ ...emptyRoutingState(0), figures: [...figs.values()] });

export interface SimResult {
  /** At each checkpoint: share of task types whose greedy choice is the truly best one (random routing has none: NaN). */
  hitAt: Record<number, number>;
  /** Share of requests of each window (previous checkpoint, checkpoint] that went to the truly best model. */
  bestShareIn: Record<number, number>;
}

/** A year of `requests` routed by `policy`; `learned` routing learns from what it routes. */
export function simulate(seed: number, requests: number, checkpoints: number[], policy: 'learned' | 'default' | 'random'): SimResult {
  const r = rng(seed);
  const figs = new Map<string, RouteFigure>();
  const hitAt: Record<number, number> = {};
  const bestShareIn: Record<number, number> = {};
  let inWindow = 0;
  let best = 0;
  const choose = (t: Intent, random: () => number): string => {
    if (policy === 'default') return DEFAULT_MODEL;
    if (policy === 'random') return WORLD[Math.floor(random() * WORLD.length)].id;
    return routeRequest({ intent: t, taskType: t, complexity: 'medium' }, CANDIDATES, stateOf(figs), { random, defaultModel: DEFAULT_MODEL }).chosen.model.id;
  };
  for (let i = 1; i <= requests; i++) {
    const t = TASKS[Math.floor(r() * TASKS.length)];
    const id = choose(t, r);
    const m = WORLD.find((x) => x.id === id)!;
    const o = observe(r, m, t);
    const key = `${t}\u0000${id}`;
    figs.set(key, updateFigure(figs.get(key), t, id, { quality: o.quality, success: o.ok, ts: i, source: 'ai-learning', ...(m.cost === null ? {} : { costUsd: m.cost }) }));
    inWindow++;
    if (id === trulyBest(t)) best++;
    if (checkpoints.includes(i)) {
      hitAt[i] = policy === 'random' ? NaN : TASKS.filter((task) => choose(task, () => 0.99) === trulyBest(task)).length / TASKS.length;
      bestShareIn[i] = best / inWindow;
      inWindow = 0;
      best = 0;
    }
  }
  return { hitAt, bestShareIn };
}
