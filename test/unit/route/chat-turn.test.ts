import assert from 'node:assert/strict';
import type { LearningEvent } from '../../../src/core/model/events';
import { AnswerOutcomes } from '../../../src/core/route/answer-outcomes';
import { blockHashes, codeBlocks, promptText, turnEvents, type FinishedTurn } from '../../../src/core/route/chat-turn';
import type { RankedModel, RouteDecision } from '../../../src/core/route/router';
import { fastHash } from '../../../src/core/util/hash';

const ranked = (id: string, score: number): RankedModel => ({ model: { id, name: id, vendor: 'v' }, score, confidence: 0.2, n: 0, basis: 'cold-start' });
const decision: RouteDecision = { ranked: [ranked('fail', 6), ranked('good', 5)], chosen: ranked('fail', 6), explored: false, reason: 'fail: cold start' };
const task = { intent: 'refactor' as const, taskType: 'refactor', complexity: 'low' as const, language: 'typescript' };

describe('the chat participant\'s turn (pure parts)', () => {
  it('builds the prompt from the request, the selection and the patterns, in that order', () => {
    assert.equal(promptText(' make it shorter ', { text: 'const a = 1;', language: 'typescript' }, ''),
      'make it shorter\n\nThe code this is about (selected in the editor):\n```typescript\nconst a = 1;\n```');
    assert.equal(promptText('x', undefined, '## P'), 'x\n\nPatterns from your own code that worked (use them where they fit):\n\n## P');
  });

  it('finds the fenced code blocks of an answer and hashes them as capture hashes an insertion', () => {
    const md = 'Intro\n```ts\nconst a = 1;\n```\ntext\n````md\n```inner```\n````\n';
    assert.deepEqual(codeBlocks(md), ['const a = 1;\n', '```inner```\n']);
    assert.deepEqual(blockHashes('const a = 1;\n'), [fastHash('const a = 1;\n'), fastHash('const a = 1;')]);
  });

  it('records a fallen-back turn: the interaction of the model that answered, route, fallback, estimate, outcome, A/B assignment', () => {
    const t: FinishedTurn = {
      requestId: 'r1', ts: 1000, task, decision, promptChars: 10, responseChars: 50, codeBlocks: 1, firstTokenMs: 20, tokensIn: 3, tokensOut: 40,
      attempts: [{ model: 'fail', failure: 'quota', elapsedMs: 30 }, { model: 'good', elapsedMs: 120 }],
      estimate: { input: 3, output: 600, baseInput: 3, baseOutput: 600, inputFactor: 1, outputFactor: 1 }, ab: [{ testId: 't1', arm: 'treatment' }],
    };
    const ev = turnEvents(t);
    assert.deepEqual(ev.map((e) => (e.kind === 'learning' ? `${e.what}:${e.id}` : e.kind)),
      ['ai_interaction', 'ai_interaction', 'route:route:r1', 'fallback:fallback:r1:1', 'estimate:estimate:r1', 'ab_assignment:ab:t1:r1', 'outcome:outcome:r1:0']);
    // The failed model's request is an interaction of its own (routing learns its failure from it).
    assert.deepEqual(ev[0], {
      kind: 'ai_interaction', ts: 1000, id: 'r1#1', sourceTool: 'ai-learning', interaction: 'chat', intent: 'refactor', promptChars: 10,
      latencyMs: 30, success: false, model: 'fail',
    });
    assert.deepEqual({ ...ev[1] }, {
      kind: 'ai_interaction', ts: 1000, id: 'r1', sourceTool: 'ai-learning', interaction: 'chat', intent: 'refactor', promptChars: 10,
      responseChars: 50, latencyMs: 120, success: true, model: 'good', firstTokenMs: 20, tokensIn: 3, tokensOut: 40,
    });
    const data = (i: number) => (ev[i + 1] as { data: Record<string, unknown> }).data;
    assert.deepEqual(data(2), { requestId: 'r1', attempt: 1, from: 'fail', failure: 'quota', to: 'good', succeeded: true });
    // qualityScore: 5 + completed 1 + code offered but not (yet) inserted -0.5.
    assert.equal(data(5).quality, 5.5);
    assert.equal(data(1).chosen, 'fail');
  });

  it('a turn whose every model failed is recorded unsuccessful with quality 0', () => {
    const ev = turnEvents({ requestId: 'r2', ts: 1, task, decision, promptChars: 1, responseChars: 0, codeBlocks: 0,
      attempts: [{ model: 'fail', failure: 'timeout', elapsedMs: 5 }] });
    assert.equal((ev[0] as { success?: boolean }).success, false);
    assert.equal((ev.find((e) => e.kind === 'learning' && e.what === 'outcome') as unknown as { data: { quality: number } }).data.quality, 0);
  });
});

describe('answer outcomes, measured not asked', () => {
  const answer = (id: string, prompt: string, ts: number) => ({
    requestId: id, taskType: 'refactor', model: 'good', prompt, ts, blockHashes: blockHashes('const a = 1;\n'), signals: { completed: true, codeBlocks: 1 },
  });

  it('a vote re-scores the answer (up: 5 + 1 - 0.5 + 3 = 8.5; then down: 5 + 1 - 0.5 - 4 = 1.5)', () => {
    const o = new AnswerOutcomes();
    o.answered(answer('a', 'extract the parser into a function', 0));
    const [up] = o.vote('a', 1, 10) as LearningEvent[];
    assert.equal(up.id, 'outcome:a:1');
    assert.equal(up.data.quality, 8.5);
    assert.equal((o.vote('a', -1, 20) as LearningEvent[])[0].data.quality, 1.5);
    assert.deepEqual(o.vote('unknown', 1, 30), []);
  });

  it('a rephrased follow-up within 3 minutes marks the previous answer negative; a later one does not', () => {
    const o = new AnswerOutcomes();
    o.answered(answer('a', 'extract the parser into its own function', 0));
    const [neg] = o.answered(answer('b', 'please extract the parser into a separate function', 60_000)) as LearningEvent[];
    assert.equal(neg.data.requestId, 'a');
    assert.equal(neg.data.quality, 3.5);
    assert.deepEqual(o.answered(answer('c', 'please extract the parser into a separate function again', 60_000 + 181_000)), []);
  });

  it('an insertion of an answer\'s code block links by hash; survival at 10 minutes and at commit re-score it', () => {
    const o = new AnswerOutcomes();
    o.answered(answer('a', 'p', 0));
    const ins = { kind: 'ai_insertion', ts: 5, id: 'i1', origin: 'chat', fileHash: 'f', language: 'typescript', chars: 12, lines: 1, precision: 'heuristic', confidence: 0.7, textHash: fastHash('const a = 1;') } as const;
    const other = { ...ins, id: 'i2', textHash: fastHash('something else') };
    const [linked] = o.observe([ins, other], 5) as LearningEvent[];
    assert.equal(linked.data.quality, 7); // 5 + 1 + inserted 1
    const s10 = <LearningEvent[]>o.observe([{ kind: 'survival', ts: 600_005, insertionId: 'i1', checkpoint: '10m', charsKept: 9, charsTotal: 12 }], 600_005);
    assert.equal(s10[0].data.quality, 8); // + 2 * (2 * 0.75 - 1)
    const sc = <LearningEvent[]>o.observe([{ kind: 'survival', ts: 700_000, insertionId: 'i1', checkpoint: 'commit', charsKept: 0, charsTotal: 12, lost: true }], 700_000);
    assert.equal(sc[0].data.quality, 6.5); // + 1.5 * (2 * 0 - 1)
    assert.deepEqual(o.observe([{ kind: 'survival', ts: 1, insertionId: 'i2', checkpoint: '10m', charsKept: 1, charsTotal: 1 }], 1), []);
  });

  it('rates the patterns injected into the prompt once the outcome is settled: kept at quality >= 7, once', () => {
    const o = new AnswerOutcomes();
    o.answered({ ...answer('a', 'p', 0), patternIds: ['p1', 'p2'] });
    const ev = o.vote('a', 1, 10);
    assert.deepEqual(ev.filter((e) => e.kind === 'pattern_usage').map((e) => e.kind === 'pattern_usage' && [e.patternId, e.action]), [['p1', 'kept'], ['p2', 'kept']]);
    assert.equal(o.vote('a', -1, 20).filter((e) => e.kind === 'pattern_usage').length, 0);
  });
});
