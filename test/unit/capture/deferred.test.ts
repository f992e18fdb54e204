import assert from 'node:assert/strict';
import { LONG_INSERTION_CHARS } from '../../../src/core/capture/deferred';
import { fastHash } from '../../../src/core/util/hash';
import { Replay } from './helpers';

/** A chat edit (exact via detailedReason): committed on the change itself. */
const chat = { detailedSource: 'chat-edit' };

function longCode(lines: number): string {
  return Array.from({ length: lines }, (_, i) => `export const value${i} = compute(${i});\n`).join('');
}

describe('long AI insertions are hashed off the keystroke', () => {
  it('emits a short insertion on the change, a long one at the next tick, both with fastHash of their text', () => {
    const r = new Replay();
    const short = 'const a = compute(1);\n';
    r.insert(0, short, chat);
    assert.deepEqual(r.of('ai_insertion').map((e) => e.textHash), [fastHash(short)]);
    const long = longCode(100);
    assert.ok(long.length > LONG_INSERTION_CHARS);
    r.at(1000).insert(short.length, long, chat);
    assert.equal(r.of('ai_insertion').length, 1, 'the long one waits');
    r.at(5000).engine.tick();
    const ins = r.of('ai_insertion');
    assert.deepEqual(ins.map((e) => [e.chars, e.textHash]), [[short.length, fastHash(short)], [long.length, fastHash(long)]]);
  });

  it('writes a waiting insertion before its first survival event (a save right after it)', () => {
    const r = new Replay();
    r.insert(0, longCode(80), chat);
    r.at(200).engine.onSave(r.uri);
    const kinds = r.events.filter((e) => e.kind === 'ai_insertion' || e.kind === 'survival').map((e) => e.kind);
    assert.deepEqual(kinds, ['ai_insertion', 'survival']);
  });

  it('redacts the text of a long insertion at the text level when it is completed, and flush completes it', () => {
    const r = new Replay(undefined, { level: 'text' });
    const secret = 'const token = "ghp_1234567890abcdefghijklmnopqrstuvwxyzAB";\n';
    const long = longCode(60) + secret;
    r.insert(0, long, chat);
    assert.equal(r.of('ai_insertion').length, 0);
    r.engine.flush();
    const [ins] = r.of('ai_insertion');
    assert.equal(ins.textHash, fastHash(long));
    assert.ok(ins.text?.includes('[REDACTED:github-token]') && !ins.text.includes('ghp_'), ins.text?.slice(-80));
  });
});
