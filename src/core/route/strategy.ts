/**
 * The strategy of one `@learn` request (seed 004's A/B tests, issue 15): whether the proven patterns go into the
 * prompt, which model leads (learned routing, or the model selected in the chat), and an instruction put before the
 * request. The settings decide it, unless a running A/B test assigns the request an arm; an accepted winner becomes
 * the setting (`winnerSetting`), so the strategy it won with stays after the test.
 */

/** `aiLearning.chat.routing`: routing by what worked (default), or always the model selected in the chat. */
export type RoutingMode = 'learned' | 'default';

export interface StrategySettings {
  injectPatterns: boolean;
  routing: RoutingMode;
  /** `aiLearning.chat.instruction`: put before every request ('' none). */
  instruction: string;
}

/** The kinds of A/B test, the value of each arm, and the setting each value stands for once accepted. */
export const TEST_KINDS = [
  { kind: 'pattern_injection', label: 'Patterns in the prompt: off vs on', control: 'off', treatment: 'on', detail: 'Does putting your proven patterns into the prompt give better answers per dollar?' },
  { kind: 'routing', label: 'Learned routing vs your default model', control: 'default', treatment: 'learned', detail: 'Does @learn\'s choice beat the model selected in the chat?' },
  { kind: 'prompt_variant', label: 'Two prompts: plain vs with your instruction', control: 'default', treatment: '', detail: 'Does an instruction you write (put before each request) give better answers per dollar?' },
] as const;

export type TestKind = (typeof TEST_KINDS)[number]['kind'];

/** The longest instruction a prompt-variant test (or the setting) takes: it goes into every request of its arm. */
export const MAX_INSTRUCTION_CHARS = 2_000;

/** Why a typed instruction cannot be a treatment, or undefined when it can. */
export function instructionProblem(text: string): string | undefined {
  const t = text.trim();
  if (!t) return 'Type the instruction the treatment puts before each request.';
  if (t.length > MAX_INSTRUCTION_CHARS) return `At most ${MAX_INSTRUCTION_CHARS} characters (this one has ${t.length}).`;
  if (t === 'default') return '"default" is the control\'s name; write the instruction itself.';
  return undefined;
}

export interface Strategy {
  inject: boolean;
  /** The model to lead with (the user's pick for this task type, or the chat's selected model), if any. */
  preferred?: string;
  /** Why `preferred` leads, for the one-line reason ("you chose it", "your default model ..."). */
  preferredWhy?: string;
  /** Text put before the request. */
  instruction?: string;
}

/**
 * This request's strategy. `ab` is the running test's kind and the value of the arm the request is in; `picked` the
 * model the user picked for the task type ("Use another model": it wins over routing, except in the routing test's
 * default arm); `selected` the model selected in the chat.
 */
export function strategyFor(
  s: StrategySettings, ab: { kind: string; value: string } | undefined, picked: string | undefined, selected: string | undefined,
): Strategy {
  let inject = s.injectPatterns;
  let routing = s.routing;
  let instruction = s.instruction.trim();
  if (ab?.kind === 'pattern_injection') inject = ab.value === 'on';
  else if (ab?.kind === 'routing') routing = ab.value === 'default' ? 'default' : 'learned';
  else if (ab?.kind === 'prompt_variant') instruction = ab.value === 'default' ? '' : ab.value.trim();
  const out: Strategy = { inject };
  if (instruction) out.instruction = instruction.slice(0, MAX_INSTRUCTION_CHARS);
  // The routing test's default arm leads with the selected model even over the user's pick (the arms must differ).
  if (ab?.kind === 'routing' && routing === 'default' && selected) Object.assign(out, { preferred: selected, preferredWhy: 'A/B test: your default model' });
  else if (picked) Object.assign(out, { preferred: picked, preferredWhy: 'you chose it' });
  else if (routing === 'default' && selected) Object.assign(out, { preferred: selected, preferredWhy: 'your default model (routing: default)' });
  return out;
}

/** The setting an accepted winner becomes: `aiLearning.<key>` = value. */
export function winnerSetting(test: { kind: string; control: string; treatment: string }, winner: 'control' | 'treatment'): { key: string; value: boolean | string } | undefined {
  const value = winner === 'control' ? test.control : test.treatment;
  switch (test.kind) {
    case 'pattern_injection': return { key: 'chat.injectPatterns', value: value === 'on' };
    case 'routing': return { key: 'chat.routing', value: value === 'default' ? 'default' : 'learned' };
    case 'prompt_variant': return { key: 'chat.instruction', value: value === 'default' ? '' : value };
    default: return undefined;
  }
}
