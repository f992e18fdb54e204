import assert from 'node:assert/strict';
import { MAX_OWN_ANSWERS, OWN_ANSWER_WINDOW_MS, OwnAnswers } from '../../../src/core/capture/own-answers';
import { blockHashes, codeBlocks } from '../../../src/core/route/chat-turn';
import { AnswerOutcomes } from '../../../src/core/route/answer-outcomes';
import { Replay } from './helpers';

const ANSWER = 'Here is a helper:\n\n```ts\nexport function twice(n: number): number {\n  return n * 2;\n}\n```\n';
const BLOCK = codeBlocks(ANSWER)[0];

/** A replay with no AI extension active (a VS Code with only our extension) that saw @learn answer ANSWER. */
function answered(): Replay {
  const r = new Replay();
  r.aiTool = undefined;
  r.engine.expectChatAnswer(blockHashes(BLOCK));
  return r;
}

describe('capture: insertions of @learn\'s answers (no AI extension active)', () => {
  it('an "Insert at Cursor" of an answer\'s block (one edit, not the clipboard) is chat from ai-learning, and the tracker links it', () => {
    const r = answered();
    r.type(0, 'x');
    const token = r.insert(1, BLOCK);
    assert.ok(token !== undefined, 'an insertion waits for the clipboard');
    r.engine.resolveClipboard(token, 'something else');
    r.engine.tick();
    const ins = r.of('ai_insertion');
    assert.equal(ins.length, 1);
    assert.deepEqual([ins[0].origin, ins[0].precision, ins[0].tool, ins[0].chars], ['chat', 'strong', 'ai-learning', BLOCK.length]);
    // The outcome tracker links it by the hash (written independently: blockHashes covers the block as it is).
    const outcomes = new AnswerOutcomes();
    outcomes.answered({ requestId: 'q1', taskType: 'code_generation', model: 'm', prompt: 'p', ts: r.now, blockHashes: blockHashes(BLOCK), signals: { completed: true, codeBlocks: 1 } });
    const scored = outcomes.observe(ins, r.now);
    assert.equal(scored.length, 1);
    assert.equal(scored[0].kind === 'learning' && scored[0].data.quality, 7); // 5 + answered 1 + a block inserted 1
  });

  it('without the final newline too; the user\'s typing and a paste of the same text keep their labels', () => {
    const r = answered();
    const bare = BLOCK.replace(/\n$/, '');
    r.engine.resolveClipboard(r.insert(0, bare)!, undefined);
    const pasted = r.insert(r.text.length, `\n${BLOCK}`);
    r.engine.resolveClipboard(pasted!, `\n${BLOCK}`);
    r.type(r.text.length, 'ok');
    r.engine.flush();
    assert.deepEqual(r.of('ai_insertion').map((e) => [e.origin, e.chars]), [['chat', bare.length]]);
    const labels = r.of('text_change').map((e) => e.label);
    assert.ok(labels.includes('paste') && labels.includes('typed'), labels.join());
  });

  it('other text, or the block an hour after the answer, is bulk as before (no AI extension active)', () => {
    const r = answered();
    r.engine.resolveClipboard(r.insert(0, 'export const other = 1;\nexport const more = 2;\nexport const last = 3;\n')!, undefined);
    r.at(OWN_ANSWER_WINDOW_MS + 1);
    r.engine.resolveClipboard(r.insert(0, BLOCK)!, undefined);
    r.engine.tick();
    assert.equal(r.of('ai_insertion').length, 0);
    assert.deepEqual(r.of('text_change').map((e) => e.label), ['bulk', 'bulk']);
  });

  it('keeps the last MAX_OWN_ANSWERS answers, and hashes nothing when there are none', () => {
    const own = new OwnAnswers();
    assert.equal(own.hashes(0).size, 0);
    for (let i = 0; i <= MAX_OWN_ANSWERS; i++) own.add(i, [`h${i}`]);
    const set = own.hashes(MAX_OWN_ANSWERS);
    assert.equal(set.size, MAX_OWN_ANSWERS);
    assert.equal(set.has('h0'), false);
    assert.equal(set.has(`h${MAX_OWN_ANSWERS}`), true);
  });
});
