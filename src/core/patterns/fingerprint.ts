import ts from 'typescript';

const SK = ts.SyntaxKind;

/**
 * Structural fingerprints, computed during the extraction walk (no second pass over the text): a
 * Merkle hash of the syntax tree where every node contributes its kind (plus the operator of unary
 * expressions and let/const flags) and nothing of its text. Identifiers, string/number/regex literals,
 * comments and layout are therefore normalised away; two units that differ only in names or literals
 * share a fingerprint. 16 hex characters from two 32-bit lanes. Kinds are hashed by their text
 * (`ts.tokenToString` or the enum name), not by enum number, so fingerprints survive TS upgrades.
 */
export class StructureHasher {
  private readonly h1: number[] = [];
  private readonly h2: number[] = [];

  /** Starts a node (call before visiting its children). */
  enter(node: ts.Node): void {
    let k = kindHash(node.kind);
    if (node.kind === SK.PrefixUnaryExpression || node.kind === SK.PostfixUnaryExpression) {
      k = Math.imul(k ^ kindHash((node as ts.PrefixUnaryExpression).operator), 0x01000193);
    } else if (node.kind === SK.VariableDeclarationList) {
      k = Math.imul(k ^ (node.flags & 7), 0x01000193);
    }
    this.h1.push(k);
    this.h2.push(Math.imul(k, 0x5bd1e995));
  }

  /** Lanes of the node `exit` last closed (read through `last()` only for units: no string per node). */
  private a = 0;
  private b = 0;

  /** The fingerprint of the node `exit` last closed. */
  last(): string {
    return this.a.toString(16).padStart(8, '0') + this.b.toString(16).padStart(8, '0');
  }

  /** Ends the current node and folds it into its parent. */
  exit(): void {
    // The end marker keeps `f(a(b))` apart from `f(a, b)`.
    const a = Math.imul(this.h1.pop()! ^ 0x2f, 0x01000193) >>> 0;
    const b = (Math.imul(this.h2.pop()! ^ 0x2f, 0x5bd1e995) ^ (a >>> 13)) >>> 0;
    const n = this.h1.length;
    if (n > 0) {
      this.h1[n - 1] = Math.imul(this.h1[n - 1] ^ a, 0x01000193);
      this.h2[n - 1] = Math.imul(this.h2[n - 1] ^ b, 0x5bd1e995) ^ (this.h2[n - 1] >>> 15);
    }
    this.a = a;
    this.b = b;
  }
}

const cache: number[] = [];

function kindHash(kind: ts.SyntaxKind): number {
  const hit = cache[kind];
  if (hit !== undefined) return hit;
  const text = ts.tokenToString(kind) ?? SK[kind] ?? `#${kind}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  cache[kind] = h >>> 0;
  return h >>> 0;
}
