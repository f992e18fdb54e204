/** Short texts the chat participant shows, kept pure so their wording is tested. */

/** "about 14k tokens, about $0.05" (the cost only when the model's price is known; never guessed). */
export function estimateLine(e: { input: number; output: number; costUsd?: number }): string {
  const total = Math.max(0, e.input) + Math.max(0, e.output);
  const tokens = total >= 1000 ? `${total >= 10_000 ? Math.round(total / 1000) : (total / 1000).toFixed(1)}k` : String(Math.round(total));
  const cost = e.costUsd === undefined ? ', cost unknown for this model' : `, about $${e.costUsd < 0.01 ? e.costUsd.toFixed(3) : e.costUsd.toFixed(2)}`;
  return `This request: about ${tokens} tokens (${Math.round(e.input)} in, about ${Math.round(e.output)} out)${cost}.`;
}
