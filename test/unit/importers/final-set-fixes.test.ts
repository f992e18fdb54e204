import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { collect } from './helpers';
import { UNLICENSED } from './real-logs';

/**
 * Defects the first run over the "final" half of the real set showed (SOURCE.md): after that run those
 * files were used to fix them, so they are no longer held out. Skipped when the fetched files are absent.
 */
function real(ctx: Mocha.Context, ...parts: string[]): string {
  const path = join(UNLICENSED, ...parts);
  if (!existsSync(path)) ctx.skip();
  return path;
}

describe('defects found on the final half of the real set', () => {
  it('Claude Code: a prompt no API message answered (".", then the real request) is still a request', async function () {
    const c = await collect(real(this, 'claude-code', 'patent-platform-backend', 'e827650c-0d38-4ecf-8575-2f75aaf959bc.jsonl'), 'claude-code');
    const prompts = c.interactions.filter((e) => e.promptChars !== undefined);
    assert.equal(prompts.length, 5);
    assert.deepEqual([prompts[0].promptChars, prompts[0].responseChars, prompts[0].model], [1, 0, undefined]);
  });

  it("Codex: an injected <turn_aborted> notice is not the user's prompt", async function () {
    const c = await collect(real(this, 'codex', 'rollout-2026-04-08T22-02-46-019d6d67-1952-7e83-93ef-94497e3c15b6.jsonl'), 'codex');
    assert.equal(c.interactions.length, 3);
  });

  it('Copilot: requests kept as {timestamp, prompt, completion} without requestId are imported', async function () {
    const c = await collect(real(this, 'copilot', 'orbital-clash-copilot-chat.json'), 'copilot-session-json');
    assert.equal(c.interactions.length, 44);
    assert.ok(c.interactions.every((e) => (e.promptChars ?? 0) > 0 && (e.responseChars ?? 0) > 0));
    assert.equal(new Set(c.interactions.map((e) => e.id)).size, 44);
  });
});
