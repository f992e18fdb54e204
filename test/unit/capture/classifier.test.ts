import assert from 'node:assert/strict';
import { Replay } from './helpers';

const labels = (r: Replay): string[] => r.of('text_change').map((e) => `${e.label}/${e.precision}/${e.count}`);

describe('change classifier (replayed through the engine)', () => {
  it('merges typing, deletes and Enter-with-indentation into one typed run; undo is its own run', () => {
    const r = new Replay();
    r.type(0, 'let a');
    r.insert(5, '()'); // auto-closed pair
    r.insert(7, '\n    '); // Enter + auto-indent
    r.remove(0, 1);
    r.change([{ rangeOffset: 0, rangeLength: 0, text: 'l' }], { reason: 'undo' });
    r.at(6_000).engine.tick();
    assert.deepEqual(labels(r), ['typed/strong/8', 'undo/exact/1']);
    const typed = r.of('text_change')[0];
    assert.deepEqual([typed.charsAdded, typed.charsRemoved, typed.linesAdded], [12, 1, 1]);
    assert.equal(r.of('ai_insertion').length, 0);
  });

  it('ends a typing run after a pause and tags events with the session', () => {
    const r = new Replay();
    r.type(0, 'ab');
    r.at(6_000);
    r.type(2, 'cd');
    r.engine.flush();
    assert.deepEqual(labels(r), ['typed/strong/2', 'typed/strong/2']);
    const session = r.of('session')[0];
    assert.equal(session.phase, 'start');
    assert.ok(r.of('text_change').every((e) => e.session === session.id));
  });

  it('labels an insertion equal to the clipboard as paste (also multi-cursor and re-indented)', () => {
    const r = new Replay();
    const code = 'function add(a, b) {\n  return a + b;\n}\n';
    const t1 = r.insert(0, code);
    assert.ok(t1 !== undefined, 'needs the clipboard');
    r.engine.resolveClipboard(t1, code.replace(/\n/g, '\r\n'));
    const t2 = r.change([{ rangeOffset: 0, rangeLength: 0, text: 'foo' }, { rangeOffset: 10, rangeLength: 0, text: 'bar' }]);
    r.engine.resolveClipboard(t2!, 'foo\nbar');
    const t3 = r.insert(0, '    if (x) {\n        y();\n    }');
    r.engine.resolveClipboard(t3!, 'if (x) {\n    y();\n}');
    // text_change events wait for the next tick (nothing is written on the keystroke).
    assert.deepEqual(labels(r), []);
    r.engine.tick();
    assert.deepEqual(labels(r), ['paste/strong/1', 'paste/strong/1', 'paste/strong/1']);
    assert.equal(r.of('ai_insertion').length, 0);
    assert.equal(r.engine.survival.size, 0, 'paste is not tracked');
  });

  it('accepts via our Tab key are inline/exact; word-by-word accepts of one suggestion are aggregated', () => {
    const r = new Replay();
    r.type(0, 'const ');
    for (const word of ['total ', '= ', 'items.length;']) {
      r.engine.onInlineKey(r.uri, 'word');
      r.at(30);
      r.insert(r.text.length, word);
      r.at(400);
    }
    r.at(11_000).engine.tick();
    const ins = r.of('ai_insertion');
    assert.equal(ins.length, 1);
    assert.deepEqual([ins[0].origin, ins[0].chars, ins[0].precision], ['inline', 21, 'exact']);
    assert.deepEqual(labels(r), ['typed/strong/6', 'inline/exact/3']);
  });

  it('a key press without a following change, or one too long ago, does not label later text', () => {
    const r = new Replay();
    r.engine.onInlineKey(r.uri, 'full');
    r.at(5_000);
    const t = r.insert(0, 'x');
    assert.equal(t, undefined);
    assert.deepEqual((r.engine.flush(), labels(r)), ['typed/strong/1']);
  });

  it('without a key: chat after a chat code block, agent bursts and other documents, inline by mouse, bulk without AI', () => {
    const r = new Replay();
    const big = 'export function parse(input: string) {\n  return input.split(",");\n}\n';
    r.engine.onChange({ uri: 'vscode-chat-code-block://x/1', scheme: 'vscode-chat-code-block', path: '/1', languageId: 'typescript', changes: [{ rangeOffset: 0, rangeLength: 0, text: big }], isActiveEditor: false });
    r.at(10_000);
    r.engine.resolveClipboard(r.insert(0, big)!, 'something else');
    r.at(200_000); // chat window over
    const burst = [0, 1, 2, 3].map((i) => r.insert(0, big.replace('parse', `p${i}`)));
    for (const t of burst) r.engine.resolveClipboard(t!, undefined);
    r.at(5_000);
    r.engine.resolveClipboard(r.insert(0, big, { isActiveEditor: false })!, undefined);
    r.at(5_000);
    r.engine.resolveClipboard(r.insert(0, big)!, undefined);
    r.at(5_000);
    r.engine.resolveClipboard(r.insert(0, 'console.log')!, undefined); // IntelliSense-sized
    r.aiTool = undefined;
    r.engine.resolveClipboard(r.insert(0, big)!, undefined);
    r.at(11_000).engine.tick();
    const seq = labels(r);
    assert.equal(seq[0], 'chat/heuristic/1');
    // The 4th large insertion within 500 ms is an agent burst (inline accepts are emitted when they end, so sort).
    assert.deepEqual(seq.slice(1, 5).sort(), ['agent/heuristic/1', 'inline/heuristic/1', 'inline/heuristic/1', 'inline/heuristic/1']);
    assert.deepEqual(seq.slice(5), ['agent/heuristic/1', 'inline/heuristic/1', 'bulk/heuristic/1', 'bulk/heuristic/1']);
    assert.deepEqual(r.of('ai_insertion').map((e) => e.origin).sort(), ['agent', 'agent', 'chat', 'inline', 'inline', 'inline', 'inline']);
  });

  it('uses the proposed detailedReason when present, and the pattern tag before our own edit', () => {
    const r = new Replay();
    r.insert(0, 'x = 1', { detailedSource: 'inline-completion' });
    r.insert(0, 'y = 2;\n', { detailedSource: 'chat-edit' });
    r.engine.expectPatternInsertion(r.uri, 'function retry() {}', 'pat-7');
    r.insert(0, 'function retry() {}\n');
    r.insert(0, 'z', { detailedSource: 'keyboard' });
    r.engine.flush();
    assert.deepEqual(labels(r), ['inline/exact/1', 'chat/exact/1', 'pattern/exact/1', 'typed/strong/1']);
    const pattern = r.of('ai_insertion').find((e) => e.origin === 'pattern')!;
    assert.equal(pattern.patternId, 'pat-7');
    assert.equal(pattern.tool, undefined);
  });

  it('keeps the pattern tag for an edit with the announced text that arrives late (a stalled host), not for another edit', () => {
    const r = new Replay();
    r.engine.expectPatternInsertion(r.uri, 'function retry() {\n  return 1;\n}', 'pat-8');
    r.at(10_000);
    // Snippet insertion re-indents every line after the first.
    r.insert(0, 'function retry() {\n      return 1;\n    }');
    r.engine.expectPatternInsertion(r.uri, 'function other() {}', 'pat-9');
    r.at(10_000);
    r.insert(0, 'z');
    r.insert(0, 'function unrelated() { return 2; }\n');
    r.engine.flush();
    const ins = r.of('ai_insertion');
    assert.deepEqual(ins.filter((e) => e.origin === 'pattern').map((e) => e.patternId), ['pat-8']);
  });

  it('never captures excluded files or other schemes, and stores text only at the text level (redacted)', () => {
    const r = new Replay('file:///ws/.env.local');
    r.insert(0, 'A');
    const out = new Replay('output:extension-output-1');
    out.engine.onChange({ uri: out.uri, scheme: 'output', path: '/x', languageId: 'log', changes: [{ rangeOffset: 0, rangeLength: 0, text: 'hi' }], isActiveEditor: false });
    r.engine.flush();
    out.engine.flush();
    assert.equal(r.events.length + out.events.length, 0);

    const meta = new Replay();
    meta.insert(0, 'k = 1', { detailedSource: 'chat-edit' });
    meta.engine.flush();
    assert.equal(meta.of('ai_insertion')[0].text, undefined);
    const text = new Replay('file:///ws/a.py', { level: 'text' });
    text.insert(0, 'key = "AKIAZ7Q3W5N2X4R6T7Y2"\n', { detailedSource: 'chat-edit' });
    text.engine.flush();
    assert.equal(text.of('ai_insertion')[0].text, 'key = "[REDACTED:aws-access-token]"\n');
    assert.match(text.of('ai_insertion')[0].textHash, /^[0-9a-f]{16}$/);
  });
});
