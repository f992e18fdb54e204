/**
 * The code blocks our own chat participant (`@learn`) answered with lately, by the hash capture gives an insertion
 * (`fastHash` of the inserted text, see `blockHashes` in route/chat-turn.ts). Capture has no other way to know an
 * "Insert at Cursor"/"Apply" of @learn's answer: VS Code gives the edit no source, and @learn is not an AI extension
 * of `AI_EXTENSIONS` (whose presence the heuristic rules need). Only an insertion of exactly such a text, and not
 * equal to the clipboard, counts (classifier.ts): typing and pasting keep their labels.
 */

/** An answer's blocks can be inserted this long after it (the outcome tracker follows an answer for a day). */
export const OWN_ANSWER_WINDOW_MS = 60 * 60_000;
/** The most recent answers kept (memory bound). */
export const MAX_OWN_ANSWERS = 20;

export class OwnAnswers {
  private readonly answers: { ts: number; hashes: readonly string[] }[] = [];
  private cache: { at: number; set: ReadonlySet<string> } | undefined;

  /** An answer with code blocks arrived at `ts`; `hashes` are the insertion hashes its blocks can have. */
  add(ts: number, hashes: readonly string[]): void {
    if (hashes.length === 0) return;
    this.answers.push({ ts, hashes: [...hashes] });
    if (this.answers.length > MAX_OWN_ANSWERS) this.answers.shift();
    this.cache = undefined;
  }

  /** The hashes of the answers still within the window at `now` (empty when there are none: no hashing then). */
  hashes(now: number): ReadonlySet<string> {
    while (this.answers.length && now - this.answers[0].ts > OWN_ANSWER_WINDOW_MS) {
      this.answers.shift();
      this.cache = undefined;
    }
    if (!this.cache) this.cache = { at: now, set: new Set(this.answers.flatMap((a) => a.hashes)) };
    return this.cache.set;
  }
}
