/**
 * Word associations learned from the user's own code: which words of doc comments and comments occur
 * in the same pattern as which identifier sub-tokens, across the library, scored by normalised
 * pointwise mutual information. If the user's comments say "reply" where their code says `response`,
 * a query for "reply" also looks for `response`.
 */
import type { FieldTerms } from './fields';

export interface Association {
  term: string;
  /** NPMI in (0, 1]. */
  score: number;
}

export interface AssociationOptions {
  /** Pairs seen in fewer patterns than this are noise. */
  minPairs: number;
  /** Associations weaker than this NPMI are dropped. */
  minScore: number;
  /** At most this many associations per comment word. */
  perWord: number;
}

export const DEFAULT_ASSOCIATIONS: AssociationOptions = { minPairs: 2, minScore: 0.25, perWord: 4 };

/** Caps per pattern keep learning linear in the library's size (a long comment adds no more pairs). */
const MAX_COMMENT_TERMS = 24;
const MAX_CODE_TERMS = 48;

/** Learns comment word -> identifier sub-token associations from the patterns' fields. */
export function learnAssociations(docs: Iterable<FieldTerms>, opts: AssociationOptions = DEFAULT_ASSOCIATIONS): Map<string, Association[]> {
  const nComment = new Map<string, number>();
  const nCode = new Map<string, number>();
  const nPair = new Map<string, Map<string, number>>();
  let n = 0;
  for (const f of docs) {
    const comment = [...new Set(f.doc)].slice(0, MAX_COMMENT_TERMS);
    if (!comment.length) continue;
    const code = [...new Set([...f.name, ...f.signature, ...f.body])].slice(0, MAX_CODE_TERMS);
    n++;
    for (const c of comment) nComment.set(c, (nComment.get(c) ?? 0) + 1);
    for (const t of code) nCode.set(t, (nCode.get(t) ?? 0) + 1);
    for (const c of comment) {
      let row = nPair.get(c);
      if (!row) nPair.set(c, (row = new Map<string, number>()));
      for (const t of code) if (t !== c) row.set(t, (row.get(t) ?? 0) + 1);
    }
  }
  const out = new Map<string, Association[]>();
  for (const [c, row] of nPair) {
    const pc = nComment.get(c)! / n;
    const list: Association[] = [];
    for (const [t, k] of row) {
      if (k < opts.minPairs) continue;
      const pct = k / n;
      const pt = nCode.get(t)! / n;
      const score = pct >= 1 ? 1 : Math.log(pct / (pc * pt)) / -Math.log(pct);
      if (score >= opts.minScore) list.push({ term: t, score });
    }
    if (list.length) out.set(c, list.sort((a, b) => b.score - a.score).slice(0, opts.perWord));
  }
  return out;
}
