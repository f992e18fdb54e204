/**
 * Routing (seed 004's `get_model_ranking`): ranks the user's models for a task by learned performance and picks one.
 *
 * - Learned score = quality (0-10 EMA) x success (EMA) x cost efficiency, where cost efficiency is
 *   `1 / (1 + costUsd / COST_SCALE_USD)`: seed 004's value per dollar, bounded, so a model whose price is unknown
 *   (Copilot's, a local one: efficiency 1) is neither infinitely better nor worse than a priced one.
 * - Confidence = `min(0.95, 0.5 + n/100 * 0.45)` (seed 004) x support `min(1, n / SUPPORT_N)`. The seed's formula
 *   alone is 0.5 with no data at all, so it can never fall below its own 0.3 threshold; the support factor is what
 *   makes that threshold mean something: a figure from fewer than 6 rated requests has confidence < 0.3 and the
 *   cold-start table (`capabilities.ts`) decides instead, with the learned success folded in once known.
 * - A learned figure (confidence >= 0.3) ranks before any cold-start prior: the user's own evidence beats a
 *   vendor-tier guess, so an untried flagship is never chosen over a model that is known to work just because its
 *   prior is higher (in the simulated year of `bench:learn` that optimism made routing worse than the default for
 *   the first thousand requests). Untried models are reached by exploration instead.
 * - Cold start follows the user: with no learned figure for the task, the model the user has selected in the chat
 *   (`defaultModel`) ranks first among the cold-start entries, so the participant starts no worse than the user's
 *   own choice and the capability table only orders the rest.
 * - Exploration (so a new or recovering model gets tried): epsilon-greedy, EPSILON of the requests, choosing
 *   uniformly among the other models whose known cost per request is at most EXPLORE_COST_FACTOR x the best one's
 *   (a model of unknown cost is allowed only when the best one's cost is unknown too). While such a model still has
 *   fewer than SUPPORT_N rated requests for the task type (its figure cannot count yet), the rate is WARMUP_EPSILON
 *   and the least-tried one is picked: at most SUPPORT_N warm-up requests per model and task type, each within the
 *   same cost bound, so the extra spend is bounded by models x task types x SUPPORT_N requests. Epsilon-greedy over
 *   Thompson sampling because these bounds are plain to state and to test, and the composite score has no natural
 *   posterior. No exploration when the user named a model.
 */
import type { TaskProfile } from './task-profile';
import type { RouteFigure, RoutingState } from './state';

/** The task's API names `RoutingState` beside the router; it is declared in `./state` (the store builds it too). */
export type { RoutingState } from './state';
import { capabilityOf } from './capabilities';
import { normaliseModel } from '../learn/pricing';

export interface CandidateModel { id: string; name?: string; vendor?: string; family?: string; maxInputTokens?: number }

export interface RankedModel {
  model: CandidateModel;
  score: number;
  confidence: number;
  /** Rated requests behind the figure (0 for cold start without data). */
  n: number;
  basis: 'learned' | 'cold-start' | 'explore';
  /** The figure used, when there is one. */
  figure?: RouteFigure;
}

export interface RouteDecision {
  ranked: RankedModel[];
  chosen: RankedModel;
  explored: boolean;
  /** The one line the participant shows. */
  reason: string;
}

export const EPSILON = 0.05;
/** Exploration rate while a within-cost candidate lacks support for the task type (see the file comment). */
export const WARMUP_EPSILON = 0.2;
export const EXPLORE_COST_FACTOR = 1.5;
export const COST_SCALE_USD = 0.5;
export const SUPPORT_N = 10;
export const MIN_CONFIDENCE = 0.3;

/** Seed 004's confidence times the support factor (see the file comment). */
export function routeConfidence(n: number): number {
  return Math.min(0.95, 0.5 + (n / 100) * 0.45) * Math.min(1, n / SUPPORT_N);
}

export const costEfficiency = (costUsd: number | null): number =>
  costUsd === null || !(costUsd >= 0) ? 1 : 1 / (1 + costUsd / COST_SCALE_USD);

/** Figures by task type then normalised model, built once per state object (states are immutable snapshots). */
const indexCache = new WeakMap<RoutingState, Map<string, Map<string, RouteFigure>>>();

function figureIndex(state: RoutingState): Map<string, Map<string, RouteFigure>> {
  let idx = indexCache.get(state);
  if (idx) return idx;
  idx = new Map();
  for (const f of state.figures) {
    let byModel = idx.get(f.taskType);
    if (!byModel) idx.set(f.taskType, (byModel = new Map<string, RouteFigure>()));
    const key = routeKey(f.model);
    const prev = byModel.get(key);
    // Two stored names for one model (a dated snapshot and its alias): the one with more data speaks.
    if (!prev || f.n + f.successN > prev.n + prev.successN) byModel.set(key, f);
  }
  indexCache.set(state, idx);
  return idx;
}

/**
 * The key a model is matched on, in the store and among the candidates: `normaliseModel` (lower case, provider
 * prefix and `-YYYYMMDD` dropped), an ISO `-YYYY-MM-DD` snapshot date dropped too (OpenAI's), dots as dashes
 * (`claude-3.5-sonnet` and `claude-3-5-sonnet-20241022` are one model).
 */
export const routeKey = (model: string): string => normaliseModel(model).replace(/-\d{4}-\d{2}-\d{2}$/, '').replace(/\./g, '-');

/** Keys per candidate (id, family, name), memoised: the same few models are ranked on every request. */
const keyCache = new Map<string, string[]>();

function keysOf(m: CandidateModel): string[] {
  const id = `${m.id}\u0000${m.family ?? ''}\u0000${m.name ?? ''}`;
  let keys = keyCache.get(id);
  if (!keys) {
    keys = [...new Set([m.id, m.family, m.name].filter((k): k is string => !!k).map(routeKey))];
    if (keyCache.size >= 1024) keyCache.clear();
    keyCache.set(id, keys);
  }
  return keys;
}

function rankOne(m: CandidateModel, byModel: Map<string, RouteFigure> | undefined): RankedModel {
  const keys = keysOf(m);
  let figure: RouteFigure | undefined;
  for (const k of keys) {
    figure = byModel?.get(k);
    if (figure) break;
  }
  const n = figure?.n ?? 0;
  const confidence = routeConfidence(n);
  const eff = costEfficiency(figure?.costUsd ?? null);
  if (figure && confidence >= MIN_CONFIDENCE) {
    return { model: m, score: figure.quality * figure.success * eff, confidence, n, basis: 'learned', figure };
  }
  const prior = capabilityOf(keys);
  // Success is observed long before quality (every answered request), so a known failure rate counts already.
  const success = figure && figure.successN > 0 ? figure.success : prior.success;
  return { model: m, score: prior.quality * success * eff, confidence, n, basis: 'cold-start', ...(figure ? { figure } : {}) };
}

const learnedRank = (r: RankedModel): number => (r.basis === 'learned' ? 0 : 1);
/** Learned figures first (see the file comment), then by score, confidence and id. */
const byScore = (a: RankedModel, b: RankedModel): number =>
  learnedRank(a) - learnedRank(b) ||
  b.score - a.score || b.confidence - a.confidence || (a.model.id < b.model.id ? -1 : a.model.id > b.model.id ? 1 : 0);

/** Ranks `models` for `task` and chooses one (`opts.random` in [0, 1): the only source of chance). */
export function routeRequest(
  task: TaskProfile, models: readonly CandidateModel[], state: RoutingState,
  opts: { random: () => number; preferred?: string; preferredWhy?: string; defaultModel?: string },
): RouteDecision {
  if (models.length === 0) throw new Error('routeRequest: no models to choose from');
  const byModel = figureIndex(state).get(task.taskType);
  const ranked = models.map((m) => rankOne(m, byModel));
  favourDefault(ranked, opts.defaultModel);
  ranked.sort(byScore);
  const preferred = opts.preferred === undefined ? undefined : ranked.find((r) => r.model.id === opts.preferred);
  if (preferred) return { ranked, chosen: preferred, explored: false, reason: reasonFor(preferred, task, opts.preferredWhy ?? 'you chose it') };
  const best = ranked[0];
  const pool = ranked.length > 1 ? ranked.slice(1).filter((r) => withinCost(r, best)) : [];
  const unsupported = pool.filter((r) => r.n < SUPPORT_N);
  const rate = unsupported.length > 0 ? WARMUP_EPSILON : EPSILON;
  if (pool.length > 0 && opts.random() < rate) {
    {
      const pick = unsupported.length > 0
        ? unsupported.reduce((a, b) => (b.n < a.n ? b : a))
        : pool[Math.min(pool.length - 1, Math.floor(opts.random() * pool.length))];
      const chosen: RankedModel = { ...pick, basis: 'explore' };
      return { ranked, chosen, explored: true, reason: reasonFor(chosen, task, `trying it instead of ${best.model.name ?? best.model.id}`) };
    }
  }
  return { ranked, chosen: best, explored: false, reason: reasonFor(best, task) };
}

/** The user's own model leads the cold-start entries (its learned score, once it has one, speaks for itself). */
function favourDefault(ranked: RankedModel[], defaultModel: string | undefined): void {
  const own = defaultModel === undefined ? undefined : ranked.find((r) => r.model.id === defaultModel);
  if (!own || own.basis !== 'cold-start') return;
  const top = Math.max(...ranked.filter((r) => r.basis === 'cold-start').map((r) => r.score));
  own.score = Math.max(own.score, top * (1 + 1e-9) + 1e-12);
}

/**
 * Whether exploring `r` stays within the cost bound. Known costs compare directly; a model never priced here is
 * allowed when its capability tier is not above the best one's (vendors price tiers in that order), so an untried
 * cheaper-tier model can be discovered but an untried flagship is not tried on the user's money.
 */
function withinCost(r: RankedModel, best: RankedModel): boolean {
  const bestCost = best.figure?.costUsd ?? null;
  const cost = r.figure?.costUsd ?? null;
  if (cost === null) return bestCost === null || capabilityOf(keysOf(r.model)).quality <= capabilityOf(keysOf(best.model)).quality;
  if (bestCost === null) return cost === 0;
  return cost <= bestCost * EXPLORE_COST_FACTOR;
}

const TASK_WORDS: Record<string, string> = {
  code_generation: 'code generation', debugging: 'debugging', architecture: 'architecture', code_review: 'code review',
  explanation: 'explanation', refactor: 'refactor', test: 'tests', other: 'this kind of request',
};

/** E.g. "claude-x: best kept code for refactor (TypeScript), 41 requests, confidence 0.68". */
export function reasonFor(r: RankedModel, task: TaskProfile, why?: string): string {
  const name = r.model.name ?? r.model.id;
  const what = `${TASK_WORDS[task.taskType] ?? task.taskType}${task.language ? ` (${task.language})` : ''}`;
  const conf = r.confidence.toFixed(2);
  if (why) return `${name}: ${why}, for ${what}; ${r.n} rated requests, confidence ${conf}`;
  if (r.basis === 'learned') {
    const q = r.figure ? `, quality ${r.figure.quality.toFixed(1)}/10` : '';
    return `${name}: best kept code for ${what}, ${r.n} requests${q}, confidence ${conf}`;
  }
  return `${name}: cold start for ${what} (${r.n} rated requests, too few to learn from), chosen by the default capability table`;
}
