import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { activeApi, reloadMarkerPath } from './helpers';

describe('store after the window reloaded (a new extension host, same global storage)', () => {
  it('still has every event recorded before the reload, exactly once', async () => {
    const expected = JSON.parse(readFileSync(reloadMarkerPath(), 'utf8')) as { language: string; n: number; chars: number };
    const store = await (await activeApi()).store();
    assert.ok(store, 'the store did not open');
    const rows = await store.query('textChangesByLanguage', { sinceTs: Date.now() - 3_600_000 });
    const row = rows.find((r) => r.language === expected.language);
    assert.deepEqual({ n: row?.n, chars: row?.charsAdded }, { n: expected.n, chars: expected.chars });
    rmSync(reloadMarkerPath());
  });
});
