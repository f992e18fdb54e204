/**
 * The fields a pattern is searched by, each with its own weight in BM25F: the name's sub-tokens, the
 * signature (parameter names and types), the doc comment (plus comments inside the body), string
 * literals, and the identifiers of the body. Code is read with the TypeScript scanner, so a word in a
 * string or a comment is told apart from an identifier without a full parse.
 */
import ts from 'typescript';
import { terms } from './terms';

export const FIELDS = ['name', 'signature', 'doc', 'strings', 'body'] as const;
export type Field = (typeof FIELDS)[number];
export type FieldTerms = Record<Field, string[]>;

/** What a pattern record offers the ranker. */
export interface Searchable {
  name: string;
  /** `doc — signature`, or the signature alone (see `describe` in patterns/records.ts). */
  description: string;
  code: string;
}

const SEPARATOR = ' — ';

const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard);
const STRING_KINDS: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral, ts.SyntaxKind.TemplateHead,
]);

/** Splits code into identifier text, string-literal text and comment text. */
export function scanCode(code: string): { identifiers: string[]; strings: string[]; comments: string[] } {
  const identifiers: string[] = [];
  const strings: string[] = [];
  const comments: string[] = [];
  scanner.setText(code);
  scanner.setOnError(undefined);
  // Open braces inside each `${` of the template literals being scanned: a `}` at depth 0 resumes
  // the template's text (the scanner cannot know that on its own).
  const templates: number[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.CloseBraceToken && templates.length && templates[templates.length - 1] === 0) {
      kind = scanner.reScanTemplateToken(false);
      if (kind === ts.SyntaxKind.TemplateTail) templates.pop();
      strings.push(scanner.getTokenValue());
      continue;
    }
    if (kind === ts.SyntaxKind.OpenBraceToken && templates.length) templates[templates.length - 1]++;
    else if (kind === ts.SyntaxKind.CloseBraceToken && templates.length) templates[templates.length - 1]--;
    else if (kind === ts.SyntaxKind.TemplateHead) templates.push(0);
    if (kind === ts.SyntaxKind.Identifier || kind === ts.SyntaxKind.PrivateIdentifier) identifiers.push(scanner.getTokenText());
    else if (kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia) comments.push(scanner.getTokenText());
    else if (STRING_KINDS.has(kind)) strings.push(scanner.getTokenValue());
  }
  scanner.setText(undefined);
  return { identifiers, strings, comments };
}

/** The search terms of each field of a pattern. */
export function fieldTerms(p: Searchable): FieldTerms {
  const cut = p.description.lastIndexOf(SEPARATOR);
  const doc = cut >= 0 ? p.description.slice(0, cut) : '';
  const signature = cut >= 0 ? p.description.slice(cut + SEPARATOR.length) : p.description;
  const scanned = scanCode(p.code);
  const name = p.name.replace(/#/g, ' ');
  return {
    name: terms(name),
    signature: terms(signature),
    doc: terms(`${doc}\n${scanned.comments.join('\n')}`),
    strings: terms(scanned.strings.join('\n')),
    body: terms(scanned.identifiers.join(' ')),
  };
}
