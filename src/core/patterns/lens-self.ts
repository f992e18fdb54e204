/**
 * Which search hits a lens must not offer: the unit under the lens itself, the unit that contains it
 * (its class, or the function it sits in) and any unit nested inside it, as extracted from this very file.
 * On `static create` the first match used to be the arrow function inside `create` (relevance 0.91).
 */
import type { LensAnchor } from './anchors';

/** What of a pattern the rule reads. */
export interface HitUnit {
  name: string;
  code: string;
  sourcePath?: string;
}

/** Code without whitespace: a unit's text compares equal however it was indented or re-wrapped. */
const squash = (code: string): string => code.replace(/\s+/g, '');

/**
 * True when `hit` is the unit under `anchor`, its container or nested in it. `unitText` is the unit's text
 * in the document now (from its line to its closing brace), `path` the document's file path.
 * Same file only: an identical unit in another file is a real similar pattern.
 */
export function isSelfOrRelated(hit: HitUnit, anchor: Pick<LensAnchor, 'name' | 'container'>, unitText: string, path: string): boolean {
  if (!hit.sourcePath || hit.sourcePath !== path) return false;
  const name = anchor.name;
  if (name) {
    const qualified = anchor.container ? `${anchor.container}.${name}` : name;
    const p = hit.name;
    // Itself (by plain or qualified name), its class, or a unit named inside it (`create.build`, `Store.x` of class `Store`).
    if (p === name || p === qualified || p.endsWith(`.${name}`)) return true;
    if (anchor.container && p === anchor.container) return true;
    if (p.startsWith(`${qualified}.`)) return true;
  }
  const mine = squash(unitText);
  const theirs = squash(hit.code);
  if (mine.length === 0 || theirs.length === 0) return false;
  // The texts contain each other: nested in the unit, or the unit's container (names may differ for arrows).
  return mine.includes(theirs) || theirs.includes(mine);
}
