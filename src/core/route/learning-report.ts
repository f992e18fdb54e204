/**
 * "Generate Learning Report" (seed 004's learning report): markdown listing what routing learned per task type,
 * the adjustments made with their confidence, the fallbacks that worked, running and decided A/B tests, and the
 * recommendations and alerts (`advice.ts`). Pure: `now` is passed in.
 */
import type { RoutingState } from './state';
import { routeConfidence } from './router';
import { cheaperModels, learningAlerts } from './advice';
import { decideTest } from './ab-test';
import { CAPABILITIES_DATE } from './capabilities';

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const fmt = (x: number | null, d = 2): string => (x === null ? '-' : x.toFixed(d));

function figuresSection(state: RoutingState): string[] {
  if (state.figures.length === 0) return ['No model has a figure yet: routing uses the cold-start table ' +
    `(reviewed ${CAPABILITIES_DATE}) until requests are recorded or imported.`];
  const rows = [...state.figures].sort((a, b) => a.taskType.localeCompare(b.taskType) || b.quality - a.quality);
  return ['| Task type | Model | Rated | Quality /10 | Success | Latency ms | Cost/request | Confidence | Sources |',
    '|---|---|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map((f) => `| ${cell(f.taskType)} | ${cell(f.model)} | ${f.n} | ${f.n > 0 ? f.quality.toFixed(1) : '-'} | ` +
      `${f.successN > 0 ? `${Math.round(f.success * 100)}%` : '-'} | ${fmt(f.latencyMs, 0)} | ` +
      `${f.costUsd === null ? 'unknown' : `$${f.costUsd.toFixed(4)}`} | ${routeConfidence(f.n).toFixed(2)} | ` +
      `${cell(Object.entries(f.sources).map(([s, n]) => `${s} ${n}`).join(', '))} |`)];
}

function adjustmentsSection(state: RoutingState): string[] {
  if (state.adjustments.length === 0) return ['None: token estimates were within 15% of the actual counts, or too few were compared.'];
  return ['| Parameter | Factor | Requests | Confidence | Reason |', '|---|---:|---:|---:|---|',
    ...[...state.adjustments].sort((a, b) => b.ts - a.ts)
      .map((a) => `| ${a.parameter} | ${a.factor.toFixed(2)} | ${a.n} | ${a.confidence.toFixed(2)} | ${cell(a.reason)} |`)];
}

function fallbacksSection(state: RoutingState): string[] {
  if (state.fallbacks.length === 0) return ['No fallback was needed yet.'];
  return ['| After | of | Fell back to | Tries | Succeeded |', '|---|---|---|---:|---:|',
    ...state.fallbacks.map((f) => `| ${f.failure} | ${cell(f.from)} | ${cell(f.to)} | ${f.tries} | ${f.successes} |`)];
}

function testsSection(state: RoutingState): string[] {
  if (state.tests.length === 0) return ['No A/B test defined.'];
  return state.tests.map((t) => {
    const d = decideTest(t, t.samples);
    const status = t.state === 'running' ? (d.decided ? `significant, ${d.winner} wins` : d.note) : t.state;
    return `- **${cell(t.name)}** (${t.kind}): control "${cell(t.control)}" vs treatment "${cell(t.treatment)}", ` +
      `${Math.round(t.ratio * 100)}% control, ${d.control.n}/${d.treatment.n} samples (min ${t.minSamples}), metric ${d.metric}` +
      `${d.pValue === undefined ? '' : `, p = ${d.pValue.toFixed(4)}`}: ${status}.`;
  });
}

/** The report's markdown. */
export function learningReport(state: RoutingState, now: number = state.asOf): string {
  const advice = [...learningAlerts(state), ...cheaperModels(state)];
  return [
    '# Learning report', '', `Generated ${new Date(now).toISOString()}. Everything here comes from this machine's store.`, '',
    '## Learned performance by task type', '', ...figuresSection(state), '',
    '## Adjustments made', '', ...adjustmentsSection(state), '',
    '## Fallbacks', '', ...fallbacksSection(state), '',
    '## A/B tests', '', ...testsSection(state), '',
    '## Recommendations and alerts', '',
    ...(advice.length === 0 ? ['Nothing to recommend yet.'] : advice.map((i) => `- **${cell(i.title)}**: ${cell(i.detail)}`)),
    '',
  ].join('\n');
}
