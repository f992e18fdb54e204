/**
 * The cold-start capability table (seed 004's "default capability matrix"): what routing assumes of a model before
 * it has enough of the user's own figures (`router.ts`, confidence below 0.3). DATA, not a measurement: a prior
 * from the vendors' own positioning of their model tiers (flagship > balanced > small > local) as of the date
 * below, deliberately coarse so the user's figures take over after a few requests. Matched on the model's id,
 * family and name, first pattern that matches wins.
 */

/** When the table was last reviewed. */
export const CAPABILITIES_DATE = '2026-12-02';

export interface Capability {
  /** Matched against `routeKey` of id, family and name (dots as dashes). */
  pattern: RegExp;
  /** Prior 0-10 quality of an answer. */
  quality: number;
  /** Prior share of requests answered without error. */
  success: number;
}

export const CAPABILITIES: readonly Capability[] = [
  { pattern: /opus|gpt-5(?!.*(mini|nano))|gemini-(?:2-5|3)-pro|^o3(?!-mini)/, quality: 8, success: 0.95 },
  { pattern: /sonnet|gpt-4-1(?!-(mini|nano))|gpt-4o(?!-mini)|codex|o4-mini|gemini-.*pro|grok/, quality: 7.5, success: 0.95 },
  { pattern: /haiku|mini|flash|nano|lite/, quality: 6, success: 0.95 },
  { pattern: /qwen|llama|mistral|codestral|deepseek|phi|gemma|starcoder/, quality: 5.5, success: 0.9 },
];

/** A model the table does not know. */
export const UNKNOWN_CAPABILITY = { quality: 5, success: 0.9 } as const;

/** The prior of a model (by its normalised id, family or name). */
export function capabilityOf(keys: readonly string[]): { quality: number; success: number } {
  for (const c of CAPABILITIES) if (keys.some((k) => c.pattern.test(k))) return c;
  return UNKNOWN_CAPABILITY;
}
