/** A day group sent again with fewer rows leaves only those rows: the server mirrors the local day, never a union. */
import assert from 'node:assert/strict';
import { groupRows } from '../../src/core/team/plan';
import { teamTable } from '../../src/core/team/tables';
import { PgTeam } from '../../src/team/pg-team';
import { freshDb } from './helpers';

describe('team push: a day rewritten', () => {
  it('removes the rows a day group no longer has, and only that day\'s', async () => {
    const t = await PgTeam.connect(await freshDb('team_rewrite'));
    try {
      await t.migrate();
      const id = { member: 'fay', machine: 'f1', level: 'aggregate' as const };
      await t.claimMember(id);
      const tools = teamTable('daily_tools');
      const row = (day: number, tool: string) => ({ day, tool, source: 'terminal', n: 1, ok: 1, failed: 0, duration_ms: 10, duration_n: 1 });
      await t.writeBatch(id, groupRows(tools, [row(1, 'npm'), row(1, 'git'), row(2, 'npm')]));
      await t.writeBatch(id, groupRows(tools, [row(1, 'npm')]));
      const rows = await t.query<{ day: number; tool: string }>('SELECT day, tool FROM ala.daily_tools ORDER BY day, tool');
      assert.deepEqual(rows.rows.map((r) => `${r.day}:${r.tool}`), ['1:npm', '2:npm']);
      const digests = await t.digests(id);
      assert.equal(digests.get('daily_tools:1'), groupRows(tools, [row(1, 'npm')])[0].digest);
    } finally {
      await t.close();
    }
  });
});
