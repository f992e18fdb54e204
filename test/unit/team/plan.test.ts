import assert from 'node:assert/strict';
import { changedGroups, digestOf, groupKey, groupRows, packBatches } from '../../../src/core/team/plan';
import { cleanLabel, cleanModel, cleanToolName, looksLikePath } from '../../../src/core/team/privacy';
import { pushTeam } from '../../../src/core/team/push';
import type { PushIdentity, TeamSink } from '../../../src/core/team/push';
import { TEAM_MIGRATIONS, TEAM_SCHEMA_VERSION } from '../../../src/core/team/migrations';
import { TEAM_TABLES, tablesFor, teamTable } from '../../../src/core/team/tables';
import type { TeamTable } from '../../../src/core/team/tables';
import type { DayGroup } from '../../../src/core/team/plan';

const tools = teamTable('daily_tools');

describe('team: privacy of shared labels', () => {
  it('keeps a tool\'s file name only, and replaces what could be text', () => {
    assert.equal(cleanToolName('npm'), 'npm');
    assert.equal(cleanToolName('/home/alice/secret/scripts/deploy.sh'), 'deploy.sh');
    assert.equal(cleanToolName('.\\build\\run.cmd'), 'run.cmd');
    assert.equal(cleanToolName('./node_modules/.bin/jest'), 'jest');
    assert.equal(cleanToolName('fix the bug in my code'), 'other');
    assert.equal(cleanModel('openrouter/anthropic/claude-sonnet-4'), 'openrouter/anthropic/claude-sonnet-4');
    assert.equal(cleanModel('/models/local/llama.gguf'), 'other');
    assert.equal(cleanModel('C:\\models\\x.gguf'), 'other');
    assert.equal(cleanLabel('typescript'), 'typescript');
    assert.equal(cleanLabel('~/notes.md'), 'other');
    assert.equal(cleanLabel('a'.repeat(70)), 'other');
    assert.ok(looksLikePath('/etc/passwd') && looksLikePath('~/x') && looksLikePath('D:/x') && !looksLikePath('gpt-4o'));
  });

  it('hashes local ids, and no table pushes a text column at aggregate level', () => {
    const [g] = groupRows(teamTable('interactions'), [{ day: 5, local_id: '/home/alice/x.jsonl#3', source_tool: 'codex', interaction: 'chat', intent: 'test', model: 'gpt-5', ts: 1 }]);
    assert.match(g.rows[0].keys[0], /^[0-9a-f]{16}$/);
    assert.deepEqual(tablesFor('aggregate').map((t) => t.name), TEAM_TABLES.filter((t) => t.name !== 'interactions').map((t) => t.name));
    for (const t of TEAM_TABLES) assert.ok(!t.keys.some((k) => /prompt|text|path|code|command|session|workspace|conversation/.test(k)), t.name);
  });
});

describe('team: push plan', () => {
  const rows = [
    { day: 2, tool: 'npm', source: 'terminal', n: 3, ok: 2, failed: 1, duration_ms: 30, duration_n: 3 },
    { day: 1, tool: '/a/b/run.sh', source: 'terminal', n: 1, ok: 1, failed: 0, duration_ms: 5, duration_n: 1 },
    { day: 1, tool: '/c/d/run.sh', source: 'terminal', n: 2, ok: 0, failed: 2, duration_ms: 7, duration_n: 2 },
  ];

  it('groups by day, merges keys equal after cleaning, and digests content', () => {
    const groups = groupRows(tools, rows);
    assert.deepEqual(groups.map((g) => g.day), [1, 2]);
    assert.deepEqual(groups[0].rows, [{ keys: ['run.sh', 'terminal'], values: [3, 1, 2, 12, 3] }]);
    assert.equal(groups[1].digest, groupRows(tools, [rows[0]])[0].digest, 'same rows, same digest');
    assert.notEqual(groups[1].digest, groupRows(tools, [{ ...rows[0], n: 4 }])[0].digest);
    assert.equal(digestOf([]).length, 32);
  });

  it('sends only the groups whose digest the server does not have, in whole-group transactions', () => {
    const groups = groupRows(tools, rows);
    const server = new Map([[groupKey('daily_tools', 1), groups[0].digest], [groupKey('daily_tools', 2), 'stale']]);
    assert.deepEqual(changedGroups(groups, server).map((g) => g.day), [2]);
    const big = (day: number, n: number): DayGroup => ({ table: 't', day, digest: '', rows: Array.from({ length: n }, () => ({ keys: [], values: [] })) });
    assert.deepEqual(packBatches([big(1, 3), big(2, 3), big(3, 10), big(4, 1)], 5).map((b) => b.map((g) => g.day)), [[1], [2], [3], [4]]);
    assert.deepEqual(packBatches([big(1, 2), big(2, 2), big(3, 2)], 5).map((b) => b.map((g) => g.day)), [[1, 2], [3]]);
  });

  it('a push interrupted between transactions resumes with what is left', async () => {
    const held = new Map<string, string>();
    let failAfter = 2;
    const sink: TeamSink = {
      claimMember: () => Promise.resolve(),
      digests: () => Promise.resolve(new Map(held)),
      writeBatch: (_id, groups) => {
        if (failAfter-- <= 0) return Promise.reject(new Error('connection lost'));
        for (const g of groups) held.set(groupKey(g.table, g.day), g.digest);
        return Promise.resolve();
      },
      refreshViews: () => Promise.resolve(),
    };
    const days = Array.from({ length: 10 }, (_, d) => ({ day: d, tool: 'npm', source: 'terminal', n: d + 1, ok: d, failed: 1, duration_ms: 1, duration_n: 1 }));
    const source = { groups: (t: TeamTable) => Promise.resolve(groupRows(t, t.name === 'daily_tools' ? days : [])) };
    const id: PushIdentity = { member: 'ann', machine: 'm', level: 'aggregate' };
    await assert.rejects(pushTeam(source, sink, id, { batchRows: 2 }), /connection lost/);
    assert.equal(held.size, 4);
    failAfter = 100;
    const r = await pushTeam(source, sink, id, { batchRows: 2 });
    assert.deepEqual([r.groups, r.unchanged, r.transactions, r.refreshed], [6, 4, 3, true]);
    assert.equal((await pushTeam(source, sink, id)).rows, 0);
    await assert.rejects(pushTeam(source, sink, { ...id, member: 'a b' }), /not valid/);
  });

  it('migrations are numbered 1..N without gaps', () => {
    assert.deepEqual(TEAM_MIGRATIONS.map((m) => m.version), Array.from({ length: TEAM_SCHEMA_VERSION }, (_, i) => i + 1));
  });
});
