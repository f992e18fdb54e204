import { costUsd } from '../learn/pricing';
import type { PricingOverrides } from '../learn/pricing-overrides';
import { arr, figure, obj, str } from './parse-util';
import type { Json } from './parse-util';

/**
 * Copilot CLI's `session.shutdown` totals. `modelMetrics` maps each model to `usage{inputTokens, outputTokens,
 * cacheReadTokens, cacheWriteTokens, reasoningTokens}` summed over the session so far: a resumed session appends
 * another shutdown whose totals include the earlier runs', so a run's own usage is the increase over the
 * previous shutdown of the same file. `inputTokens` counts the whole prompt (cache reads and writes inside it,
 * as in the per-request `assistant.usage` events the CLI does not persist); `input` here is the uncached rest.
 */
export interface ModelUsage {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  reasoning: number;
}

/** Cumulative figures of one shutdown. */
export interface ShutdownTotals {
  models: Map<string, ModelUsage>;
  linesAdded: number;
  files: Set<string>;
  currentModel?: string;
}

const ZERO: ModelUsage = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0 };

/**
 * Reads a shutdown's totals. A field that is not a number is 0; an absurd one (negative, non-finite) is kept
 * as written so that the record's bounds check rejects and counts it instead of it vanishing.
 */
export function readShutdown(data: Json): ShutdownTotals {
  const models = new Map<string, ModelUsage>();
  const metrics = obj(data.modelMetrics) ?? {};
  for (const [model, m] of Object.entries(metrics)) {
    const u = obj(obj(m)?.usage);
    if (u === undefined) continue;
    const whole = figure(u.inputTokens) ?? 0;
    const cacheRead = figure(u.cacheReadTokens) ?? 0;
    const cacheWrite = figure(u.cacheWriteTokens) ?? 0;
    // Older builds may report the uncached prompt alone: never subtract below zero.
    const input = whole >= cacheRead + cacheWrite ? whole - cacheRead - cacheWrite : whole;
    models.set(model, { input, output: figure(u.outputTokens) ?? 0, cacheRead, cacheWrite, reasoning: figure(u.reasoningTokens) ?? 0 });
  }
  const changes = obj(data.codeChanges);
  const files = new Set(arr(changes?.filesModified).map((f) => str(f)).filter((f): f is string => f !== undefined));
  return { models, linesAdded: figure(changes?.linesAdded) ?? 0, files, currentModel: str(data.currentModel) };
}

/** What one run added over the previous shutdown (everything, for the first); a counter that went down restarts. */
export function runDelta(now: ShutdownTotals, before: ShutdownTotals | undefined): ShutdownTotals {
  const models = new Map<string, ModelUsage>();
  for (const [model, u] of now.models) {
    const b = before?.models.get(model) ?? ZERO;
    const d = (k: keyof ModelUsage): number => (u[k] >= b[k] ? u[k] - b[k] : u[k]);
    const delta = { input: d('input'), output: d('output'), cacheRead: d('cacheRead'), cacheWrite: d('cacheWrite'), reasoning: d('reasoning') };
    if (Object.values(delta).some((v) => v !== 0)) models.set(model, delta);
  }
  const lines = before === undefined || now.linesAdded < before.linesAdded ? now.linesAdded : now.linesAdded - before.linesAdded;
  const files = new Set([...now.files].filter((f) => before?.files.has(f) !== true));
  return { models, linesAdded: lines, files, currentModel: now.currentModel };
}

/** A run's usage summed over its models, priced per model by the shared catalogue (unknown when any model is unpriced). */
export interface RunUsage extends ModelUsage {
  costUsd?: number;
  /** The model that used most tokens: the one the record names. */
  mainModel?: string;
}

export function sumRun(delta: ShutdownTotals, at: number, overrides?: PricingOverrides): RunUsage | undefined {
  if (delta.models.size === 0) return undefined;
  const total: RunUsage = { ...ZERO, costUsd: 0 };
  let most = -1;
  for (const [model, u] of delta.models) {
    for (const k of Object.keys(ZERO) as (keyof ModelUsage)[]) total[k] += u[k];
    const cost = costUsd(model, { input: u.input, output: u.output, cacheRead: u.cacheRead, cacheWrite: u.cacheWrite }, overrides, at);
    total.costUsd = cost === undefined || total.costUsd === undefined ? undefined : total.costUsd + cost;
    const size = u.input + u.output + u.cacheRead + u.cacheWrite;
    if (size > most) {
      most = size;
      total.mainModel = model;
    }
  }
  return total;
}
