import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { codeThesaurus, wordnetThesaurus } from '../../../src/core/search/thesaurus';
import { stemWord } from '../../../src/core/search/terms';
import { loadEvalQueries, REPORT_REPO, TUNE_REPO } from '../patterns/eval-set';

describe('thesaurus data', () => {
  it('maps words to code words through WordNet and the code-domain list, by stem', () => {
    assert.ok(wordnetThesaurus().get(stemWord('reply'))?.includes(stemWord('response')));
    assert.ok(codeThesaurus().get(stemWord('remove'))?.includes(stemWord('erase')));
  });

  it("keeps every stem of the report repository's paraphrase words that the tuning queries do not use out of the code-domain list", () => {
    const words = (s: string): string[] => (s.toLowerCase().match(/[a-z]+/g) ?? []).map(stemWord);
    const tuning = new Set(loadEvalQueries(TUNE_REPO).queries.flatMap((q) => words(q.query)));
    const held = new Set(loadEvalQueries(REPORT_REPO).queries.filter((q) => q.kind === 'paraphrase').flatMap((q) => words(q.query)).filter((w) => !tuning.has(w)));
    const file = path.join(__dirname, '../../../src/core/search/data/code-synonyms.json');
    const list = (JSON.parse(readFileSync(file, 'utf8')) as { groups: string[][] }).groups.flat();
    assert.deepEqual(list.filter((w) => held.has(stemWord(w))), []);
  });
});
