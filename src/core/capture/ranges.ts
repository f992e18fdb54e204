/**
 * Range arithmetic for tracked insertions: a sorted list of disjoint segments per document, moved through each
 * edit. Characters inserted inside a tracked segment are not part of it (they split it); characters deleted
 * from it are gone for good.
 *
 * Shifting every later segment on each keystroke would cost O(segments). Instead the list keeps one lazy shift:
 * segments at index >= `from` still owe `delta`. Typing at one place only grows `delta` (O(log n) per edit);
 * moving to another place settles the segments in between.
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
  private segs: Array<Segment<T>> = [];
  private from = 0;
  private delta = 0;

  get length(): number {
    return this.segs.length;
  }

  /** All segments at their true positions (settles the lazy shift). The array is live: do not keep it. */
  all(): Array<Segment<T>> {
    this.moveBoundary(this.segs.length);
    return this.segs;
  }

  /** Replaces the content with `segs` (sorted, disjoint, true positions). */
  reset(segs: Array<Segment<T>>): void {
    this.segs = segs;
    this.from = segs.length;
    this.delta = 0;
  }

  /** Removes the segments of `owner` in place (one pass, no allocation; the lazy shift is kept). */
  removeOwner(owner: T): void {
    const segs = this.segs;
    let w = 0;
    let from = this.from;
    for (let r = 0; r < segs.length; r++) {
      const seg = segs[r];
      if (seg.owner === owner) {
        if (r < this.from) from--;
        continue;
      }
      segs[w++] = seg;
    }
    segs.length = w;
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
    const segs = this.segs;
    while (i < segs.length && segs[i].start + this.delta < delEnd) {
      const seg = segs[i];
      seg.start += this.delta;
      seg.end += this.delta;
      const leftLen = seg.start < offset ? offset - seg.start : 0;
      const rightLen = seg.end > delEnd ? seg.end - delEnd : 0;
      seg.owner.kept -= seg.end - seg.start - leftLen - rightLen;
      if (leftLen > 0 && rightLen > 0 && inserted > 0) {
        // Split around the inserted text (the right part is already shifted: true position).
        segs.splice(i + 1, 0, { start: offset + inserted, end: seg.end + delta, owner: seg.owner });
        seg.end = offset;
        i += 2;
      } else if (leftLen > 0 || rightLen > 0) {
        seg.start = leftLen > 0 ? seg.start : offset + inserted;
        seg.end = leftLen > 0 ? offset + rightLen : offset + inserted + rightLen;
        i += 1;
      } else {
        segs.splice(i, 1);
      }
      this.from = i;
    }
    // Segments from `from` on lie entirely after the edit.
    this.delta += delta;
  }

  /** Inserts a new segment (true positions; it must not overlap existing ones). */
  add(seg: Segment<T>): void {
    let lo = 0;
    let hi = this.segs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.startAt(mid) < seg.start) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= this.from) this.segs.splice(lo, 0, { ...seg, start: seg.start - this.delta, end: seg.end - this.delta });
    else {
      this.segs.splice(lo, 0, seg);
      this.from++;
    }
  }

  private startAt(k: number): number {
    return this.segs[k].start + (k >= this.from ? this.delta : 0);
  }

  private firstEndingAfter(offset: number): number {
    let lo = 0;
    let hi = this.segs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const end = this.segs[mid].end + (mid >= this.from ? this.delta : 0);
      if (end > offset) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Makes segments < k true and those >= k owe `delta`. Costs O(|from - k|). */
  private moveBoundary(k: number): void {
    const d = this.delta;
    if (d !== 0) {
      for (let j = this.from; j < k; j++) {
        this.segs[j].start += d;
        this.segs[j].end += d;
      }
      for (let j = k; j < this.from; j++) {
        this.segs[j].start -= d;
        this.segs[j].end -= d;
      }
    }
    this.from = k;
    if (k >= this.segs.length) this.delta = 0;
  }
}
