import assert from 'node:assert/strict';
import { toMs } from '../../../src/core/importers/parse-util';

/*
 * toMs reads the common ISO form digit by digit instead of calling Date.parse. The oracle is Date.parse itself,
 * on every day of four years, random times, and the edge values where a hand-written reader could differ.
 */
function expected(s: string): number | undefined {
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : ms;
}

describe('toMs on ISO times', () => {
  it('equals Date.parse on every day of 2023-2026 at random times, with and without milliseconds', () => {
    let seed = 7;
    const next = (m: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % m;
    };
    const p2 = (x: number): string => String(x).padStart(2, '0');
    for (let t = Date.UTC(2023, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
      const d = new Date(t);
      const date = `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
      const time = `${p2(next(24))}:${p2(next(60))}:${p2(next(60))}`;
      for (const s of [`${date}T${time}Z`, `${date}T${time}.${String(next(1000)).padStart(3, '0')}Z`]) assert.equal(toMs(s), expected(s), s);
    }
  });

  it('equals Date.parse on edge and malformed values', () => {
    const cases = ['2026-02-29T00:00:00Z', '2026-02-30T00:00:00Z', '2024-02-29T23:59:59.999Z', '2026-11-20T24:00:00Z', '2026-11-20T23:59:60Z',
      '2026-13-01T00:00:00Z', '2026-00-10T00:00:00Z', '2026-11-00T00:00:00Z', '0026-11-20T09:14:05Z', '0999-01-01T00:00:00.000Z',
      '2026-11-20T09:14:05.1Z', '2026-11-20T09:14:05.123456Z', '2026-11-20T09:14:05+02:00', '2026-11-20T09:14:05.123', '2026-11-20 09:14:05Z',
      '2026-1a-20T09:14:05Z', '2026-11-20T09:14:05.12aZ', '2026/11/20T09:14:05Z', '2026-11-20T9:14:05.000Z', '+002026-11-20T09:14:05Z'];
    for (const s of cases) assert.equal(toMs(s), expected(s), s);
  });
});
