import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AiInteractionEvent } from '../../../src/core/model/events';
import { rng } from '../../../src/core/util/random';
import { FIXTURES, QUIET, collect, withTmp } from './helpers';

/**
 * Kiro and Copilot CLI's OpenTelemetry export under corruption of either of its two files (the log and the session file beside it): truncated, bit-flipped,
 * garbage spliced in, and fields replaced by values of the wrong type or absurd size. Fixed seed.
 */
const SID = '3f5b8a3e-8c1d-4f5e-9a42-6b7e0c9d1a20';
const SESSIONS = join(FIXTURES, 'kiro', 'home', '.kiro', 'sessions');
const PAIRS: [string, string][] = [
  [join(SESSIONS, 'cli', `${SID}.jsonl`), join(SESSIONS, 'cli', `${SID}.json`)],
  [join(SESSIONS, '7d0c2f4e-ide-0001', 'messages.jsonl'), join(SESSIONS, '7d0c2f4e-ide-0001', 'session.json')],
];
const HOSTILE: unknown[] = [null, -1, -1e9, 1e308, 'NaN', '12', [], [1, 2], {}, true, '', 'x'.repeat(5000), 4294967295, Number.POSITIVE_INFINITY];

function damage(data: Buffer, how: number, rand: () => number): Buffer {
  const at = Math.floor(rand() * data.length);
  if (how === 0) return data.subarray(0, at);
  if (how === 1) {
    const out = Buffer.from(data);
    for (let i = 0; i < 8; i++) out[Math.floor(rand() * out.length)] ^= 1 << Math.floor(rand() * 8);
    return out;
  }
  return Buffer.concat([data.subarray(0, at), Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 64) }, () => Math.floor(rand() * 256))), data.subarray(at)]);
}

function hostile(value: unknown, rand: () => number): unknown {
  if (Array.isArray(value)) return value.map((v) => hostile(v, rand));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rand() < 0.2 ? HOSTILE[Math.floor(rand() * HOSTILE.length)] : hostile(v, rand)]));
}

function assertSane(events: AiInteractionEvent[]): void {
  for (const e of events) {
    assert.ok(Number.isFinite(e.ts) && e.ts > 0, 'a finite time');
    for (const k of ['tokensIn', 'tokensOut', 'cacheReadTokens', 'cacheWriteTokens', 'costUsd', 'latencyMs', 'firstTokenMs', 'toolCalls'] as const) {
      const v = e[k];
      assert.ok(v === undefined || (Number.isFinite(v) && v >= 0 && v < 1e15), `${k} = ${String(v)}`);
    }
  }
}

describe('Kiro and Copilot OTel importers under corruption and hostile values (fixed seed)', () => {
  it('Kiro: never throws, keeps every stored figure finite and in range, and counts what it skips and rejects', async () => {
    const rand = rng(20261203);
    let runs = 0;
    let skipped = 0;
    let rejected = 0;
    let records = 0;
    await withTmp(async (dir) => {
      for (const [log, meta] of PAIRS) {
        const [logBytes, metaBytes] = [await readFile(log), await readFile(meta)];
        for (let i = 0; i < 24; i++) {
          const at = join(dir, String(runs), 'cli');
          await mkdir(at, { recursive: true });
          const target = join(at, `${SID}.jsonl`);
          const which = i % 4;
          let logOut: Buffer | string = logBytes;
          let metaOut: Buffer | string = metaBytes;
          if (which === 0) logOut = damage(logBytes, i % 3, rand);
          else if (which === 1) metaOut = damage(metaBytes, i % 3, rand);
          else if (which === 2) metaOut = JSON.stringify(hostile(JSON.parse(metaBytes.toString('utf8')), rand));
          else logOut = logBytes.toString('utf8').split('\n').filter((l) => l !== '').map((l) => JSON.stringify(hostile(JSON.parse(l), rand))).join('\n') + '\n';
          await writeFile(target, logOut);
          await writeFile(join(at, `${SID}.json`), metaOut);
          const c = await collect(target, 'kiro', QUIET);
          assertSane(c.interactions);
          skipped += Object.values(c.result.skipped).reduce((a, b) => a + b, 0);
          rejected += Object.values(c.result.rejected).reduce((a: number, b) => a + (b ?? 0), 0);
          records += c.result.records;
          runs++;
        }
      }
    });
    assert.equal(runs, 48);
    assert.ok(records > runs, `records survive (${records})`);
    assert.ok(skipped > runs / 4, `skips counted (${skipped})`);
    assert.ok(rejected > 0, `absurd values rejected and counted (${rejected})`);
  });

  it('Copilot OTel export: never throws, keeps figures finite and in range, counts skips and rejections', async () => {
    const rand = rng(20261204);
    const bytes = await readFile(join(FIXTURES, 'copilot-otel', 'home', '.copilot', 'otel', 'copilot-otel-20260512.jsonl'));
    let skipped = 0;
    let rejected = 0;
    let records = 0;
    await withTmp(async (dir) => {
      for (let i = 0; i < 24; i++) {
        const target = join(dir, `${i}.jsonl`);
        const lines = bytes.toString('utf8').split('\n').filter((l) => l !== '');
        const body = i % 4 === 3
          ? lines.map((l) => { try { return JSON.stringify(hostile(JSON.parse(l), rand)); } catch { return l; } }).join('\n') + '\n'
          : damage(bytes, i % 3, rand);
        await writeFile(target, body);
        const c = await collect(target, 'copilot-otel', QUIET);
        assertSane(c.interactions);
        for (const t of c.tools) assert.ok(t.durationMs === undefined || (Number.isFinite(t.durationMs) && t.durationMs >= 0));
        skipped += Object.values(c.result.skipped).reduce((a, b) => a + b, 0);
        rejected += Object.values(c.result.rejected).reduce((a: number, b) => a + (b ?? 0), 0);
        records += c.result.records;
      }
    });
    assert.ok(records > 24, `records survive (${records})`);
    assert.ok(skipped > 24, `skips counted (${skipped})`);
    assert.ok(rejected > 0, `absurd values rejected and counted (${rejected})`);
  });
});
