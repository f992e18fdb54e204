/**
 * The k best (slot, score) pairs seen so far, in a fixed-size binary min-heap: no allocation per push,
 * O(1) rejection of anything not better than the current k-th best.
 */
export class TopK {
  private readonly slots: Int32Array;
  private readonly scores: Float64Array;
  private n = 0;

  constructor(readonly k: number) {
    this.slots = new Int32Array(Math.max(1, k));
    this.scores = new Float64Array(Math.max(1, k));
  }

  get size(): number {
    return this.n;
  }

  get full(): boolean {
    return this.n >= this.k;
  }

  /** The k-th best score once full, else -Infinity (anything may still enter). */
  get floor(): number {
    return this.n >= this.k ? this.scores[0] : -Infinity;
  }

  /** Offers a pair; true if it was kept. */
  push(slot: number, score: number): boolean {
    if (this.k <= 0) return false;
    if (this.n < this.k) {
      let i = this.n++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (this.scores[p] <= score) break;
        this.slots[i] = this.slots[p];
        this.scores[i] = this.scores[p];
        i = p;
      }
      this.slots[i] = slot;
      this.scores[i] = score;
      return true;
    }
    if (!(score > this.scores[0])) return false;
    this.siftDown(slot, score);
    return true;
  }

  /** Slot at heap position i (0 <= i < size), in no particular order. */
  slotAt(i: number): number {
    return this.slots[i];
  }

  scoreAt(i: number): number {
    return this.scores[i];
  }

  private siftDown(slot: number, score: number): void {
    const n = this.n;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.scores[c + 1] < this.scores[c]) c++;
      if (this.scores[c] >= score) break;
      this.slots[i] = this.slots[c];
      this.scores[i] = this.scores[c];
      i = c;
    }
    this.slots[i] = slot;
    this.scores[i] = score;
  }
}
