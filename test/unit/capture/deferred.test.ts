import assert from 'node:assert/strict';
import { MAX_DEFERRED, MAX_INSERTION_TEXT } from '../../../src/core/capture/deferred';
import { fastHash } from '../../../src/core/util/hash';
import { Replay } from './helpers';

/** A chat edit (exact via detailedReason): committed on the change itself. */
const chat = { detailedSource: 'chat-edit' };

function code(lines: number): string {
  return Array.from({ length: lines }, (_, i) => `export const value${i} = compute(${i});\n`).join('');
}

describe('ai_insertion events are completed and written off the keystroke', () => {
  it('writes insertions at the next tick, in order, with fastHash of their text', () => {
    const r = new Replay();
    const short = 'const a = compute(1);\n';
    const long = code(100);
    r.insert(0, short, chat);
    r.at(1000).insert(short.length, long, chat);
    assert.equal(r.of('ai_insertion').length, 0, 'nothing written on the keystrokes');
    r.at(4000).engine.tick();
    assert.deepEqual(r.of('ai_insertion').map((e) => [e.chars, e.textHash]), [[short.length, fastHash(short)], [long.length, fastHash(long)]]);
  });

  it('writes a waiting insertion before its first survival event (a save right after it)', () => {
    const r = new Replay();
    r.insert(0, code(80), chat);
    r.at(200).engine.onSave(r.uri);
    const kinds = r.events.filter((e) => e.kind === 'ai_insertion' || e.kind === 'survival').map((e) => e.kind);
    assert.deepEqual(kinds, ['ai_insertion', 'survival']);
  });

  it('bounds what waits: beyond MAX_DEFERRED insertions they are written at once', () => {
    const r = new Replay();
    for (let i = 0; i <= MAX_DEFERRED; i++) r.at(600).insert(0, `const v${i} = ${i};\n`, chat);
    assert.equal(r.of('ai_insertion').length, MAX_DEFERRED + 1);
  });

  it('redacts the text at the text level when it is completed, and flush completes it', () => {
    const r = new Replay(undefined, { level: 'text' });
    const secret = 'const token = "ghp_Q8mZ2vN4xK7pR1tY6wB3cF9hJ5lD0sA2eG8u";\n';
    const long = code(60) + secret;
    r.insert(0, long, chat);
    assert.equal(r.of('ai_insertion').length, 0);
    r.engine.flush();
    const [ins] = r.of('ai_insertion');
    assert.equal(ins.textHash, fastHash(long));
    assert.ok(ins.text?.includes('[REDACTED:github-pat]') && !ins.text.includes('ghp_'), ins.text?.slice(-80));
  });

  it('keeps at most MAX_INSERTION_TEXT characters of a large insertion, says so, and hashes all of it', () => {
    const r = new Replay(undefined, { level: 'text' });
    const big = `const img = "data:image/png;base64,${'iVBORw0KGgo'.repeat(20_000)}";\n`;
    r.insert(0, big, chat);
    r.engine.flush();
    const [ins] = r.of('ai_insertion');
    assert.equal(ins.textHash, fastHash(big));
    assert.ok(ins.text !== undefined && ins.text.length < MAX_INSERTION_TEXT + 64, String(ins.text?.length));
    assert.match(ins.text, /\[truncated: \d+ characters not kept\]$/);
  });
});
