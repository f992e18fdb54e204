/** Scripted figures for the routing tests: folded with the production `updateFigure`, one observation at a time. */
import { updateFigure } from '../../../src/core/route/figures';
import { rng } from '../../../src/core/util/random';
import type { RouteFigure, RoutingState } from '../../../src/core/route/state';
import { emptyRoutingState } from '../../../src/core/route/state';

export function scripted(taskType: string, model: string, n: number, quality: number, opts: { costUsd?: number; success?: boolean; source?: string } = {}): RouteFigure {
  let f: RouteFigure | undefined;
  for (let i = 0; i < n; i++) {
    f = updateFigure(f, taskType, model, { quality, success: opts.success ?? true, ts: 1000 + i, source: opts.source ?? 'ai-learning',
      ...(opts.costUsd !== undefined ? { costUsd: opts.costUsd } : {}) });
  }
  if (!f) throw new Error('n must be > 0');
  return f;
}

export const stateOf = (figures: RouteFigure[], extra: Partial<RoutingState> = {}): RoutingState => ({ ...emptyRoutingState(0), figures, ...extra });

/** The shared seeded PRNG, so every run routes the same way. */
export const seeded = rng;
