import assert from 'node:assert/strict';
import { assignArm } from '../../../src/core/route/ab-test';
import { instructionProblem, MAX_INSTRUCTION_CHARS, strategyFor, TEST_KINDS, winnerSetting } from '../../../src/core/route/strategy';

const SETTINGS = { injectPatterns: true, routing: 'learned' as const, instruction: '' };

describe('@learn strategies: settings, A/B arms and accepted winners', () => {
  it('offers the three kinds of test; the prompt-variant control is the plain prompt', () => {
    assert.deepEqual(TEST_KINDS.map((k) => [k.kind, k.control]), [['pattern_injection', 'off'], ['routing', 'default'], ['prompt_variant', 'default']]);
  });

  it('settings alone: learned routing leaves the choice to the router; routing "default" leads with the chat\'s selected model', () => {
    assert.deepEqual(strategyFor(SETTINGS, undefined, undefined, 'gpt-x'), { inject: true });
    assert.deepEqual(strategyFor({ ...SETTINGS, routing: 'default' }, undefined, undefined, 'gpt-x'),
      { inject: true, preferred: 'gpt-x', preferredWhy: 'your default model (routing: default)' });
    // No model selected in the chat (a host test, an old VS Code): nothing to lead with.
    assert.deepEqual(strategyFor({ ...SETTINGS, routing: 'default' }, undefined, undefined, undefined), { inject: true });
    // The user's own pick for the task type wins over the setting.
    assert.equal(strategyFor({ ...SETTINGS, routing: 'default' }, undefined, 'claude-y', 'gpt-x').preferred, 'claude-y');
    assert.deepEqual(strategyFor({ ...SETTINGS, instruction: '  Be brief.  ' }, undefined, undefined, undefined), { inject: true, instruction: 'Be brief.' });
  });

  it('a running test\'s arm overrides the setting it tests, and only that one', () => {
    const s = { ...SETTINGS, instruction: 'Be brief.' };
    assert.deepEqual(strategyFor(s, { kind: 'pattern_injection', value: 'off' }, undefined, 'gpt-x'), { inject: false, instruction: 'Be brief.' });
    assert.deepEqual(strategyFor(s, { kind: 'routing', value: 'default' }, 'claude-y', 'gpt-x'),
      { inject: true, instruction: 'Be brief.', preferred: 'gpt-x', preferredWhy: 'A/B test: your default model' });
    assert.deepEqual(strategyFor({ ...s, routing: 'default' }, { kind: 'routing', value: 'learned' }, undefined, 'gpt-x'), { inject: true, instruction: 'Be brief.' });
    assert.deepEqual(strategyFor(s, { kind: 'prompt_variant', value: 'default' }, undefined, undefined), { inject: true });
    assert.deepEqual(strategyFor(s, { kind: 'prompt_variant', value: 'Code first, then three lines.' }, undefined, undefined),
      { inject: true, instruction: 'Code first, then three lines.' });
  });

  it('a prompt-variant test assigns about half of the requests the instruction (seeded: the same request, the same arm)', () => {
    const test = { id: 'ab-1', ratio: 0.5, seed: 'ab-1', minSamples: 30 };
    const arms = Array.from({ length: 1000 }, (_, i) => assignArm(test, `req-${i}`));
    const withInstruction = arms.filter((a) => strategyFor(SETTINGS, { kind: 'prompt_variant', value: a === 'control' ? 'default' : 'Be brief.' }, undefined, undefined).instruction).length;
    assert.equal(withInstruction, arms.filter((a) => a === 'treatment').length);
    assert.ok(withInstruction > 450 && withInstruction < 550, String(withInstruction));
    assert.equal(assignArm(test, 'req-7'), arms[7]);
  });

  it('an accepted winner becomes its setting', () => {
    assert.deepEqual(winnerSetting({ kind: 'routing', control: 'default', treatment: 'learned' }, 'control'), { key: 'chat.routing', value: 'default' });
    assert.deepEqual(winnerSetting({ kind: 'routing', control: 'default', treatment: 'learned' }, 'treatment'), { key: 'chat.routing', value: 'learned' });
    assert.deepEqual(winnerSetting({ kind: 'pattern_injection', control: 'off', treatment: 'on' }, 'control'), { key: 'chat.injectPatterns', value: false });
    assert.deepEqual(winnerSetting({ kind: 'prompt_variant', control: 'default', treatment: 'Be brief.' }, 'treatment'), { key: 'chat.instruction', value: 'Be brief.' });
    assert.deepEqual(winnerSetting({ kind: 'prompt_variant', control: 'default', treatment: 'Be brief.' }, 'control'), { key: 'chat.instruction', value: '' });
    assert.equal(winnerSetting({ kind: 'unknown', control: 'a', treatment: 'b' }, 'control'), undefined);
  });

  it('rejects an empty, oversized or "default" instruction with a message', () => {
    assert.match(instructionProblem('   ') ?? '', /Type the instruction/);
    assert.match(instructionProblem('x'.repeat(MAX_INSTRUCTION_CHARS + 1)) ?? '', /At most 2000/);
    assert.match(instructionProblem('default') ?? '', /control/);
    assert.equal(instructionProblem('Answer with the code first.'), undefined);
  });
});
