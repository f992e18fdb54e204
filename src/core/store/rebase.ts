/**
 * The two rules that keep several windows from losing records to each other's journal GC:
 *
 * - A reader whose read position a GC has passed rebases onto the newest snapshot (`gcPassedReader`). The
 *   owner deletes a writer's closed segments once the older kept generation covers them, so a writer's present
 *   segments are always a suffix of its sequence; if the first of them starts after the next record a reader
 *   needs, and the newest generation covers that record, it exists only in that snapshot.
 * - A window never writes a generation from a base older than the newest one (`coverageHeld`): its database
 *   must hold, per writer, at least what the newest generation on disk covers.
 *
 * Both read the newest generation's high-water marks (`snap-<gen>.hwm.json`, written before its database).
 */
import { listGenerations, readMarks } from './snapshot';

/** The newest generation in `dir` and its coverage (null when its marks cannot be read). */
function newest(dir: string): { gen: number; cov: Map<string, number> | null } | null {
  const gen = listGenerations(dir)[0];
  // Not cached: Delete All Data restarts the generation numbers.
  return gen === undefined ? null : { gen, cov: readMarks(dir, gen) };
}

/**
 * True when reading the journal from the listing whose lowest segment start per writer is `lowest` would skip
 * records that the newest generation (newer than `base`, and not the one last rebased onto for a gap) holds.
 */
export function gcPassedReader(
  snapDir: string, base: number, highWater: (writer: string) => number,
  lowest: ReadonlyMap<string, number>, rebasedFor: number,
): boolean {
  const n = newest(snapDir);
  if (!n || n.gen <= base || n.gen === rebasedFor || !n.cov) return false;
  for (const [writer, covered] of n.cov) {
    const next = highWater(writer) + 1;
    if (covered < next) continue;
    const first = lowest.get(writer);
    if (first === undefined || first > next) return true;
  }
  return false;
}

/** True when the database (its high-water marks) holds everything the newest generation on disk covers. */
export function coverageHeld(snapDir: string, base: number, highWater: (writer: string) => number): boolean {
  const n = newest(snapDir);
  if (!n || n.gen <= base) return true;
  if (!n.cov) return false;
  for (const [writer, covered] of n.cov) if (highWater(writer) < covered) return false;
  return true;
}
