import assert from 'node:assert/strict';
import { complexityOf, profileTask } from '../../../src/core/route/task-profile';
import { importedSignals, isRephrase, qualityScore } from '../../../src/core/route/outcome';

describe('route: task profile', () => {
  it('classifies the intent with the learned classifier and keys figures by it', () => {
    const p = profileTask('Refactor this function to use async/await instead of callbacks', { language: 'typescript', selectionChars: 300 });
    assert.deepEqual(p, { intent: 'refactor', language: 'typescript', complexity: 'low', taskType: 'refactor' });
    assert.equal(profileTask('Why does this throw a TypeError when the list is empty?', {}).taskType, 'debugging');
  });

  it('complexity: <= 400 characters low, > 6000 high, broad wording high whatever the size', () => {
    assert.equal(complexityOf('x'.repeat(400)), 'low');
    assert.equal(complexityOf('x'.repeat(401)), 'medium');
    assert.equal(complexityOf('x'.repeat(100), 5900), 'medium');
    assert.equal(complexityOf('x'.repeat(100), 5901), 'high');
    assert.equal(complexityOf('rename this across the codebase'), 'high');
    assert.equal(complexityOf('fix it', -50), 'low');
  });
});

describe('route: quality score (one formula)', () => {
  it('gives exact figures for each signal', () => {
    assert.equal(qualityScore({}), undefined);
    assert.equal(qualityScore({ failed: 'error' }), 0);
    assert.equal(qualityScore({ failed: 'cancelled', vote: 1 }), 2);
    assert.equal(qualityScore({ completed: true }), 6);
    assert.equal(qualityScore({ completed: true, vote: 1 }), 9);
    assert.equal(qualityScore({ completed: true, vote: -1 }), 2);
    assert.equal(qualityScore({ completed: true, rephrasedWithinMs: 60_000 }), 4);
    assert.equal(qualityScore({ completed: true, rephrasedWithinMs: 600_000 }), 6);
    // 5 + 1 (completed) + 1 (inserted) + 2*(2*0.75-1)=1 + 1.5*(2*0.5-1)=0 + 1.5 (tests) = 9.5
    assert.equal(qualityScore({ completed: true, codeBlocks: 2, blocksInserted: 1, survival10m: 0.75, survivalCommit: 0.5, testsPassed: true }), 9.5);
    // 5 + 1 - 0.5 (offered, none used) - 1.5 (3 new errors) - 1.5 (tests failed) = 2.5
    assert.equal(qualityScore({ completed: true, codeBlocks: 1, blocksInserted: 0, diagnosticsDelta: 3, testsPassed: false }), 2.5);
    assert.equal(qualityScore({ completed: true, vote: 1, survival10m: 1, survivalCommit: 1, testsPassed: true, diagnosticsDelta: -2 }), 10);
    assert.equal(qualityScore({ vote: -1, survival10m: 0, survivalCommit: 0, diagnosticsDelta: 10 }), 0);
  });

  it('scores imported history by the same formula', () => {
    assert.equal(qualityScore(importedSignals({ success: true })), 6);
    assert.equal(qualityScore(importedSignals({ success: true, vote: 1 })), 9);
    assert.equal(qualityScore(importedSignals({ success: false, vote: 1 })), 0);
    assert.equal(qualityScore(importedSignals({ cancelled: true })), 2);
    assert.equal(qualityScore(importedSignals({})), undefined);
  });

  it('a rephrase shares half its words and comes within three minutes', () => {
    assert.equal(isRephrase('make the parser handle empty input', 'the parser should handle empty input please', 30_000), true);
    assert.equal(isRephrase('make the parser handle empty input', 'the parser should handle empty input please', 200_000), false);
    assert.equal(isRephrase('make the parser handle empty input', 'now write the docs for the cli', 30_000), false);
  });
});
