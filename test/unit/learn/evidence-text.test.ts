import assert from 'node:assert/strict';
import { evidenceSentence } from '../../../src/core/learn/evidence-text';
import { deriveInsights } from '../../../src/core/learn/insights';

describe('insight evidence in words', () => {
  it('writes survival evidence as a sentence with its numbers', () => {
    assert.equal(
      evidenceSentence({ origin: 'chat', checkpoint: 'commit', charsKept: 0, charsMeasured: 593, keptPct: 0 }),
      "593 characters measured at 'commit', none kept (0%), origin chat.",
    );
    assert.equal(evidenceSentence({ charsKept: 120, charsMeasured: 1 }), '1 character measured, 120 kept.');
  });

  it('counts in the singular for one', () => {
    assert.equal(evidenceSentence({ tool: 'npm', source: 'terminal', runs: 1, ok: 1, failed: 0, successPct: 100 }),
      'npm (terminal), 1 run, 1 succeeded and none failed (100% succeeded).');
    assert.equal(evidenceSentence({ requests: 1, models: 'gpt-x' }), '1 request, models: gpt-x.');
  });

  it('never drops a key it has no phrase for, and shows no camelCase keys', () => {
    const s = evidenceSentence({ baselineSd: 0.4, z: -2.5 });
    assert.equal(s, '2.5 standard deviations below, baseline sd 0.4.');
    assert.equal(evidenceSentence({}), '');
  });

  it('every insight the rules derive reads without a camelCase key or a "key: value" pair', () => {
    const survival = [{ language: 'ts', origin: 'chat', checkpoint: 'commit', n: 3, charsKept: 0, charsTotal: 593 }];
    const insights = deriveInsights({
      current: {
        insertionSurvival: { insertions: [], survival },
        toolSuccess: [{ tool: 'npm', source: 'terminal', n: 6, ok: 1, failed: 5, avgDurationMs: 1000 }],
        tokensByModel: [{ model: 'm', sourceTool: 't', n: 9, tokensIn: 1, tokensOut: 1, cacheRead: 0, cacheWrite: 0, costUsd: 1.5, costKnownN: 6 }],
      },
      patterns: [],
    }, Date.now());
    assert.ok(insights.length >= 3, JSON.stringify(insights));
    for (const i of insights) {
      const s = evidenceSentence(i.evidence);
      assert.doesNotMatch(s, /[a-z][A-Z]|[a-z]{3}: \d/, s);
      assert.match(s, /\d/, s);
    }
  });
});
