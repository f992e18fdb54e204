/**
 * Range arithmetic for tracked insertions: a sorted list of non-overlapping segments per document, moved
 * through each edit. Characters inserted inside a tracked segment are not part of it (they split it);
 * characters deleted from it are gone for good.
 */

/** Something that owns segments and counts how many of its characters are still present. */
export interface SegmentOwner {
  kept: number;
}

/** A tracked run of characters `[start, end)` in the current document. */
export interface Segment<T extends SegmentOwner> {
  start: number;
  end: number;
  owner: T;
}

/** Index of the first segment whose `end` is greater than `offset` (segments are sorted and disjoint). */
function firstEndingAfter<T extends SegmentOwner>(segs: Segment<T>[], offset: number): number {
  let lo = 0;
  let hi = segs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (segs[mid].end > offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Applies one edit (replace `[offset, offset + removed)` with `inserted` characters) to `segs` in place,
 * decrementing each owner's `kept` by the characters it lost.
 */
export function applyEdit<T extends SegmentOwner>(segs: Segment<T>[], offset: number, removed: number, inserted: number): void {
  if (removed === 0 && inserted === 0) return;
  const delEnd = offset + removed;
  const delta = inserted - removed;
  let i = firstEndingAfter(segs, offset);
  while (i < segs.length) {
    const seg = segs[i];
    if (seg.start >= delEnd) {
      // Entirely after the edit (an insertion exactly at a segment's start is not part of it).
      for (let j = i; j < segs.length; j++) {
        const s = segs[j];
        s.start += delta;
        s.end += delta;
      }
      return;
    }
    const leftLen = seg.start < offset ? offset - seg.start : 0;
    const rightLen = seg.end > delEnd ? seg.end - delEnd : 0;
    seg.owner.kept -= seg.end - seg.start - leftLen - rightLen;
    if (leftLen > 0 && rightLen > 0 && inserted > 0) {
      // Split around the inserted text.
      const right: Segment<T> = { start: offset + inserted, end: seg.end + delta, owner: seg.owner };
      seg.end = offset;
      segs.splice(i + 1, 0, right);
      i += 2;
    } else if (leftLen > 0 || rightLen > 0) {
      seg.start = leftLen > 0 ? seg.start : offset + inserted;
      seg.end = leftLen > 0 ? offset + rightLen : offset + inserted + rightLen;
      i += 1;
    } else {
      segs.splice(i, 1);
    }
  }
}

/** Inserts a new segment `[start, end)` at its sorted position (it must not overlap existing ones). */
export function addSegment<T extends SegmentOwner>(segs: Segment<T>[], seg: Segment<T>): void {
  let i = segs.length;
  while (i > 0 && segs[i - 1].start > seg.start) i--;
  segs.splice(i, 0, seg);
}
