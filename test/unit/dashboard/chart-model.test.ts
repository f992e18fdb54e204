import assert from 'node:assert/strict';
import { languageBars, languageTable, seriesColourIndexes } from '../../../src/core/dashboard/chart-model';
import type { LanguageRow } from '../../../src/core/dashboard/dashboard-data';

const rows: LanguageRow[] = [
  { language: 'python', label: 'typed', chars: 10, changes: 10 },
  { language: 'typescript', label: 'paste', chars: 300, changes: 1 },
  { language: 'typescript', label: 'typed', chars: 50, changes: 48 },
  { language: 'markdown', label: 'inline', chars: 5, changes: 1 },
  { language: 'python', label: 'inline', chars: 40, changes: 1 },
];

describe('dashboard chart model', () => {
  it('orders languages by characters changed and stacks edit kinds in a stable order', () => {
    const bars = languageBars(rows);
    assert.deepEqual(bars.labels, ['typescript', 'python', 'markdown']);
    assert.deepEqual(bars.datasets.map((d) => d.label), ['typed', 'paste', 'inline']);
    assert.deepEqual(bars.datasets.find((d) => d.label === 'typed')?.data, [50, 10, 0]);
    assert.deepEqual(bars.datasets.find((d) => d.label === 'paste')?.data, [300, 0, 0]);
    assert.deepEqual(bars.datasets.find((d) => d.label === 'inline')?.data, [0, 40, 5]);
  });

  it('keeps only the most changed languages when asked', () => {
    assert.deepEqual(languageBars(rows, 2).labels, ['typescript', 'python']);
  });

  it('totals the table per language', () => {
    assert.deepEqual(languageTable(rows), [
      { language: 'typescript', chars: 350, changes: 49 },
      { language: 'python', chars: 50, changes: 11 },
      { language: 'markdown', chars: 5, changes: 1 },
    ]);
  });

  it('gives empty charts for no data', () => {
    assert.deepEqual(languageBars([]), { labels: [], datasets: [] });
    assert.deepEqual(languageTable([]), []);
  });
});

describe('series colours', () => {
  it('gives series with data consecutive palette slots and empty series none (no legend entry)', () => {
    assert.deepEqual(seriesColourIndexes([{ data: [0, 0] }, { data: [1, null] }, { data: [null] }, { data: [0, 3] }]), [undefined, 0, undefined, 1]);
  });
});
