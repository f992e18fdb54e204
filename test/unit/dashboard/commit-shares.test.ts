import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { RecordedEvent } from '../../../src/core/model/events';
import { dashboardData } from '../../../src/core/dashboard/data';
import { commitShareRows } from '../../../src/core/dashboard/sections-model';
import { dashboardHtml } from '../../../src/core/dashboard/html';
import { importFile } from '../../../src/core/importers/run-import';
import { loadSqlJs, openDb } from '../../../src/core/store/db';
import { Ingestor } from '../../../src/core/store/ingest';
import { runQuery } from '../../../src/core/store/queries';
import type { QueryArgs, QueryName } from '../../../src/core/store/queries';
import { DEFAULT_IMPORT_OPTIONS } from '../../../src/core/importers/types';
import { COMMITS, T0, writeCursorTracking } from '../../support/sqlite-fixtures';
import { writerKind } from '../../support/sqlite-writer';
import { withTmp } from '../importers/helpers';

describe('dashboard: a Cursor commit shows Cursor\u2019s own AI share beside ours', function () {
  before(function () {
    if (writerKind === undefined) this.skip();
  });

  it('imports ai-code-tracking.db, stores it beside our commit of the same hash, and the page model shows both shares', async () => withTmp(async (dir) => {
    const path = join(dir, 'ai-code-tracking.db');
    const writer = writeCursorTracking(path);
    const events: RecordedEvent[] = [];
    await importFile({ path, format: 'cursor-tracking', source: 'cursor' }, undefined, { ...DEFAULT_IMPORT_OPTIONS, quietMs: 0 }, (e) => events.push(JSON.parse(JSON.stringify(e)) as RecordedEvent));
    writer.close();
    // Our own record of the first commit (the git collector's event): 12 lines added, 4 of them from tracked AI insertions.
    events.push({ kind: 'commit', ts: T0 + 90_000, hash: COMMITS[0], repoHash: 'r'.repeat(16), filesChanged: 2, linesAdded: 12, linesRemoved: 4, aiLines: 4 });
    // Cursor scores the second commit again later: the newer score replaces the older one.
    events.push({ kind: 'commit_attribution', ts: T0 + 250_000, sourceTool: 'cursor', hash: COMMITS[1], linesAdded: 6, aiLinesAdded: 3, tabLinesAdded: 2, composerLinesAdded: 1, humanLinesAdded: 2 });
    const SQL = await loadSqlJs();
    const { db } = openDb(SQL);
    const ingest = new Ingestor(db);
    const applied = ingest.apply([{ writer: 'test', records: events.map((ev, i) => ({ seq: i + 1, ev, offset: 0 })) }]);
    assert.equal(applied.quarantined, 0);
    const store = { query: <Q extends QueryName>(name: Q, args: QueryArgs[Q]) => Promise.resolve(runQuery(db, name, args)) };
    const data = await dashboardData({ kind: 'all' }, true, store, { textByLanguage: () => [] });
    const rows = commitShareRows(data.commitShares ?? []);
    assert.deepEqual(rows.map((r) => [r.commit, r.tool, r.toolShare, r.ourShare, r.ourDetail]), [
      [COMMITS[1].slice(0, 8), 'Cursor', '50%', 'not seen', ''],
      [COMMITS[0].slice(0, 8), 'Cursor', '75%', '33%', '4 AI of 12'],
    ]);
    assert.equal(rows[1].toolDetail, '6 tab, 3 composer, 1 human of 12');
    const html = dashboardHtml({ cspSource: 'x', scriptUri: 's', styleUri: 'c', nonce: 'n' });
    assert.ok(html.includes('id="commit-shares-rows"'), 'the page has the card the rows go into');
    ingest.close();
    db.close();
  }));
});
