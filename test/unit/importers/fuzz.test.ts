import assert from 'node:assert/strict';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EDGE, FIXTURES, QUIET, collect, withTmp } from './helpers';
import type { ImportFormat } from '../../../src/core/importers/types';
import { rng } from '../../../src/core/util/random';


type Mutation = 'truncate' | 'flip' | 'splice';

function corrupt(data: Buffer, how: Mutation, rand: () => number): Buffer {
  const at = Math.floor(rand() * data.length);
  if (how === 'truncate') return data.subarray(0, at);
  if (how === 'flip') {
    const out = Buffer.from(data);
    for (let i = 0; i < 8; i++) out[Math.floor(rand() * out.length)] ^= 1 << Math.floor(rand() * 8);
    return out;
  }
  const garbage = Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 64) }, () => Math.floor(rand() * 256)));
  return Buffer.concat([data.subarray(0, at), garbage, data.subarray(at)]);
}

const FILES: [string, ImportFormat][] = [
  [join(FIXTURES, 'claude-code-transcript.jsonl'), 'claude-code'],
  [join(FIXTURES, 'copilot-chat-session-v3.json'), 'copilot-session-json'],
  [join(FIXTURES, 'copilot-chat-session-mutation-log.jsonl'), 'copilot-mutation-log'],
  [join(FIXTURES, 'copilot-chat-transcript-events.jsonl'), 'copilot-transcript'],
  [join(FIXTURES, 'codex-rollout.jsonl'), 'codex'],
  [join(FIXTURES, 'aider-chat-history-v0.86.md'), 'aider'],
  [join(EDGE, 'claude-edge.jsonl'), 'claude-code'],
  [join(EDGE, 'codex-edge.jsonl'), 'codex'],
  [join(EDGE, 'aider-old-v0.47.md'), 'aider'],
  [join(EDGE, 'aider-new.md'), 'aider'],
  [join(FIXTURES, 'copilot-cli-session-events.jsonl'), 'copilot-cli'],
  [join(EDGE, 'copilot-cli-resumed.jsonl'), 'copilot-cli'],
  [join(FIXTURES, 'amp-threads', 'T-019ca1ce-3ae2-7686-a41e-ccc078837f8a.json'), 'amp'],
  [join(FIXTURES, 'gemini', 'home', '.gemini', 'tmp', 'shop-api', 'chats', 'session-2026-11-20T09-14-5b1f0c2e.jsonl'), 'gemini-cli'],
  [join(FIXTURES, 'gemini', 'home', '.gemini', 'tmp', 'shop-api', 'chats', 'session-2026-11-20T09-14-5b1f0c2e.json'), 'gemini-cli'],
  [join(FIXTURES, 'gemini', 'git-ai-gemini-session-simple.jsonl'), 'gemini-cli'],
  [join(FIXTURES, 'cline', 'home', '.config', 'Code', 'User', 'globalStorage', 'saoudrizwan.claude-dev', 'tasks', '1763712000000', 'ui_messages.json'), 'cline'],
  [join(FIXTURES, 'cline', 'home', '.config', 'VSCodium', 'User', 'globalStorage', 'rooveterinaryinc.roo-cline', 'tasks', '0193a7c2-5b1e-7d4f-9a3c-2e8f6b1d4c70', 'ui_messages.json'), 'roo-code'],
];

describe('importers under corruption (fixed seed)', () => {
  it('never throw on truncated, bit-flipped or garbage-spliced copies of every fixture, and count skips', async () => {
    const continueFiles = (await readdir(join(EDGE, 'continue-0.2.0'))).map((f): [string, ImportFormat] => [join(EDGE, 'continue-0.2.0', f), 'continue']);
    const rand = rng(20251121);
    let runs = 0;
    let skipped = 0;
    await withTmp(async (dir) => {
      for (const [path, format] of [...FILES, ...continueFiles]) {
        const data = await readFile(path);
        for (const how of ['truncate', 'flip', 'splice'] as const) {
          for (let i = 0; i < 6; i++) {
            const target = join(dir, `${runs}-${path.split('/').pop()!}`);
            await writeFile(target, corrupt(data, how, rand));
            const c = await collect(target, format, QUIET);
            for (const e of c.interactions) {
              assert.ok(Number.isFinite(e.ts), 'every record keeps a finite timestamp');
              assert.ok(e.costUsd === undefined || Number.isFinite(e.costUsd));
            }
            skipped += Object.values(c.result.skipped).reduce((a, b) => a + b, 0);
            runs++;
          }
        }
      }
    });
    assert.equal(runs, (FILES.length + continueFiles.length) * 18);
    assert.ok(skipped > runs / 3, `skips counted (${skipped} over ${runs} runs)`);
  });
});
