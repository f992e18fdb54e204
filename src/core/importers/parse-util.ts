/** Small, total helpers for reading untyped JSON from other tools' logs: they never throw. */

export type Json = Record<string, unknown>;

/** Parses one line; `undefined` for anything that is not a JSON object. */
export function parseObject(line: string): Json | 'not_json' | 'not_object' {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'not_json';
  }
  return isObject(value) ? value : 'not_object';
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function obj(value: unknown): Json | undefined {
  return isObject(value) ? value : undefined;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A finite, non-negative number, else undefined. */
export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * Any number as the log wrote it (negative, huge or Infinity from `1e400` included), else undefined: for
 * figures that `value-bounds.ts` checks, so an absurd value is rejected and counted instead of vanishing.
 */
export function figure(value: unknown): number | undefined {
  return typeof value === 'number' && !Number.isNaN(value) ? value : undefined;
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** ISO strings or epoch numbers (seconds or milliseconds) to integer ms; undefined when unreadable. */
export function toMs(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    return Math.round(value < 1e11 ? value * 1000 : value);
  }
  if (typeof value === 'string' && value.length >= 10) {
    const ms = isoUtcMs(value) ?? Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/**
 * `Date.parse` of the one form nearly every log writes, `2026-11-20T09:14:05.123Z` (or without `.123`), read digit
 * by digit: Date.parse costs ~0.5 us, a tenth of a short log line's whole import. Undefined for anything else,
 * and for values where the two could differ (years before 1000, days past the 28th, hour 24), which go to Date.parse.
 */
function isoUtcMs(v: string): number | undefined {
  const n = v.length;
  if ((n !== 20 && n !== 24) || v.charCodeAt(n - 1) !== 90 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45
    || v.charCodeAt(10) !== 84 || v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58 || (n === 24 && v.charCodeAt(19) !== 46)) return undefined;
  const year = digits(v, 0, 4);
  const month = digits(v, 5, 2);
  const day = digits(v, 8, 2);
  const hour = digits(v, 11, 2);
  const minute = digits(v, 14, 2);
  const second = digits(v, 17, 2);
  const milli = n === 24 ? digits(v, 20, 3) : 0;
  // NaN (a non-digit) fails every comparison below.
  if (!(year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= 28 && hour <= 23 && minute <= 59 && second <= 59 && milli >= 0)) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second, milli);
}

/** The decimal number of `count` digits at `from`; NaN when one is not a digit. */
function digits(v: string, from: number, count: number): number {
  let x = 0;
  for (let i = from; i < from + count; i++) {
    const c = v.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    x = x * 10 + c;
  }
  return x;
}

/** Lines in an inserted text (0 for empty). */
export function countLines(text: string): number {
  if (text.length === 0) return 0;
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Adds a number to an optional running total. */
export function add(total: number | undefined, value: number | undefined): number | undefined {
  return value === undefined ? total : (total ?? 0) + value;
}

/**
 * A copy of `value` without the keys whose value is undefined (the journal never stores `undefined`). A copy
 * rather than `delete` in place, which turns the record into a slower dictionary-mode object for every later step
 * (the bounds check, the store's serialisation).
 */
export function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const v = value[key];
    if (v !== undefined) out[key] = v;
  }
  return out as T;
}
