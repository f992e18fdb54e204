import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EDGE, FIXTURES, QUIET, collect, withTmp } from './helpers';
import type { ImportFormat } from '../../../src/core/importers/types';
import { rng } from '../../../src/core/util/random';

/** Values of the wrong type or of absurd size, put in place of a field's own. */
const HOSTILE: unknown[] = [null, -1, -1e9, 1e308, 'NaN', '12', [], [1, 2], {}, { $len: -5 }, true, '', 'x'.repeat(5000), 4294967295];

/** Replaces about one leaf in five of `value` (a parsed log value) by a hostile one. */
function mangle(value: unknown, rand: () => number): unknown {
  if (Array.isArray(value)) return value.map((v) => mangle(v, rand));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = rand() < 0.2 ? HOSTILE[Math.floor(rand() * HOSTILE.length)] : mangle(v, rand);
    return out;
  }
  return value;
}

const FILES: [string, ImportFormat, 'lines' | 'document'][] = [
  [join(EDGE, 'copilot-cli-resumed.jsonl'), 'copilot-cli', 'lines'],
  [join(FIXTURES, 'copilot-cli-session-events.jsonl'), 'copilot-cli', 'lines'],
  [join(FIXTURES, 'amp-threads', 'T-019ca1ce-3ae2-7686-a41e-ccc078837f8a.json'), 'amp', 'document'],
  [join(FIXTURES, 'amp-threads', 'T-019ca1f6-7f21-77b5-a308-65416ebbdf48.json'), 'amp', 'document'],
];

describe('Copilot CLI and Amp importers under wrong types and absurd values (fixed seed)', () => {
  it('never throw, keep every stored figure finite and in range, and count what they reject', async () => {
    const rand = rng(20261202);
    let runs = 0;
    let rejected = 0;
    let records = 0;
    await withTmp(async (dir) => {
      for (const [path, format, shape] of FILES) {
        const text = await readFile(path, 'utf8');
        for (let i = 0; i < 25; i++) {
          const body = shape === 'document'
            ? JSON.stringify(mangle(JSON.parse(text), rand))
            : text.split('\n').filter((l) => l.trim() !== '').map((l) => { try { return JSON.stringify(mangle(JSON.parse(l), rand)); } catch { return l; } }).join('\n') + '\n';
          const target = join(dir, `${runs}-${path.split('/').pop()!}`);
          await writeFile(target, body);
          const c = await collect(target, format, QUIET);
          for (const e of c.interactions) {
            assert.ok(Number.isFinite(e.ts));
            for (const k of ['tokensIn', 'tokensOut', 'cacheReadTokens', 'cacheWriteTokens', 'reasoningTokens', 'costUsd', 'latencyMs', 'linesEdited'] as const) {
              const v = e[k];
              assert.ok(v === undefined || (Number.isFinite(v) && v >= 0 && v < 1e15), `${k} = ${String(v)}`);
            }
            assert.equal(typeof e.id, 'string');
          }
          records += c.result.records;
          rejected += Object.values(c.result.rejected).reduce((a: number, b) => a + (b ?? 0), 0);
          runs++;
        }
      }
    });
    assert.equal(runs, FILES.length * 25);
    assert.ok(records > 0, 'records survive');
    assert.ok(rejected > 0, `absurd values rejected and counted (${rejected})`);
  });
});
