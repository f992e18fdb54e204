/**
 * "A large request asks first" (issue 15): a request whose estimate (input plus expected output tokens) reaches
 * `aiLearning.chat.estimateAboveTokens` waits, with the estimate shown, until the user presses "Send" or "Don't send"
 * (unless `aiLearning.chat.confirmLargeRequests` is off); a smaller one is sent at once. The wait ends unsent when the
 * chat cancels the request or after `CONFIRM_TIMEOUT_MS` (nothing is sent that the user did not see and agree to).
 */

/** An unanswered question is dropped after this long: the request is not sent. */
export const CONFIRM_TIMEOUT_MS = 10 * 60_000;

/** Whether a request of `tokens` (estimated) waits for the user. */
export function needsConfirmation(tokens: number, aboveTokens: number, ask: boolean): boolean {
  return ask && Number.isFinite(tokens) && tokens >= aboveTokens;
}

/** The requests waiting for "Send"/"Don't send", by request id. */
export class Confirmations {
  private readonly pending = new Map<string, (go: boolean) => void>();

  /**
   * Resolves true when `answer(id, true)` is called, false on `answer(id, false)`, on `cancel` firing (the chat's
   * cancellation: it is given the function that ends the wait), or after `timeoutMs`.
   */
  wait(id: string, timeoutMs = CONFIRM_TIMEOUT_MS, cancel?: (end: () => void) => void): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const finish = (go: boolean): void => {
        if (this.pending.get(id) !== finish) return;
        this.pending.delete(id);
        clearTimeout(timer);
        resolve(go);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.pending.set(id, finish);
      cancel?.(() => finish(false));
    });
  }

  /** The user's answer; false when nothing waits under `id` (answered already, timed out, another window's). */
  answer(id: string, go: boolean): boolean {
    const f = this.pending.get(id);
    if (!f) return false;
    f(go);
    return true;
  }

  get size(): number {
    return this.pending.size;
  }
}
