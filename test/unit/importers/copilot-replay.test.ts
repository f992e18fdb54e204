import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecordedEvent } from '../../../src/core/model/events';
import { emitSessionObject } from '../../../src/core/importers/copilot-session-json';
import { makeContext } from '../../../src/core/importers/jsonl-driver';
import { FIXTURES, QUIET, collect, withTmp } from './helpers';
import { rng } from '../../../src/core/util/random';


type Path = (string | number)[];
type Node = Record<string | number, unknown>;

function allPaths(value: unknown, prefix: Path, out: Path[]): void {
  if (prefix.length > 0) out.push(prefix);
  if (value === null || typeof value !== 'object' || prefix.length > 7) return;
  if (Array.isArray(value)) value.forEach((v, i) => allPaths(v, [...prefix, i], out));
  else for (const [k, v] of Object.entries(value)) allPaths(v, [...prefix, k], out);
}

/** Plain replay (the reference semantics, nothing pruned): false when the mutation does not apply. */
function plainApply(state: Node, m: { kind: number; k: Path; v?: unknown; i?: number }): boolean {
  let parent: unknown = state;
  for (const key of m.k.slice(0, -1)) {
    if (parent === null || typeof parent !== 'object' || !Object.hasOwn(parent, key)) return false;
    parent = (parent as Node)[key];
  }
  if (parent === null || typeof parent !== 'object') return false;
  const p = parent as Node;
  const last = m.k[m.k.length - 1];
  if (m.kind === 1) p[last] = structuredClone(m.v);
  else if (m.kind === 3) {
    if (Array.isArray(p) && typeof last === 'number') p.splice(last, 1);
    else delete p[last];
  } else {
    const target = p[last];
    if (!Array.isArray(target) || !Array.isArray(m.v)) return false;
    if (m.i !== undefined) target.length = Math.min(target.length, m.i);
    target.push(...(structuredClone(m.v) as unknown[]));
  }
  return true;
}

const VALUES: unknown[] = [
  1, 0, 2.5, 'x', '', null, true, {}, [], 'incorrectCode', { type: 0 }, { isError: true }, { value: 'hello\nworld' },
  { timings: { firstProgress: 7, totalElapsed: 50 } }, { errorDetails: { message: 'e' } }, [{ text: 'a\nb' }],
  { kind: 'markdownContent', content: { value: 'some text' } }, { kind: 'toolInvocationSerialized', toolId: 't', toolCallId: 'c', isComplete: true },
  { kind: 'textEditGroup', uri: { path: '/a.ts' }, edits: [[{ text: 'x\ny' }]] }, { id: 'github.copilot.editsAgent' }, { kind: 'ask' },
];

/** A random stream of mutations that a plain replay accepts, on the real fixture, and the state it leads to. */
function randomLog(seed: number, fixture: string[]): { lines: string[]; state: Node } {
  const rand = rng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)];
  const state = (JSON.parse(fixture[0]) as { v: Node }).v;
  const pushed = (JSON.parse(fixture[3]) as { v: Node[] }).v[0];
  const lines = [fixture[0]];
  for (let n = 0; lines.length < 80 && n < 400; n++) {
    const paths: Path[] = [];
    allPaths(state, [], paths);
    // Also set read fields the fixture lacks (vote, cancellation, token counts, mode).
    const extra = ['vote', 'voteDownReason', 'isCanceled', 'completionTokens', 'modeInfo', 'modelId'];
    const k = rand() < 0.15 ? ['requests', Math.floor(rand() * 3), pick(extra)] : pick(paths);
    const kind = pick([1, 1, 2, 2, 3]);
    const m =
      kind === 2
        ? rand() < 0.2
          ? { kind, k: ['requests'], v: [{ ...pushed, requestId: `r${n}` }], ...(rand() < 0.1 ? { i: 2 } : {}) }
          : { kind, k, v: [pick(VALUES), pick(VALUES)], ...(rand() < 0.3 ? { i: Math.floor(rand() * 3) } : {}) }
        : kind === 3
          ? { kind, k }
          : { kind, k, v: pick(VALUES) };
    // Keep most requests emittable: rarely touch the session's identity or a request's id and time.
    const identity = m.k.length <= 2 || m.k[2] === 'requestId' || m.k[2] === 'timestamp';
    if (m.k[0] !== 'inputState' && identity && !(m.kind === 2 && m.k.length === 1) && rand() < 0.95) continue;
    if (plainApply(state, m)) lines.push(JSON.stringify(m));
  }
  return { lines, state };
}

describe('Copilot mutation log replay (pruned state)', () => {
  it('gives the same events as a plain replay of the whole state, on 80 random mutation streams', async () => {
    const fixture = (await readFile(join(FIXTURES, 'copilot-chat-session-mutation-log.jsonl'), 'utf8')).split('\n').filter(Boolean);
    await withTmp(async (dir) => {
      const path = join(dir, 'r.jsonl');
      let compared = 0;
      for (let seed = 1; seed <= 80; seed++) {
        const { lines, state } = randomLog(seed, fixture);
        await writeFile(path, lines.join('\n') + '\n');
        const got = await collect(path, 'copilot-mutation-log', { ...QUIET, includeText: true });
        const expected: RecordedEvent[] = [];
        const ctx = makeContext(path, { ...QUIET, includeText: true }, (e) => expected.push(e));
        emitSessionObject(state, true, ctx);
        const records = got.events.filter((e) => e.kind !== 'import_cursor');
        assert.deepEqual(records.map((e) => JSON.stringify(e)), expected.map((e) => JSON.stringify(e)), `seed ${seed}`);
        assert.equal(got.result.skipped.bad_mutation, undefined, `seed ${seed}`);
        compared += records.length;
      }
      assert.ok(compared > 500, `compared ${compared} events`);
    });
  });

  it('accepts mutations under fields it never reads, still counts malformed ones', async () => {
    const fixture = (await readFile(join(FIXTURES, 'copilot-chat-session-mutation-log.jsonl'), 'utf8')).split('\n').filter(Boolean);
    await withTmp(async (dir) => {
      const path = join(dir, 'm.jsonl');
      const extra = [
        { kind: 1, k: ['inputState', 'selections', 0, 'startColumn'], v: 3 },
        { kind: 2, k: ['requests', 0, 'result', 'metadata', 'toolCallRounds'], v: [{ id: 1 }] },
        { kind: 3, k: ['requests', 1, 'variableData'] },
        { kind: 1, k: ['requests', 1, 'followups'], v: [{ message: 'more?' }] },
        { kind: 4, k: ['inputState', 'inputText'], v: 'x' },
        { kind: 2, k: ['inputState', 'attachments'], v: 'not an array' },
        { kind: 1, k: ['requests', 7, 'followups'], v: [] },
      ];
      await writeFile(path, [...fixture, ...extra.map((m) => JSON.stringify(m))].join('\n') + '\n');
      const c = await collect(path, 'copilot-mutation-log');
      assert.equal(c.interactions.length, 2);
      assert.deepEqual(c.result.skipped, { bad_mutation: 3 });
    });
  });

  it('keeps a long prompt whole, so its intent and length are those of the .json importer', async () => {
    const fixture = (await readFile(join(FIXTURES, 'copilot-chat-session-mutation-log.jsonl'), 'utf8')).split('\n').filter(Boolean);
    const prompt = `Why does this crash with a TypeError when the list is empty? ${'Here is the stack trace line. '.repeat(30)}`;
    assert.ok(prompt.length > 512);
    await withTmp(async (dir) => {
      const path = join(dir, 'm.jsonl');
      const edit = { kind: 1, k: ['requests', 0, 'message', 'text'], v: prompt };
      await writeFile(path, [...fixture, JSON.stringify(edit)].join('\n') + '\n');
      const c = await collect(path, 'copilot-mutation-log', { ...QUIET, includeText: true });
      const first = c.interactions[0];
      assert.equal(first.intent, 'debugging');
      assert.equal(first.promptChars, prompt.length);
      assert.equal(first.prompt, prompt);
    });
  });
});
