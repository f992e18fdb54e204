/** A piece of text to replace with `[REDACTED:<kind>]`. */
export interface Span {
  start: number;
  end: number;
  kind: string;
  /** Found by a generic detector (assignment, bearer): a format rule's kind names an overlapping span first. */
  generic?: boolean;
}

/**
 * Replaces every span in one pass. Overlapping spans are merged; a format rule's span names the merged one,
 * else the earliest.
 * Returns the text and the number of replacements.
 */
export function applySpans(text: string, spans: Span[]): { text: string; count: number } {
  if (spans.length === 0) return { text, count: 0 };
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const parts: string[] = [];
  let pos = 0;
  let count = 0;
  for (let i = 0; i < spans.length; ) {
    const first = spans[i];
    let end = first.end;
    let kind = first.generic ? undefined : first.kind;
    for (i++; i < spans.length && spans[i].start < end; i++) {
      end = Math.max(end, spans[i].end);
      if (kind === undefined && !spans[i].generic) kind = spans[i].kind;
    }
    parts.push(text.slice(pos, first.start), `[REDACTED:${kind ?? first.kind}]`);
    pos = end;
    count++;
  }
  parts.push(text.slice(pos));
  return { text: parts.join(''), count };
}
