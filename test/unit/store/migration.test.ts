import assert from 'node:assert/strict';
import { all, loadSqlJs, openDb, scalar } from '../../../src/core/store/db';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../src/core/model/schema';

describe('schema migrations', () => {
  it('version 4 adds commit_attributions to a version-3 database and keeps its rows; a replayed score replaces the earlier one', async () => {
    const SQL = await loadSqlJs();
    const v3 = new SQL.Database();
    for (const m of MIGRATIONS.filter((x) => x.version <= 3)) v3.exec(m.sql);
    v3.exec("PRAGMA user_version=3; INSERT INTO commits (hash, ts, day, lines_added, ai_lines) VALUES ('h1', 1, 1, 10, 4);");
    const { db, version } = openDb(SQL, v3.export());
    v3.close();
    assert.equal(version, SCHEMA_VERSION);
    assert.equal(scalar(db, "SELECT ai_lines FROM commits WHERE hash = 'h1'"), 4);
    const cols = all<{ name: string }>(db, 'PRAGMA table_info(commit_attributions)').map((c) => c.name);
    assert.ok(['source_tool', 'hash', 'lines_added', 'ai_lines_added', 'tab_lines_added', 'composer_lines_added', 'human_lines_added'].every((c) => cols.includes(c)));
    db.close();
  });

  it('versions 2 and 3 add the quarantine table, then reasoning tokens, sub-agent tool calls and estimated dates to a version-1 database, keeping its rows', async () => {
    const SQL = await loadSqlJs();
    const v1 = new SQL.Database();
    v1.exec(MIGRATIONS[0].sql);
    v1.exec("PRAGMA user_version=1; INSERT INTO ai_interactions (id, ts, day, tokens_in) VALUES ('a', 1, 1, 7);");
    const { db, version } = openDb(SQL, v1.export());
    v1.close();
    assert.equal(version, SCHEMA_VERSION);
    assert.equal(scalar(db, 'PRAGMA user_version'), SCHEMA_VERSION);
    assert.equal(scalar(db, 'SELECT count(*) FROM commit_attributions'), 0);
    const cols = all<{ name: string }>(db, 'PRAGMA table_info(ai_interactions)').map((c) => c.name);
    for (const c of ['reasoning_tokens', 'subagent_tool_calls', 'ts_estimated']) assert.ok(cols.includes(c), c);
    assert.ok(all<{ name: string }>(db, 'PRAGMA table_info(tool_usage)').some((c) => c.name === 'accepted'));
    assert.equal(scalar(db, "SELECT tokens_in FROM ai_interactions WHERE id = 'a'"), 7);
    assert.equal(scalar(db, 'SELECT count(*) FROM quarantine'), 0);
    db.close();
  });

  it('a new database gets the same columns as a migrated one', async () => {
    const SQL = await loadSqlJs();
    const fresh = openDb(SQL).db;
    const old = new SQL.Database();
    old.exec(MIGRATIONS[0].sql + 'PRAGMA user_version=1;');
    const migrated = openDb(SQL, old.export()).db;
    for (const table of ['ai_interactions', 'tool_usage', 'commit_attributions']) {
      const cols = (d: typeof fresh) => all<{ name: string }>(d, `PRAGMA table_info(${table})`).map((c) => c.name).sort();
      assert.deepEqual(cols(migrated), cols(fresh), table);
    }
    fresh.close();
    migrated.close();
    old.close();
  });
});
