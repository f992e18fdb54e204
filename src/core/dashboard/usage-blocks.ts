/**
 * Claude Code's five-hour usage windows, computed from the imported requests the way ccusage's `blocks`
 * report computes them (ryoppippi/ccusage, `src/_session-blocks.ts`, read for this rule; no code taken):
 *
 * - requests are taken oldest first; the first one opens a window that starts at its time floored to the
 *   whole UTC hour and ends five hours later;
 * - a request joins the open window unless it comes more than five hours after the window's start, or more
 *   than five hours after the window's last request: then the window closes and the request opens a new one
 *   (again floored to its UTC hour);
 * - a window is active when its last request is less than five hours old and it has not ended yet; it resets
 *   (the next request opens a new window) at its end;
 * - its burn rate is (input + output tokens) per minute and cost per hour between its first and last request
 *   (none when they coincide); its projection adds that rate over the minutes left until its end.
 *
 * Pure: the caller passes `now`. A window's figures are exact only when the walk starts at a window start,
 * so `windowsFrom` is given where one is known (`firstWindowStart`).
 */
import type { TimeCostResult } from '../store/time-cost-queries';

export const WINDOW_MS = 5 * 3_600_000;
const HOUR_MS = 3_600_000;

type Request = TimeCostResult['requestsSince'][number];

export interface UsageWindow {
  startTs: number;
  /** `startTs` + five hours: when the window resets. */
  endTs: number;
  firstTs: number;
  lastTs: number;
  requests: number;
  tokensIn: number;
  tokensOut: number;
  cacheRead: number;
  cacheWrite: number;
  /** Sum of the known prices; `pricedN` says how many requests had one. */
  costUsd: number;
  pricedN: number;
  models: string[];
  active: boolean;
}

export interface WindowProjection {
  tokensPerMinute: number;
  costPerHour: number;
  /** Input + output tokens and cost at the window's end if the burn rate holds. */
  tokensAtEnd: number;
  costAtEnd: number;
  minutesLeft: number;
}

/**
 * The index of the first request that certainly opens a window: the first one after a gap of more than five
 * hours (from the previous request, or from `sinceTs` when nothing earlier was fetched). Undefined when the
 * fetched requests have no such gap (the walk would have to start earlier to be exact).
 */
export function firstWindowStart(rows: readonly Request[], sinceTs: number): number | undefined {
  for (let i = 0; i < rows.length; i++) {
    const prev = i === 0 ? sinceTs : rows[i - 1].ts;
    if (rows[i].ts - prev > WINDOW_MS) return i;
  }
  return undefined;
}

const floorHour = (ts: number): number => Math.floor(ts / HOUR_MS) * HOUR_MS;

/** The five-hour windows of `rows` (oldest first; gaps between windows are not listed). */
export function usageWindows(rows: readonly Request[], now: number): UsageWindow[] {
  const out: UsageWindow[] = [];
  let cur: UsageWindow | undefined;
  for (const r of [...rows].sort((a, b) => a.ts - b.ts)) {
    if (cur && (r.ts - cur.startTs > WINDOW_MS || r.ts - cur.lastTs > WINDOW_MS)) cur = undefined;
    if (!cur) {
      const startTs = floorHour(r.ts);
      cur = { startTs, endTs: startTs + WINDOW_MS, firstTs: r.ts, lastTs: r.ts, requests: 0, tokensIn: 0, tokensOut: 0,
        cacheRead: 0, cacheWrite: 0, costUsd: 0, pricedN: 0, models: [], active: false };
      out.push(cur);
    }
    cur.lastTs = r.ts;
    cur.requests++;
    cur.tokensIn += r.tokensIn;
    cur.tokensOut += r.tokensOut;
    cur.cacheRead += r.cacheRead;
    cur.cacheWrite += r.cacheWrite;
    if (r.costUsd !== null) {
      cur.costUsd += r.costUsd;
      cur.pricedN++;
    }
    if (r.model && !cur.models.includes(r.model)) cur.models.push(r.model);
  }
  for (const w of out) w.active = now - w.lastTs < WINDOW_MS && now < w.endTs;
  return out;
}

/** Burn rate and projection of an active window (undefined when inactive or its requests span no time). */
export function windowProjection(w: UsageWindow, now: number): WindowProjection | undefined {
  const minutes = (w.lastTs - w.firstTs) / 60_000;
  if (!w.active || minutes <= 0) return undefined;
  const tokensPerMinute = (w.tokensIn + w.tokensOut) / minutes;
  const costPerHour = (w.costUsd / minutes) * 60;
  const minutesLeft = Math.max(0, (w.endTs - now) / 60_000);
  return {
    tokensPerMinute, costPerHour, minutesLeft,
    tokensAtEnd: w.tokensIn + w.tokensOut + tokensPerMinute * minutesLeft,
    costAtEnd: w.costUsd + (costPerHour / 60) * minutesLeft,
  };
}
