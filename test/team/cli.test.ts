/**
 * `ai-learning team migrate|push|report` in-process against the real server: the CLI pushes a store it reads
 * read-only, the report's figures match the member's local ones, and mistakes get a clear message.
 */
import assert from 'node:assert/strict';
import { localDay } from '../../src/core/model/day';
import type { TeamReport } from '../../src/core/team/report';
import { main } from '../../src/cli/main';
import { freshDb, memberRole, memberStore } from './helpers';
import type { MemberStore } from './helpers';

const DB = 'team_cli';

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(args, (s) => (out += s));
  return { code, out };
}

describe('ai-learning team', function () {
  this.timeout(120_000);
  let m: MemberStore;
  let admin: string;
  let url: string;

  before(async () => {
    admin = await freshDb(DB);
    m = await memberStore(41, 20, 100);
    await m.client.close();
  });

  it('migrate, push, push again, report', async () => {
    assert.match((await cli(['team', 'migrate', '--url', admin])).out, /from schema version 0 to 3/);
    url = await memberRole('erin', DB);
    const pushed = await cli(['team', 'push', '--store', m.dir, '--url', url, '--member', 'erin', '--json']);
    assert.equal(pushed.code, 0, pushed.out);
    assert.ok((JSON.parse(pushed.out) as { rows: number; tls: boolean }).rows > 500);
    assert.match((await cli(['team', 'push', '--store', m.dir, '--url', url, '--member', 'erin'])).out, /Nothing new to push/);
    const r = JSON.parse((await cli(['team', 'report', '--url', url, '--member', 'erin', '--days', '30', '--json'])).out) as TeamReport;
    const ids = new Set(m.events.filter((e) => e.kind === 'ai_interaction' && localDay(e.ts) > localDay(Date.now()) - 30).map((e) => (e as { id: string }).id));
    assert.equal(r.own.requests, ids.size);
    assert.equal(r.daily.reduce((s, d) => s + d.requests, 0), ids.size);
    assert.deepEqual(r.members.map((x) => x.member), ['erin']);
    assert.ok(r.models.length > 0 && r.tools.length > 0 && r.quality.length > 0);
    const text = (await cli(['team', 'report', '--url', url, '--member', 'erin'])).out;
    assert.match(text, /Model performance by task type/);
    assert.match(text, /Tool effectiveness ranking/);
  });

  it('says what is wrong', async () => {
    const noUrl = await cli(['team', 'report', '--member', 'x']);
    assert.equal(noUrl.code, process.env.AI_LEARNING_TEAM_URL ? 0 : 2);
    assert.equal((await cli(['team', 'report', '--url', 'http://x', '--member', 'x'])).code, 1);
    assert.equal((await cli(['team', 'frobnicate', '--url', admin])).code, 2);
    const down = await cli(['team', 'report', '--url', 'postgres://nobody@127.0.0.1:1/x', '--member', 'x']);
    assert.equal(down.code, 1);
  });
});
