import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collect, sum, withTmp } from './helpers';
import { REAL } from './real-logs';

const OLD = join(REAL, 'continue', 'resources-for-cs-student');

/** Issue 10, cause 5: Continue's layouts before `0.x.0/` folders, read from a real (MIT) dev_data folder. */
describe("Continue's older dev_data layout", () => {
  it('imports every undated tokens_generated.jsonl record, dated from the file and marked estimated, repeats kept', async () => {
    const path = join(OLD, 'tokens_generated.jsonl');
    const records = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as { promptTokens: number; generatedTokens: number; timestamp?: unknown; eventName?: unknown });
    assert.ok(records.every((r) => r.timestamp === undefined && r.eventName === undefined));
    assert.ok(new Set(records.map((r) => JSON.stringify(r))).size < records.length, 'the file repeats identical records');
    const c = await collect(path, 'continue');
    assert.equal(c.interactions.length, records.length);
    assert.equal(new Set(c.interactions.map((e) => e.id)).size, records.length, 'repeats are not deduplicated away');
    assert.equal(sum(c.interactions, 'tokensIn'), records.reduce((n, r) => n + r.promptTokens, 0));
    assert.equal(sum(c.interactions, 'tokensOut'), records.reduce((n, r) => n + r.generatedTokens, 0));
    const mtime = Math.floor(statSync(path).mtimeMs);
    assert.ok(c.interactions.every((e) => e.ts === mtime && e.tsEstimated === true));
    assert.deepEqual(c.result.skipped, {});
  });

  it('reads the 0.1.0 folder (no timestamps, all estimated) and the oldest autocomplete.jsonl', async () => {
    const tokens = await collect(join(OLD, '0.1.0', 'tokensGenerated.jsonl'), 'continue');
    assert.equal(tokens.interactions.length, 74);
    assert.ok(tokens.interactions.every((e) => e.tsEstimated === true));
    const auto = await collect(join(OLD, 'autocomplete.jsonl'), 'continue');
    assert.equal(auto.interactions.length, 1);
    assert.deepEqual([auto.interactions[0].ts, auto.interactions[0].tsEstimated], [1740903984122, undefined], 'this one has its own time');
  });

  it("keeps a chat's feedback and a tool call's accepted beside succeeded", async () => {
    await withTmp(async (dir) => {
      // No public chat.jsonl with content was found: records in the old chat layout's fields.
      writeFileSync(join(dir, 'chat.jsonl'), `${JSON.stringify({ prompt: 'why does this fail?', completion: 'because', modelTitle: 'gpt-4o', feedback: false })}\n`);
      writeFileSync(join(dir, 'toolUsage.jsonl'), `${JSON.stringify({ eventName: 'toolUsage', timestamp: '2025-08-01T09:00:00Z', toolName: 'run_terminal_command', accepted: false, succeeded: false })}\n`);
      const chat = await collect(join(dir, 'chat.jsonl'), 'continue');
      assert.deepEqual(chat.interactions.map((e) => [e.interaction, e.vote, e.tsEstimated]), [['chat', -1, true]]);
      assert.deepEqual(chat.feedback.map((f) => [f.rating, f.interactionId]), [[1, chat.interactions[0].id]]);
      const tools = await collect(join(dir, 'toolUsage.jsonl'), 'continue');
      assert.deepEqual(tools.tools.map((t) => [t.tool, t.accepted, t.success]), [['run_terminal_command', false, false]]);
    });
  });
});
