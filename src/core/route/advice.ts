/**
 * Recommendations and alerts from what routing learned (seed 004's cost optimisation and monitoring), as insights
 * of the existing insights system (`src/core/learn/insights.ts`, the `Insight` shape), so the dashboard, the CLI
 * and the learning report show them alike. Pure: `now` is passed in.
 *
 * - Cheaper model: for a task type, the model the user used most in the last 30 days (all tools, imported history
 *   included) against every other model with a figure for that task type, confidence above 0.5
 *   (`routeConfidence`), a known lower cost per request and a quality within 0.5 of the used one's; the monthly
 *   saving is the used model's requests of those 30 days times the difference in cost per request.
 * - Large adjustment: a token-estimate factor more than 0.5 away from 1.
 * - Degradation: a model whose quality EMA fell below its own mean minus two standard deviations (at least
 *   `MIN_DEGRADATION_N` rated requests and a standard deviation above 0). The standard deviation is the EMA's own,
 *   `sd * sqrt(alpha / (2 - alpha))` (0.23 sd at alpha 0.1) for observations of standard deviation `sd`: the EMA is
 *   the "current" figure, and a single request's spread would hide any drop (a fall from 8 to 3.5 over ten
 *   requests stays inside the per-request two sigma, since the fall itself widens it).
 * - A/B test significant: a running test whose samples now decide it (`decideTest`).
 */
import type { Insight } from '../learn/insights';
import type { RouteFigure, RoutingState } from './state';
import { routeConfidence, routeKey } from './router';
import { LARGE_ADJUSTMENT } from './calibration';
import { decideTest } from './ab-test';
import { ALPHA } from '../learn/model-performance';

export const QUALITY_MARGIN = 0.5;
export const MIN_SUGGEST_CONFIDENCE = 0.5;
export const MIN_DEGRADATION_N = 10;
/** The standard deviation of an EMA with alpha 0.1 over observations of standard deviation 1. */
export const EMA_SD_FACTOR = Math.sqrt(ALPHA / (2 - ALPHA));

const r2 = (x: number): number => Math.round(x * 100) / 100;
const r4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/** Cheaper models worth trying, largest monthly saving first. */
export function cheaperModels(state: RoutingState): Insight[] {
  const out: { saving: number; insight: Insight }[] = [];
  const volume = new Map<string, { model: string; n: number }[]>();
  for (const v of state.monthlyRequests) volume.set(v.taskType, [...(volume.get(v.taskType) ?? []), v]);
  for (const [taskType, rows] of volume) {
    const used = [...rows].sort((a, b) => b.n - a.n || a.model.localeCompare(b.model))[0];
    const figures = state.figures.filter((f) => f.taskType === taskType);
    const cur = figures.find((f) => routeKey(f.model) === routeKey(used.model));
    if (!cur || cur.costUsd === null || cur.n === 0) continue;
    for (const f of figures) {
      if (f === cur || f.costUsd === null || f.costUsd >= cur.costUsd || f.n === 0) continue;
      const confidence = routeConfidence(f.n);
      const qualityGap = cur.quality - f.quality;
      if (confidence <= MIN_SUGGEST_CONFIDENCE || qualityGap >= QUALITY_MARGIN) continue;
      const perRequest = cur.costUsd - f.costUsd;
      const saving = perRequest * used.n;
      out.push({ saving, insight: {
        id: `cheaper-model:${taskType}:${f.model}`, severity: 'info',
        title: `${f.model} could do your ${taskType} requests for less`,
        detail: `${f.model} scores ${f.quality.toFixed(1)}/10 against ${cur.model}'s ${cur.quality.toFixed(1)} on ${taskType} ` +
          `(${f.n} rated requests, confidence ${confidence.toFixed(2)}) at $${r4(perRequest)} less a request: about ` +
          `$${r2(saving)} a month at your ${used.n} requests of the last 30 days.`,
        evidence: { taskType, usedModel: cur.model, cheaperModel: f.model, usedQuality: r2(cur.quality),
          cheaperQuality: r2(f.quality), confidence: r2(confidence), savingPerRequestUsd: r4(perRequest),
          monthlyRequests: used.n, monthlySavingUsd: r2(saving), sources: sourcesText(f) },
      } });
    }
  }
  return out.sort((a, b) => b.saving - a.saving).map((o) => o.insight);
}

const sourcesText = (f: RouteFigure): string =>
  Object.entries(f.sources).sort((a, b) => b[1] - a[1]).map(([s, n]) => `${s} ${n}`).join(', ');

/** Seed 004's monitoring alerts. */
export function learningAlerts(state: RoutingState): Insight[] {
  const out: Insight[] = [];
  for (const a of state.adjustments) {
    if (Math.abs(a.factor - 1) <= LARGE_ADJUSTMENT) continue;
    out.push({ id: `large-adjustment:${a.parameter}`, severity: 'alert', title: `Token estimates for ${a.complexity} requests are far off`,
      detail: `${a.direction === 'input' ? 'Input' : 'Output'} tokens of ${a.complexity} requests run at ${a.factor.toFixed(2)}x the estimate ` +
        `(${a.n} requests, confidence ${a.confidence.toFixed(2)}); later estimates use that factor.`,
      evidence: { parameter: a.parameter, factor: r2(a.factor), n: a.n, confidence: r2(a.confidence) } });
  }
  for (const f of state.figures) {
    const sd = f.qualityStd * EMA_SD_FACTOR;
    if (f.n < MIN_DEGRADATION_N || !(sd > 0) || f.quality >= f.qualityMean - 2 * sd) continue;
    out.push({ id: `model-degraded:${f.taskType}:${f.model}`, severity: 'alert', title: `${f.model} is doing worse on ${f.taskType}`,
      detail: `Recent quality ${f.quality.toFixed(1)}/10 is below its mean ${f.qualityMean.toFixed(1)} minus two standard deviations ` +
        `of the average (${sd.toFixed(2)}), over ${f.n} rated requests.`,
      evidence: { model: f.model, taskType: f.taskType, quality: r2(f.quality), mean: r2(f.qualityMean), sd: r2(sd), n: f.n } });
  }
  for (const t of state.tests) {
    if (t.state !== 'running') continue;
    const d = decideTest(t, t.samples);
    if (!d.decided || !d.winner) continue;
    out.push({ id: `ab-significant:${t.id}`, severity: 'alert', title: `A/B test "${t.name}" has a winner: ${d.winner}`,
      detail: `${d.winner === 'treatment' ? t.treatment : t.control} wins on ${d.metric === 'quality' ? 'quality' : 'quality per dollar'} ` +
        `(p = ${(d.pValue ?? 0).toFixed(4)}, ${d.control.n} control and ${d.treatment.n} treatment samples); make it the default?`,
      evidence: { test: t.id, winner: d.winner, pValue: r4(d.pValue ?? 0), control: d.control.n, treatment: d.treatment.n, metric: d.metric } });
  }
  return out;
}
