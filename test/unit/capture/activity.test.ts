import assert from 'node:assert/strict';
import { Replay } from './helpers';

describe('tools, commits and diagnostics through the engine', () => {
  it('records terminal commands with exit code, duration, test recognition and afterAi; text only at the text level', () => {
    const r = new Replay();
    r.engine.onTerminalEnd({ commandLine: 'npm test', exitCode: 1, durationMs: 1234.4 });
    r.insert(0, 'const a = 1;\n', { detailedSource: 'chat-edit' });
    r.at(60_000);
    r.engine.onTerminalEnd({ commandLine: 'GITHUB_TOKEN=ghp_Q8mZ2vN4xK7pR1tY6wB3cF9hJ5lD0sA2eG8u git push' });
    r.engine.onTaskEnd({ name: 'test: unit', exitCode: 0, durationMs: 10 });
    r.at(11 * 60_000);
    r.engine.onTerminalEnd({ commandLine: 'pytest', exitCode: 0 });
    const runs = r.of('tool_run').filter((e) => e.source !== 'diagnostics');
    assert.deepEqual(runs.map((e) => [e.source, e.tool, e.isTest, e.success, e.exitCode, e.durationMs, e.afterAi, e.command]), [
      ['terminal', 'npm', true, false, 1, 1234, undefined, undefined],
      ['terminal', 'git', false, undefined, undefined, undefined, true, undefined],
      ['task', 'test: unit', true, true, 0, 10, true, undefined],
      ['terminal', 'pytest', true, true, 0, undefined, undefined, undefined],
    ]);
    const t = new Replay('file:///ws/a.ts', { level: 'text' });
    t.engine.onTerminalEnd({ commandLine: 'GITHUB_TOKEN=ghp_Q8mZ2vN4xK7pR1tY6wB3cF9hJ5lD0sA2eG8u git push' });
    assert.equal(t.of('tool_run')[0].command, 'GITHUB_TOKEN=[REDACTED:github-pat] git push');
  });

  it('records a commit with its AI lines and takes the commit checkpoint', () => {
    const r = new Replay();
    r.type(0, 'a\n');
    r.engine.onInlineKey(r.uri, 'full');
    r.insert(2, 'function g() {\n  return 1;\n}\n');
    r.type(r.text.length, 'b\n');
    const patch = ['@@ -0,0 +1,6 @@', '+a', '+function g() {', '+  return 1;', '+}', '+b', '+'].join('\n');
    r.engine.onCommit({ hash: 'c0ffee', repoKey: 'file:///ws', branch: 'main', files: [{ uri: r.uri, patch, text: r.text }, { uri: 'file:///ws/b.ts', patch: '@@ -1 +1 @@\n-x\n+y' }] });
    const c = r.of('commit')[0];
    assert.deepEqual([c.hash, c.branch, c.filesChanged, c.linesAdded, c.linesRemoved, c.aiLines], ['c0ffee', 'main', 2, 7, 1, 3]);
    assert.match(c.repoHash, /^[0-9a-f]{16}$/);
    assert.deepEqual(r.of('survival').map((e) => [e.checkpoint, e.charsKept, e.charsTotal]), [['commit', 29, 29]]);
  });

  it('records the change in a file\'s errors two minutes after an AI insertion', () => {
    const r = new Replay();
    r.errors = 2;
    r.insert(0, 'broken(\n', { detailedSource: 'chat-edit' });
    r.errors = 5;
    r.at(60_000).engine.tick();
    assert.equal(r.of('tool_run').length, 0);
    r.at(60_000).engine.tick();
    const d = r.of('tool_run')[0];
    assert.deepEqual([d.source, d.errorDelta, d.success, d.afterAi], ['diagnostics', 3, false, true]);
  });

  it('keeps today\'s figures for the status bar', () => {
    const r = new Replay();
    r.type(0, 'abcdefghij'); // 10 typed
    r.insert(10, '0123456789012345678901234567890123456789\n', { detailedSource: 'chat-edit' }); // 41 AI
    r.remove(10, 11);
    r.at(30_000).engine.tick();
    assert.deepEqual(r.engine.todayFigures(), {
      newChars: 51, aiChars: 41, aiKeptChars: 30, aiMeasuredChars: 41, patternChars: 0, patternKeptChars: 0, patternMeasuredChars: 0,
    });
    // Active time of the running session: the 50 ms gaps between the 10 keystrokes and the insertion after them.
    assert.equal(r.engine.sessionActiveMs(), 500);
  });

  it("counts the user's own pattern insertion apart from AI, with its own kept share", () => {
    const r = new Replay();
    r.type(0, 'abcdefghij'); // 10 typed
    const pattern = 'export function twice(n: number): number {\n  return n * 2;\n}\n'; // 60 characters
    r.engine.expectPatternInsertion(r.uri, pattern, 'p1');
    r.insert(10, pattern);
    r.remove(10, 20);
    r.at(30_000).engine.tick();
    const ins = r.of('ai_insertion');
    assert.deepEqual(ins.map((i) => [i.origin, i.patternId, i.tool]), [['pattern', 'p1', undefined]]);
    assert.deepEqual(r.engine.todayFigures(), {
      newChars: 10 + pattern.length, aiChars: 0, aiKeptChars: 0, aiMeasuredChars: 0,
      patternChars: pattern.length, patternKeptChars: pattern.length - 20, patternMeasuredChars: pattern.length,
    });
  });
});
