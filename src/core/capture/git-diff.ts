/** One file of a unified diff: its counts and the new-side line numbers it added. */
export interface FileDiff {
  linesAdded: number;
  linesRemoved: number;
  /** 1-based line numbers in the new version of the file. */
  addedLines: number[];
}

/**
 * Parses the unified diff of one file (`git diff a b -- path`). Lines outside hunks (headers) are ignored;
 * a malformed hunk header stops the parse with what was counted so far.
 */
export function parseUnifiedDiff(patch: string): FileDiff {
  const out: FileDiff = { linesAdded: 0, linesRemoved: 0, addedLines: [] };
  let newLine = 0;
  let inHunk = false;
  for (const line of patch.split('\n')) {
    if (line.startsWith('@@')) {
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
      if (!m) break;
      newLine = Number(m[1]);
      inHunk = true;
    } else if (!inHunk) continue;
    else if (line.startsWith('+')) {
      out.linesAdded++;
      out.addedLines.push(newLine++);
    } else if (line.startsWith('-')) out.linesRemoved++;
    else if (line.startsWith(' ')) newLine++;
    else if (line.startsWith('diff --git')) inHunk = false;
  }
  return out;
}

/** How many of `addedLines` are AI lines. */
export function countAiLines(addedLines: readonly number[], aiLines: ReadonlySet<number>): number {
  let n = 0;
  for (const l of addedLines) if (aiLines.has(l)) n++;
  return n;
}
