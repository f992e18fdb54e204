import assert from 'node:assert/strict';
import { DIAGNOSTICS_WINDOW_MS } from '../../../src/core/capture/diagnostics';
import type { LearningEvent, ToolRunEvent } from '../../../src/core/model/events';
import { AnswerOutcomes, TESTS_AFTER_MS } from '../../../src/core/route/answer-outcomes';
import { blockHashes, codeBlocks } from '../../../src/core/route/chat-turn';
import { fastHash } from '../../../src/core/util/hash';
import { Replay } from '../capture/helpers';

const CODE = 'const a = 1;\n';
const answer = (id: string, ts: number) => ({
  requestId: id, taskType: 'refactor', model: 'good', prompt: `prompt ${id}`, ts, blockHashes: blockHashes(CODE), signals: { completed: true, codeBlocks: 1 },
});
const insertion = (id: string, ts: number, fileHash = 'f1') => ({
  kind: 'ai_insertion', ts, id, origin: 'chat', fileHash, language: 'typescript', chars: 12, lines: 1, precision: 'strong', confidence: 0.95, textHash: fastHash('const a = 1;'),
} as const);
const diagnostics = (ts: number, fileHash: string, errorDelta: number): ToolRunEvent => ({
  kind: 'tool_run', ts, tool: 'diagnostics', source: 'diagnostics', success: errorDelta <= 0, errorDelta, afterAi: true, durationMs: DIAGNOSTICS_WINDOW_MS, fileHash,
});
const testRun = (ts: number, success: boolean, extra: Partial<ToolRunEvent> = {}): ToolRunEvent => ({
  kind: 'tool_run', ts, tool: 'npm', source: 'terminal', isTest: true, success, exitCode: success ? 0 : 1, ...extra,
});
const quality = (ev: readonly unknown[]): number | undefined => (ev as LearningEvent[]).find((e) => e.kind === 'learning')?.data.quality as number | undefined;

describe('answer outcomes: diagnostics and test runs after the answer\'s code went in', () => {
  it('errors in the files the code went into, summed, one event per file; other files do not count', () => {
    const o = new AnswerOutcomes();
    o.answered(answer('a', 0));
    o.observe([insertion('i1', 1_000, 'f1'), insertion('i2', 2_000, 'f2')], 2_000);
    assert.deepEqual(o.observe([diagnostics(121_000, 'other', 5)], 121_000), []);
    assert.equal(quality(o.observe([diagnostics(121_000, 'f1', 3)], 121_000)), 5.5); // 5 + 1 + 1 - 0.5 * 3
    assert.equal(quality(o.observe([diagnostics(122_000, 'f2', 2)], 122_000)), 5); // delta 5: 5 + 1 + 1 - 2 (at most)
    assert.deepEqual(o.observe([diagnostics(123_000, 'f2', -9)], 123_000), [], 'a second event of the same file is not the answer\'s');
  });

  it('a diagnostics event older than the insertion, or long after its window, is not the answer\'s', () => {
    const o = new AnswerOutcomes();
    o.answered(answer('a', 0));
    o.observe([insertion('i1', 10_000)], 10_000);
    assert.deepEqual(o.observe([diagnostics(5_000, 'f1', 1)], 5_000), []);
    assert.deepEqual(o.observe([diagnostics(10_000 + DIAGNOSTICS_WINDOW_MS + 60_000, 'f1', 1)], 0), []);
    assert.equal(quality(o.observe([diagnostics(10_000 + DIAGNOSTICS_WINDOW_MS, 'f1', -2)], 0)), 7.5); // fewer errors +0.5
  });

  it('the first test run with a result within 10 minutes of the first insertion counts: passed +1.5, failed -1.5', () => {
    const o = new AnswerOutcomes();
    o.answered(answer('a', 0));
    o.answered({ ...answer('b', 100), blockHashes: blockHashes('other();\n') });
    assert.deepEqual(o.observe([testRun(50, true)], 50), [], 'no code of an answer inserted yet: not its test run');
    o.observe([insertion('i1', 500), { ...insertion('i2', 1_000), textHash: fastHash('other();') }], 1_000);
    assert.deepEqual(o.observe([testRun(2_000, true, { isTest: false }), testRun(2_000, true, { success: undefined, exitCode: undefined })], 2_000), []);
    const failed = o.observe([testRun(3_000, false)], 3_000) as LearningEvent[];
    assert.equal(failed[0].data.requestId, 'b', 'the latest answer whose code went in');
    assert.equal(quality(failed), 5.5); // 5 + 1 + 1 - 1.5
    assert.deepEqual(o.observe([testRun(4_000, true)], 4_000), [], 'only the first run counts');
  });

  it('a test run later than TESTS_AFTER_MS after the insertion does not count; a task recognised as a test does', () => {
    const o = new AnswerOutcomes();
    o.answered(answer('a', 0));
    o.observe([insertion('i1', 1_000)], 1_000);
    assert.deepEqual(o.observe([testRun(1_001 + TESTS_AFTER_MS, true)], 0), []);
    assert.equal(quality(o.observe([testRun(1_000 + TESTS_AFTER_MS, true, { source: 'task', tool: 'test' })], 0)), 8.5);
  });

  it('through the capture engine: the diagnostics delta of a file an answer\'s block went into carries its file hash', () => {
    const r = new Replay();
    r.aiTool = undefined;
    const block = codeBlocks('```ts\nexport function twice(n: number): number {\n  return n * 2;\n}\n```\n')[0];
    r.engine.expectChatAnswer(blockHashes(block));
    const o = new AnswerOutcomes();
    o.answered({ ...answer('a', r.now), blockHashes: blockHashes(block) });
    r.errors = 1;
    r.engine.resolveClipboard(r.insert(0, block)!, undefined);
    r.engine.tick();
    r.errors = 3;
    r.at(DIAGNOSTICS_WINDOW_MS).engine.tick();
    const run = r.of('tool_run').find((e) => e.source === 'diagnostics');
    assert.ok(run);
    assert.deepEqual([run.errorDelta, run.fileHash], [2, r.of('ai_insertion')[0].fileHash]);
    assert.equal(quality(o.observe(r.events, r.now)), 6); // 5 + 1 + 1 - 0.5 * 2
  });
});
