import type { Intent } from '../model/events';

/**
 * The former rule-based intent classifier, kept unchanged as the reference the learned model is measured against
 * (docs/intent-evaluation.md): weighted keyword rules per intent, highest total wins, ties broken by the order of
 * `PRIORITY`; no rule hit gives 'other'. classifyIntent (intent.ts) keeps its answer only for the labels where it
 * beat the model in grouped cross-validation (listed in intent-model.json).
 */
interface Rule {
  intent: Exclude<Intent, 'other'>;
  pattern: RegExp;
  weight: number;
}

const RULES: readonly Rule[] = [
  // debugging
  { intent: 'debugging', pattern: /\b(bug|bugs|error|errors|exception|stack ?trace|traceback|crash(es|ed|ing)?|fails?|failing|failed|broken|doesn'?t work|does not work|not working|isn'?t working|wrong (result|output|value)|undefined is not|null pointer|segfault|panic|hangs?|freez\w*)\b/i, weight: 2 },
  { intent: 'debugging', pattern: /\b(fix|debug|diagnose|troubleshoot|why (is|does|do|am|are)|what'?s wrong|figure out why)\b/i, weight: 2 },
  { intent: 'debugging', pattern: /\b(TypeError|ReferenceError|SyntaxError|ENOENT|EADDRINUSE|500|404|NaN)\b/, weight: 2 },
  // test
  { intent: 'test', pattern: /\b(unit ?tests?|integration tests?|e2e tests?|test cases?|test suite|tests? for|write tests?|add tests?|coverage|jest|mocha|vitest|pytest|spec file|mock(s|ing)?|assertions?|snapshot tests?)\b/i, weight: 3 },
  { intent: 'test', pattern: /\btest(s|ing)?\b/i, weight: 1 },
  // refactor
  { intent: 'refactor', pattern: /\b(refactor\w*|restructure|clean ?up|simplify|extract (a |the |this )?(function|method|class|component|hook|module)|rename|deduplicate|dedupe|split (this|the|it) (into|up)|reorgani[sz]e|decouple|make (it|this) (more )?(readable|cleaner|idiomatic)|convert (this|it|the) \w+ to|migrate)\b/i, weight: 3 },
  { intent: 'refactor', pattern: /\b(optimi[sz]e|performance|faster|less duplicat\w*|dry)\b/i, weight: 1 },
  // code review
  { intent: 'code_review', pattern: /\b(review|code review|look over|critique|feedback on|any (issues|problems) (with|in)|is this (code )?(good|ok|okay|correct|safe|idiomatic)|best practices?|security (issues|holes|review)|vulnerab\w*|what could be improved|improve (this|my) code|pull request|\bPR\b)\b/i, weight: 3 },
  // architecture
  { intent: 'architecture', pattern: /\b(architecture|architect|design (a|the|of|for)|system design|schema design|data model|microservices?|monolith|scal(e|able|ability)|trade-?offs?|which (database|framework|library|approach)|should i use|structure (the|my) (project|app|codebase)|layers?|event[- ]driven|queue|caching strategy|high[- ]level)\b/i, weight: 3 },
  { intent: 'architecture', pattern: /\b(pattern|approach|module boundaries|separation of concerns|dependency injection)\b/i, weight: 1 },
  // explanation
  { intent: 'explanation', pattern: /\b(explain|what does|what is|what are|what's the difference|how does|how do .+ work|walk me through|help me understand|meaning of|why do we|tell me about|describe|summari[sz]e|what happens when)\b/i, weight: 3 },
  { intent: 'explanation', pattern: /\?\s*$/, weight: 1 },
  // code generation
  { intent: 'code_generation', pattern: /\b(write|create|generate|implement|add|build|make|scaffold|set up|setup|bootstrap)\b/i, weight: 2 },
  { intent: 'code_generation', pattern: /\b(function|component|endpoint|class|script|cli|hook|page|form|route|api|feature|button|command|handler|parser|query)\b/i, weight: 1 },
  { intent: 'code_generation', pattern: /\b(change|update|modify|replace|remove|delete|insert|append|move)\b/i, weight: 1 },
];

const PRIORITY: readonly Exclude<Intent, 'other'>[] = [
  'test',
  'debugging',
  'refactor',
  'code_review',
  'architecture',
  'explanation',
  'code_generation',
];

/** Prompts longer than this are classified on their first part: the ask is usually up front. */
const MAX_CHARS = 2000;

/**
 * Which rules match `head` (already cut to MAX_CHARS), one bit per rule. classifyIntent asks for the same text twice
 * per prompt (the rules' own answer, then the model's rule features), so the last text's hits are kept: the 16
 * patterns are the larger part of the rules' cost, and their results depend on the text alone.
 */
if (RULES.length > 31) throw new Error('intent-rules.ts: more rules than bits in ruleHits');
let lastText: string | undefined;
let lastHits = 0;
function ruleHits(head: string): number {
  if (head === lastText) return lastHits;
  let hits = 0;
  for (let i = 0; i < RULES.length; i++) if (RULES[i].pattern.test(head)) hits |= 1 << i;
  lastText = head;
  lastHits = hits;
  return hits;
}

/** Indexes of the rules whose pattern matches `text` (its first MAX_CHARS characters): features for the model. */
export function matchingRules(text: string): number[] {
  const hits = ruleHits(text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text);
  const out: number[] = [];
  for (let i = 0; i < RULES.length; i++) if ((hits & (1 << i)) !== 0) out.push(i);
  return out;
}

/** Intent by the old keyword rules. */
export function classifyIntentByRules(prompt: string | undefined): Intent {
  if (prompt === undefined) return 'other';
  const text = prompt.length > MAX_CHARS ? prompt.slice(0, MAX_CHARS) : prompt;
  if (text.trim().length === 0) return 'other';
  const hits = ruleHits(text);
  const scores = new Map<Intent, number>();
  for (let i = 0; i < RULES.length; i++) {
    const rule = RULES[i];
    if ((hits & (1 << i)) !== 0) scores.set(rule.intent, (scores.get(rule.intent) ?? 0) + rule.weight);
  }
  let best: Intent = 'other';
  let bestScore = 0;
  for (const intent of PRIORITY) {
    const score = scores.get(intent) ?? 0;
    if (score > bestScore) {
      best = intent;
      bestScore = score;
    }
  }
  return best;
}
