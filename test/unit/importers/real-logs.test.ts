import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { loadSqlJs } from '../../../src/core/store/db';
import { countLog } from '../../oracle/count-logs';
import { FIGURE_NAMES, differences, productFigures, realFiles } from './real-logs';
import { FIXTURES } from './helpers';

/**
 * Issue 10: every figure the product stores for a real log file equals the independent counter's.
 * `REAL_SPLIT=dev|final` restricts the run to one half of the split (see real/SOURCE.md); the default runs both.
 */
describe('real log files: stored figures equal the independent counter', function () {
  this.timeout(120_000);
  const split = process.env.REAL_SPLIT;
  const files = realFiles().filter((f) => split === undefined || f.split === split);
  const missing = files.filter((f) => !f.present);
  const tally = new Map<string, { matched: number; checked: number; files: number }>();

  after(() => {
    const lines = [...tally].map(([tool, t]) => `${tool}: ${t.matched}/${t.checked} figures matched over ${t.files} files`);
    if (missing.length > 0) lines.push(`${missing.length} fetched files absent (run node scripts/fetch-real-logs.mjs): not checked`);
    process.stdout.write(`      ${lines.join('\n      ')}\n`);
  });

  for (const file of files) {
    const name = relative(FIXTURES, file.path);
    it(`${file.split} ${name}`, async function () {
      if (!file.present) this.skip();
      const SQL = await loadSqlJs();
      const oracle = countLog(file.path, file.tool);
      const { figures, failed } = await productFigures(SQL, file);
      const diff = differences(figures, oracle);
      const t = tally.get(file.tool) ?? { matched: 0, checked: 0, files: 0 };
      t.files++;
      t.checked += FIGURE_NAMES.length;
      t.matched += FIGURE_NAMES.length - diff.length;
      tally.set(file.tool, t);
      assert.equal(failed, 0, 'every record applied');
      assert.ok(diff.length === 0, diff.join('; '));
    });
  }
});
