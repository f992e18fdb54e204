import ts from 'typescript';
import { contentSkipReason, languageOf } from './files';
import { structuralFingerprint } from './fingerprint';
import { detectFramework, unitTags } from './framework';
import type { ExtractedUnit, ExtractionOptions, FileExtraction, UnitKind } from './types';

type FunctionLike = ts.FunctionLikeDeclaration | ts.ClassLikeDeclaration;

/** A name given to an anonymous function/class/object by what it is bound to, and the node whose text is the unit. */
interface Binding {
  name: string;
  anchor: ts.Node;
}

interface Found {
  node: FunctionLike;
  kind: UnitKind;
  name: string;
  anchor: ts.Node;
  decisions: number;
  jsx: number;
  tries: number;
  awaits: number;
}

const SCRIPT_KIND: Record<string, ts.ScriptKind> = {
  typescript: ts.ScriptKind.TS,
  typescriptreact: ts.ScriptKind.TSX,
  javascript: ts.ScriptKind.JS,
  javascriptreact: ts.ScriptKind.JSX,
};

/**
 * Extracts the units of one source file with the TypeScript compiler API: function declarations,
 * methods (class and object literal, accessors, constructors), arrow functions and function
 * expressions bound to a name, and classes. One parse, one walk. Keeps units with
 * `complexity > minComplexity` or `lines >= minLines`. Path rules (tests, node_modules, excluded
 * globs) are the caller's (`pathSkipReason`); content rules (generated, minified) are checked here.
 */
export function extractFromSource(path: string, text: string, opts: Pick<ExtractionOptions, 'minComplexity' | 'minLines'>): FileExtraction {
  const language = languageOf(path) ?? 'typescript';
  const skipped = contentSkipReason(text);
  if (skipped) return { language, units: [], belowThreshold: 0, skipped };
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, SCRIPT_KIND[language]);
  const walker = new Walker(sf);
  walker.visit(sf);
  const framework = detectFramework(walker.imports);
  const jsx = language.endsWith('react');
  const units: ExtractedUnit[] = [];
  let belowThreshold = 0;
  for (const f of walker.found) {
    const unit = toUnit(sf, f, framework, jsx, opts);
    if (unit) units.push(unit);
    else belowThreshold++;
  }
  units.sort((a, b) => a.startLine - b.startLine);
  return framework ? { language, framework, units, belowThreshold } : { language, units, belowThreshold };
}

class Walker {
  readonly found: Found[] = [];
  readonly imports = new Set<string>();
  private readonly bindings = new Map<ts.Node, Binding>();
  private readonly containers: (string | undefined)[] = [];
  private decisions = 0;
  private jsx = 0;
  private tries = 0;
  private awaits = 0;

  constructor(private readonly sf: ts.SourceFile) {}

  readonly visit = (node: ts.Node): void => {
    const d0 = this.decisions, j0 = this.jsx, t0 = this.tries, a0 = this.awaits;
    this.count(node);
    this.bind(node);
    const unit = this.unitOf(node);
    const container = this.containerOf(node);
    if (container !== null) this.containers.push(container);
    ts.forEachChild(node, this.visit);
    if (container !== null) this.containers.pop();
    if (unit) {
      unit.decisions = this.decisions - d0;
      unit.jsx = this.jsx - j0;
      unit.tries = this.tries - t0;
      unit.awaits = this.awaits - a0;
      this.found.push(unit);
    }
  };

  private count(node: ts.Node): void {
    switch (node.kind) {
      case ts.SyntaxKind.IfStatement:
      case ts.SyntaxKind.ForStatement:
      case ts.SyntaxKind.ForInStatement:
      case ts.SyntaxKind.ForOfStatement:
      case ts.SyntaxKind.WhileStatement:
      case ts.SyntaxKind.DoStatement:
      case ts.SyntaxKind.CaseClause:
      case ts.SyntaxKind.ConditionalExpression:
        this.decisions++;
        break;
      case ts.SyntaxKind.CatchClause:
        this.decisions++;
        this.tries++;
        break;
      case ts.SyntaxKind.BinaryExpression: {
        const op = (node as ts.BinaryExpression).operatorToken.kind;
        if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
          this.decisions++;
        }
        break;
      }
      case ts.SyntaxKind.AwaitExpression:
        this.awaits++;
        break;
      case ts.SyntaxKind.JsxElement:
      case ts.SyntaxKind.JsxSelfClosingElement:
      case ts.SyntaxKind.JsxFragment:
        this.jsx++;
        break;
      case ts.SyntaxKind.ImportDeclaration:
      case ts.SyntaxKind.ExportDeclaration: {
        const spec = (node as ts.ImportDeclaration | ts.ExportDeclaration).moduleSpecifier;
        if (spec && ts.isStringLiteral(spec)) this.imports.add(spec.text);
        break;
      }
      case ts.SyntaxKind.CallExpression: {
        const call = node as ts.CallExpression;
        const arg = call.arguments[0];
        const isRequire = ts.isIdentifier(call.expression) && call.expression.text === 'require';
        if (arg && ts.isStringLiteral(arg) && (isRequire || call.expression.kind === ts.SyntaxKind.ImportKeyword)) this.imports.add(arg.text);
        break;
      }
    }
  }

  /** Records the name an anonymous function, class or object literal gets from its binding. */
  private bind(node: ts.Node): void {
    if (ts.isVariableStatement(node)) {
      const decls = node.declarationList.declarations;
      for (const d of decls) {
        if (d.initializer && ts.isIdentifier(d.name)) this.setBinding(d.initializer, d.name.text, decls.length === 1 ? node : d);
      }
    } else if (ts.isPropertyAssignment(node) || ts.isPropertyDeclaration(node)) {
      const name = propName(node.name);
      if (name && node.initializer) this.setBinding(node.initializer, this.qualify(name), node);
    } else if (ts.isExpressionStatement(node) && ts.isBinaryExpression(node.expression)) {
      const b = node.expression;
      if (b.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(b.left)) {
        this.setBinding(b.right, b.left.getText(this.sf).replace(/^(?:module\.)?exports\./, ''), node);
      }
    }
  }

  private setBinding(init: ts.Node, name: string, anchor: ts.Node): void {
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init) || ts.isClassExpression(init) || ts.isObjectLiteralExpression(init)) {
      this.bindings.set(init, { name, anchor });
    }
  }

  private qualify(name: string): string {
    const owner = this.containers[this.containers.length - 1];
    return owner ? `${owner}.${name}` : name;
  }

  /** Class and object-literal names prefix their members' names (`null`: not a container). */
  private containerOf(node: ts.Node): string | undefined | null {
    if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) return node.name?.text ?? this.bindings.get(node)?.name;
    if (ts.isObjectLiteralExpression(node)) return this.bindings.get(node)?.name;
    if (ts.isFunctionLike(node)) return undefined;
    return null;
  }

  private unitOf(node: ts.Node): Found | undefined {
    const make = (n: FunctionLike, kind: UnitKind, name: string, anchor: ts.Node): Found => ({
      node: n, kind, name, anchor, decisions: 0, jsx: 0, tries: 0, awaits: 0,
    });
    if (ts.isFunctionDeclaration(node) && node.body) return make(node, 'function', node.name?.text ?? 'default', node);
    if (ts.isClassDeclaration(node)) return make(node, 'class', node.name?.text ?? 'default', node);
    if (ts.isMethodDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node)) {
      const name = propName(node.name);
      return node.body && name ? make(node, 'method', this.qualify(name), node) : undefined;
    }
    if (ts.isConstructorDeclaration(node) && node.body) return make(node, 'method', this.qualify('constructor'), node);
    const b = this.bindings.get(node);
    if (!b) return undefined;
    if (ts.isArrowFunction(node)) return make(node, 'arrow', b.name, b.anchor);
    if (ts.isFunctionExpression(node)) return make(node, 'function-expression', b.name, b.anchor);
    if (ts.isClassExpression(node)) return make(node, 'class', b.name, b.anchor);
    return undefined;
  }
}

function propName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return undefined;
}

function toUnit(
  sf: ts.SourceFile,
  f: Found,
  framework: string | undefined,
  jsx: boolean,
  opts: Pick<ExtractionOptions, 'minComplexity' | 'minLines'>,
): ExtractedUnit | undefined {
  const start = f.anchor.getStart(sf);
  const startPos = sf.getLineAndCharacterOfPosition(start);
  const endLine = sf.getLineAndCharacterOfPosition(f.anchor.end).line + 1;
  const lines = endLine - startPos.line;
  const complexity = 1 + f.decisions;
  if (!(complexity > opts.minComplexity || lines >= opts.minLines)) return undefined;
  const code = dedent(sf.text.slice(start, f.anchor.end), startPos.character);
  const doc = docComment(sf.text, f.anchor.pos);
  const node = f.node;
  const mods = ts.canHaveModifiers(f.anchor) ? ts.getModifiers(f.anchor) : undefined;
  const hasMod = (k: ts.SyntaxKind): boolean => !!(mods?.some((m) => m.kind === k) || (ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((m) => m.kind === k)));
  const isClass = ts.isClassLike(node);
  const tags = unitTags({
    kind: f.kind === 'function-expression' ? 'function' : f.kind,
    name: f.name,
    isAsync: hasMod(ts.SyntaxKind.AsyncKeyword),
    isGenerator: !isClass && !!node.asteriskToken,
    exported: hasMod(ts.SyntaxKind.ExportKeyword) || /^(?:module\.)?exports[.=\s]/.test(code),
    hasJsx: f.jsx > 0,
    hasTry: f.tries > 0,
    hasAwait: f.awaits > 0,
    params: isClass ? [] : node.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : '')),
    extendsName: isClass ? node.heritageClauses?.[0]?.types[0]?.expression.getText(sf) : undefined,
    framework,
  });
  const unit: ExtractedUnit = {
    name: f.name, kind: f.kind, code, startLine: startPos.line + 1, endLine, lines, complexity,
    signature: signatureOf(sf, f, start), tags, fingerprint: structuralFingerprint(code, jsx),
  };
  if (doc) unit.doc = doc;
  return unit;
}

function signatureOf(sf: ts.SourceFile, f: Found, start: number): string {
  const node = f.node;
  const bodyStart = ts.isClassLike(node) ? node.members.pos - 1 : node.body ? node.body.getStart(sf) : node.end;
  return sf.text.slice(start, bodyStart).replace(/\s+/g, ' ').replace(/\s*(?:=>)?\s*$/, '').slice(0, 240);
}

/** The last `/** ... *\/` block before `pos`, markers and tag lines removed, one paragraph. */
function docComment(text: string, pos: number): string | undefined {
  const ranges = ts.getLeadingCommentRanges(text, pos);
  const last = ranges?.[ranges.length - 1];
  if (!last || !text.startsWith('/**', last.pos)) return undefined;
  const body = text.slice(last.pos + 3, last.end - 2).split('\n').map((l) => l.replace(/^\s*\*?\s?/, ''));
  const tagAt = body.findIndex((l) => l.startsWith('@'));
  const doc = (tagAt < 0 ? body : body.slice(0, tagAt)).join(' ').replace(/\s+/g, ' ').trim();
  return doc ? doc.slice(0, 400) : undefined;
}

/** Removes up to `indent` leading whitespace characters from every line after the first. */
export function dedent(code: string, indent: number): string {
  if (indent === 0) return code;
  const lines = code.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i];
    let n = 0;
    while (n < indent && (l[n] === ' ' || l[n] === '\t')) n++;
    lines[i] = l.slice(n);
  }
  return lines.join('\n');
}
