import assert from 'node:assert/strict';
import type { SearchHitDto } from '../../../src/core/patterns/protocol';
import { toolAnswerText, toolSearchArgs } from '../../../src/core/patterns/tool-answer';
import type { PatternRecord } from '../../../src/core/patterns/types';

const pattern = (over: Partial<PatternRecord>): PatternRecord => ({
  id: 'p1', name: 'retryWithBackoff', description: 'Retries with exponential backoff.', language: 'typescript', tags: [], complexity: 4,
  lines: 12, code: 'export function retryWithBackoff() {}', fingerprint: 'f', sourcePath: 'src/retry.ts', firstSeenTs: 1, updatedTs: 1,
  stale: false, usageCount: 0, successCount: 0, avgRating: 0, ...over,
});

describe('the pattern search language model tool', () => {
  it('turns a tool input into the "Search Patterns" search: k clamped to 1..20 (default 5), language widened to its compatible ones', () => {
    assert.deepEqual(toolSearchArgs({ query: ' retry ' }, 70), { query: 'retry', k: 5, minSuccessRate: 70 });
    assert.deepEqual(toolSearchArgs({ query: 'retry', language: 'TypeScript', k: 99 }, 70),
      { query: 'retry', k: 20, minSuccessRate: 70, languages: ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'] });
    assert.equal((toolSearchArgs({ query: 'retry', k: 0.2 }, 70) as { k: number }).k, 1);
    assert.equal((toolSearchArgs({ query: 'retry', k: 'ten' }, 70) as { k: number }).k, 5);
  });

  it('refuses an empty query, a non-object input and a language the library does not hold, saying why', () => {
    assert.match((toolSearchArgs({ query: '   ' }, 70) as { error: string }).error, /non-empty "query"/);
    assert.match((toolSearchArgs(undefined, 70) as { error: string }).error, /non-empty "query"/);
    assert.match((toolSearchArgs({ query: 'x', language: 'cobol' }, 70) as { error: string }).error, /"cobol" is not one of them/);
  });

  it('answers each pattern with success rate, uses, relevance and its code; says when nothing matches', () => {
    const hits: SearchHitDto[] = [
      { pattern: pattern({ usageCount: 4, successCount: 3 }), relevance: 0.812, strength: 'close' },
      { pattern: pattern({ id: 'p2', name: 'sleep', description: '', code: 'const s = "```";', framework: 'node:test', sourcePath: undefined }), relevance: 0.2, strength: 'weak' },
    ];
    assert.equal(toolAnswerText('retry', hits), [
      '2 patterns from the user\'s own code for "retry", best first:', '',
      '1. retryWithBackoff (typescript, from src/retry.ts)', '   Retries with exponential backoff.',
      '   success rate: 75%; uses: 4; relevance: 81% (close)', '```typescript', 'export function retryWithBackoff() {}', '```', '',
      '2. sleep (typescript, node:test)', '   success rate: not inserted yet; uses: 0; relevance: 20% (weak)', '````typescript', 'const s = "```";', '````', '',
    ].join('\n'));
    assert.match(toolAnswerText('nothing', []), /^No pattern in the user's library matches "nothing"/);
  });
});
