import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collect, sum, withTmp } from './helpers';
import { UNLICENSED } from './real-logs';

/** A fetched real file (test/fixtures/ai-logs/real/SOURCE.md); the test is skipped when it is absent. */
function real(ctx: Mocha.Context, tool: string, name: string): string {
  const path = join(UNLICENSED, tool, name);
  if (!existsSync(path)) ctx.skip();
  return path;
}

type Line = { timestamp?: string; type?: string; payload?: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
const lines = (path: string): Line[] => readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Line);
const totals = (l: Line): Record<string, number> | undefined => (l.type === 'event_msg' && l.payload?.type === 'token_count' ? (l.payload.info?.total_token_usage as Record<string, number> | undefined) : undefined);

describe('codex importer on real rollouts (issue 10, causes 1 and 2)', () => {
  it('counts the increase of the cumulative total once: repeated snapshots and info:null add nothing', async function () {
    const path = real(this, 'codex', 'rollout-2026-02-07T09-32-13-019c373a-e799-76a0-839f-1d739e71eefa.jsonl');
    const ls = lines(path);
    const snaps = ls.map(totals).filter((t) => t !== undefined);
    const repeats = snaps.filter((t, i) => i > 0 && JSON.stringify(t) === JSON.stringify(snaps[i - 1])).length;
    assert.ok(repeats >= 10, `the file repeats snapshots (${repeats})`);
    assert.ok(ls.some((l) => l.payload?.type === 'token_count' && l.payload.info === null), 'and has info:null events');
    const final = snaps[snaps.length - 1];
    const c = await collect(path, 'codex');
    assert.equal(sum(c.interactions, 'tokensIn'), final.input_tokens - final.cached_input_tokens);
    assert.equal(sum(c.interactions, 'cacheReadTokens'), final.cached_input_tokens);
    assert.equal(sum(c.interactions, 'tokensOut'), final.output_tokens);
    assert.equal(sum(c.interactions, 'reasoningTokens'), final.reasoning_output_tokens);
    assert.equal(c.interactions.length, 4);
  });

  it('a forked sub-agent rollout: the replayed parent history adds no request, tool call or usage', async function () {
    const path = real(this, 'codex', 'rollout-2026-04-15T11-58-23-019d924b-53f5-78f1-a0d4-69aa13191f54.jsonl');
    const ls = lines(path);
    assert.equal(ls.filter((l) => l.type === 'session_meta').length, 2, 'own meta + the parent meta it replays');
    const c = await collect(path, 'codex');
    // The fork's own usage: its last total (934,023 in, 783,744 cached, 9,040 out, 3,475 reasoning) minus the
    // parent's total at the end of the replay (234,714 / 180,736 / 2,323 / 844), read from the file's snapshots.
    assert.equal(c.interactions.length, 1);
    const [t] = c.interactions;
    assert.deepEqual([t.model, t.tokensIn, t.cacheReadTokens, t.tokensOut, t.reasoningTokens], ['gpt-5.4-mini', 96_301, 603_008, 6_717, 2_631]);
    assert.equal(t.conversation, '019d924b-53f5-78f1-a0d4-69aa13191f54');
    assert.equal(c.tools.length, t.toolCalls);
  });

  it('web_search_call items are tool calls', async function () {
    const path = real(this, 'codex', 'rollout-2026-03-23T19-51-32-019d1d8a-4053-7f93-b610-7061e9b7a152.jsonl');
    const searches = lines(path).filter((l) => l.type === 'response_item' && l.payload?.type === 'web_search_call').length;
    assert.equal(searches, 4);
    const c = await collect(path, 'codex');
    assert.equal(c.tools.filter((t) => t.tool === 'web_search').length, 4);
    assert.equal(sum(c.interactions, 'toolCalls'), c.tools.length);
  });

  it('a pruned rollout (prompts only as event_msg/user_message, no turn_context, no token_count) is a session with its prompts', async function () {
    const source = real(this, 'codex', 'rollout-2026-02-13T04-58-13-019c5526-3753-7dc1-84fb-8e88ea6ab0fb.jsonl');
    // Derived from the real rollout: the pruning keeps the meta, the user_message events and the tool calls.
    const kept = lines(source).filter((l) => l.type === 'session_meta' || l.payload?.type === 'user_message'
      || (l.type === 'response_item' && /call/.test(String(l.payload?.type))));
    const prompts = kept.filter((l) => l.payload?.type === 'user_message').length;
    const toolCalls = kept.filter((l) => l.type === 'response_item' && /^(function|custom_tool|local_shell|web_search)_call$/.test(String(l.payload?.type))).length;
    assert.ok(prompts >= 2 && toolCalls > 10);
    await withTmp(async (dir) => {
      const path = join(dir, 'rollout-pruned.jsonl');
      writeFileSync(path, kept.map((l) => JSON.stringify(l)).join('\n') + '\n');
      const c = await collect(path, 'codex');
      assert.equal(c.interactions.length, prompts);
      assert.equal(new Set(c.interactions.map((i) => i.conversation)).size, 1);
      assert.ok(c.interactions.every((i) => i.model === undefined && i.tokensIn === undefined && i.costUsd === undefined));
      assert.equal(sum(c.interactions, 'toolCalls'), toolCalls, 'every tool run belongs to a prompt: none orphaned');
    });
  });

  it('a total that goes down (a new process on the same file) counts the new total whole', async () => {
    await withTmp(async (dir) => {
      const path = join(dir, 'rollout-reset.jsonl');
      const tok = (ts: string, input: number, out: number) => ({ timestamp: ts, type: 'event_msg', payload: { type: 'token_count', info: { total_token_usage: { input_tokens: input, cached_input_tokens: 0, output_tokens: out, total_tokens: input + out } } } });
      const user = (ts: string, text: string) => ({ timestamp: ts, type: 'event_msg', payload: { type: 'user_message', message: text } });
      const ls = [
        { timestamp: '2026-01-01T00:00:00Z', type: 'session_meta', payload: { id: 's', cli_version: '0.90.0' } },
        user('2026-01-01T00:00:01Z', 'first'), tok('2026-01-01T00:00:02Z', 100, 10), tok('2026-01-01T00:00:03Z', 100, 10),
        user('2026-01-01T01:00:00Z', 'after a restart'), tok('2026-01-01T01:00:02Z', 40, 5),
      ];
      writeFileSync(path, ls.map((l) => JSON.stringify(l)).join('\n') + '\n');
      const c = await collect(path, 'codex');
      assert.deepEqual(c.interactions.map((i) => [i.tokensIn, i.tokensOut]), [[100, 10], [40, 5]]);
    });
  });
});
