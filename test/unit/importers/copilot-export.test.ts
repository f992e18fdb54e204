import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collect, sum, withTmp } from './helpers';
import { UNLICENSED } from './real-logs';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function realExport(ctx: Mocha.Context): string {
  const path = join(UNLICENSED, 'copilot', 'mac-build.chat.json');
  if (!existsSync(path)) ctx.skip();
  return path;
}

const rounds = (r: Json): number => ((r.result?.metadata?.toolCallRounds ?? []) as Json[]).reduce((n, x) => n + ((x.toolCalls as unknown[] | undefined)?.length ?? 0), 0);

describe('copilot chat exports (issue 10, cause 4)', () => {
  it('imports a real "Export Session JSON" file (no version, no sessionId) instead of skipping it as unsupported', async function () {
    const path = realExport(this);
    const doc = JSON.parse(readFileSync(path, 'utf8')) as Json;
    assert.equal(doc.version, undefined);
    assert.equal(doc.sessionId, undefined);
    const c = await collect(path, 'copilot-session-json');
    assert.deepEqual(c.result.skipped, {});
    assert.equal(c.interactions.length, (doc.requests as Json[]).length);
    assert.equal(new Set(c.interactions.map((i) => i.conversation)).size, 1);
    assert.equal(sum(c.interactions, 'toolCalls'), (doc.requests as Json[]).reduce((n, r) => n + rounds(r), 0));
  });

  it("counts a sub-agent's tool calls apart from the main agent's", async function () {
    const doc = JSON.parse(readFileSync(realExport(this), 'utf8')) as Json;
    // No public export with sub-agents was found: mark the serialized tool parts of the real export's third
    // request that its own rounds do not list as a sub-agent's (what VS Code writes for runSubagent's calls).
    const request = (doc.requests as Json[])[2];
    const own = new Set(((request.result.metadata.toolCallRounds ?? []) as Json[]).flatMap((x) => (x.toolCalls as Json[]).map((t) => String(t.id))));
    const parts = (request.response as Json[]).filter((p) => p.kind === 'toolInvocationSerialized');
    let marked = 0;
    for (const p of parts.slice(0, 20)) {
      if (own.has(String(p.toolCallId))) continue;
      p.subAgentInvocationId = 'sub-1';
      marked++;
    }
    for (const p of parts.slice(20, 40)) {
      p.subAgentInvocationId = 'sub-1';
      marked++;
    }
    assert.ok(marked > 0);
    await withTmp(async (dir) => {
      const path = join(dir, 'export.json');
      writeFileSync(path, JSON.stringify({ ...doc, requests: [request] }));
      const c = await collect(path, 'copilot-session-json');
      assert.equal(c.interactions[0].toolCalls, rounds(request), 'main agent: its rounds');
      assert.equal(c.interactions[0].subAgentToolCalls, marked);
      assert.equal(c.tools.length, parts.length, 'every serialized invocation is still a tool run');
    });
  });
});
