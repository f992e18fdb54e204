import ts from 'typescript';
import { shortHash } from '../util/hash';

let scanner: ts.Scanner | undefined;

/**
 * Structural fingerprint of a piece of code: its token stream with every identifier replaced by `I`,
 * string/template text by `S`, numbers by `N` and regular expressions by `R`; comments and whitespace
 * dropped. Two units that differ only in names, literals or layout get the same fingerprint.
 */
export function structuralFingerprint(code: string, jsx = false): string {
  scanner ??= ts.createScanner(ts.ScriptTarget.Latest, true);
  scanner.setLanguageVariant(jsx ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard);
  scanner.setText(code);
  const parts: string[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    parts.push(tokenClass(kind));
  }
  scanner.setText('');
  return shortHash(parts.join(' '));
}

function tokenClass(kind: ts.SyntaxKind): string {
  switch (kind) {
    case ts.SyntaxKind.Identifier:
    case ts.SyntaxKind.PrivateIdentifier:
      return 'I';
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.TemplateHead:
    case ts.SyntaxKind.TemplateMiddle:
    case ts.SyntaxKind.TemplateTail:
    case ts.SyntaxKind.JsxText:
      return 'S';
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.BigIntLiteral:
      return 'N';
    case ts.SyntaxKind.RegularExpressionLiteral:
      return 'R';
    default:
      // Keywords and punctuation keep their text (not their enum number, which changes between TS versions).
      return ts.tokenToString(kind) ?? String(kind);
  }
}
