/**
 * Range arithmetic for tracked insertions: a sorted list of disjoint segments per document, moved through each
 * edit. Characters inserted inside a tracked segment are not part of it (they split it); characters deleted
 * from it are gone for good.
 *
 * Segments live in parallel typed arrays (starts, ends) plus an owners array: edits touch contiguous memory,
 * not scattered objects. Shifting every later segment on each keystroke would cost O(segments), so the list
 * keeps one lazy shift: segments at index >= `from` still owe `delta`. Typing at one place only grows `delta`
 * (O(log n) per edit); moving elsewhere settles the segments in between.
 */

/** Something that owns segments and counts how many of its characters are still present. */
export interface SegmentOwner {
  kept: number;
}

/** A tracked run of characters `[start, end)`. */
export interface Segment<T extends SegmentOwner> {
  start: number;
  end: number;
  owner: T;
}

export class SegmentList<T extends SegmentOwner> {
  private starts = new Float64Array(8);
  private ends = new Float64Array(8);
  private owners: T[] = [];
  private n = 0;
  private from = 0;
  private delta = 0;

  get length(): number {
    return this.n;
  }

  /** A copy of all segments at their true positions. */
  all(): Array<Segment<T>> {
    this.moveBoundary(this.n);
    const out: Array<Segment<T>> = [];
    for (let i = 0; i < this.n; i++) out.push({ start: this.starts[i], end: this.ends[i], owner: this.owners[i] });
    return out;
  }

  /** Replaces the content with `segs` (sorted, disjoint, true positions). */
  reset(segs: ReadonlyArray<Segment<T>>): void {
    this.n = 0;
    this.owners = [];
    this.from = 0;
    this.delta = 0;
    this.reserve(segs.length);
    for (const s of segs) {
      this.starts[this.n] = s.start;
      this.ends[this.n] = s.end;
      this.owners.push(s.owner);
      this.n++;
    }
    this.from = this.n;
  }

  /** Removes the segments of `owner` in place (one pass; the lazy shift is kept). */
  removeOwner(owner: T): void {
    let w = 0;
    let from = this.from;
    for (let r = 0; r < this.n; r++) {
      if (this.owners[r] === owner) {
        if (r < this.from) from--;
        continue;
      }
      this.starts[w] = this.starts[r];
      this.ends[w] = this.ends[r];
      this.owners[w] = this.owners[r];
      w++;
    }
    this.n = w;
    this.owners.length = w;
    this.from = from;
  }

  /**
   * Applies one edit (replace `[offset, offset + removed)` with `inserted` characters), decrementing each
   * owner's `kept` by the characters it lost.
   */
  applyEdit(offset: number, removed: number, inserted: number): void {
    if (removed === 0 && inserted === 0) return;
    const delEnd = offset + removed;
    const delta = inserted - removed;
    let i = this.firstEndingAfter(offset);
    this.moveBoundary(i);
    while (i < this.n && this.starts[i] + this.delta < delEnd) {
      const start = this.starts[i] + this.delta;
      const end = this.ends[i] + this.delta;
      const owner = this.owners[i];
      const leftLen = start < offset ? offset - start : 0;
      const rightLen = end > delEnd ? end - delEnd : 0;
      owner.kept -= end - start - leftLen - rightLen;
      if (leftLen > 0 && rightLen > 0 && inserted > 0) {
        // Split around the inserted text (both parts at their final, true positions).
        this.starts[i] = start;
        this.ends[i] = offset;
        this.insertAt(i + 1, offset + inserted, end + delta, owner);
        i += 2;
      } else if (leftLen > 0 || rightLen > 0) {
        this.starts[i] = leftLen > 0 ? start : offset + inserted;
        this.ends[i] = leftLen > 0 ? offset + rightLen : offset + inserted + rightLen;
        i += 1;
      } else {
        this.removeAt(i);
      }
      this.from = i;
    }
    // Segments from `from` on lie entirely after the edit.
    this.delta += delta;
  }

  /** Inserts a new segment (true positions; it must not overlap existing ones). */
  add(seg: Segment<T>): void {
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid] + (mid >= this.from ? this.delta : 0) < seg.start) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= this.from) this.insertAt(lo, seg.start - this.delta, seg.end - this.delta, seg.owner);
    else {
      this.insertAt(lo, seg.start, seg.end, seg.owner);
      this.from++;
    }
  }

  private firstEndingAfter(offset: number): number {
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ends[mid] + (mid >= this.from ? this.delta : 0) > offset) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Makes segments < k true and those >= k owe `delta`. Costs O(|from - k|). */
  private moveBoundary(k: number): void {
    const d = this.delta;
    if (d !== 0) {
      for (let j = this.from; j < k; j++) {
        this.starts[j] += d;
        this.ends[j] += d;
      }
      for (let j = k; j < this.from; j++) {
        this.starts[j] -= d;
        this.ends[j] -= d;
      }
    }
    this.from = k;
    if (k >= this.n) this.delta = 0;
  }

  private insertAt(i: number, start: number, end: number, owner: T): void {
    this.reserve(this.n + 1);
    this.starts.copyWithin(i + 1, i, this.n);
    this.ends.copyWithin(i + 1, i, this.n);
    this.starts[i] = start;
    this.ends[i] = end;
    this.owners.splice(i, 0, owner);
    this.n++;
  }

  private removeAt(i: number): void {
    this.starts.copyWithin(i, i + 1, this.n);
    this.ends.copyWithin(i, i + 1, this.n);
    this.owners.splice(i, 1);
    this.n--;
  }

  private reserve(size: number): void {
    if (size <= this.starts.length) return;
    const cap = Math.max(size, this.starts.length * 2);
    const starts = new Float64Array(cap);
    const ends = new Float64Array(cap);
    starts.set(this.starts.subarray(0, this.n));
    ends.set(this.ends.subarray(0, this.n));
    this.starts = starts;
    this.ends = ends;
  }
}
