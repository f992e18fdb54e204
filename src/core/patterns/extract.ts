import ts from 'typescript';
import { contentSkipReason, languageOf } from './files';
import { StructureHasher } from './fingerprint';
import { detectFramework, unitTags } from './framework';
import { DEFAULT_EXTRACTION } from './types';
import type { ExtractedUnit, ExtractionOptions, FileExtraction, UnitKind } from './types';

type FunctionLike = ts.FunctionLikeDeclaration | ts.ClassLikeDeclaration;

// `ts.X` goes through a getter on the bundled namespace: read the enum once (the walk touches every node).
const SK = ts.SyntaxKind;
const forEachChild = ts.forEachChild;

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
  fingerprint: string;
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
export function extractFromSource(path: string, text: string, opts: Pick<ExtractionOptions, 'minComplexity' | 'minLines' | 'maxLines'>): FileExtraction {
  const language = languageOf(path) ?? 'typescript';
  const skipped = contentSkipReason(text);
  if (skipped) return { language, units: [], belowThreshold: 0, tooLarge: 0, skipped };
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, SCRIPT_KIND[language]);
  const walker = new Walker(sf);
  walker.visit(sf);
  const framework = detectFramework(walker.imports);
  const units: ExtractedUnit[] = [];
  let belowThreshold = 0;
  let tooLarge = 0;
  for (const f of walker.found) {
    const unit = toUnit(sf, f, framework, opts);
    if (typeof unit === 'object') units.push(unit);
    else if (unit === 'small') belowThreshold++;
    else tooLarge++;
  }
  units.sort((a, b) => a.startLine - b.startLine);
  const out: FileExtraction = { language, units, belowThreshold, tooLarge };
  if (framework) out.framework = framework;
  return out;
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
  private readonly hasher = new StructureHasher();

  constructor(private readonly sf: ts.SourceFile) {}

  readonly visit = (node: ts.Node): void => {
    const d0 = this.decisions, j0 = this.jsx, t0 = this.tries, a0 = this.awaits;
    this.count(node);
    this.bind(node);
    this.hasher.enter(node);
    const unit = this.unitOf(node);
    const container = this.containerOf(node);
    if (container !== null) this.containers.push(container);
    forEachChild(node, this.visit);
    if (container !== null) this.containers.pop();
    this.hasher.exit();
    if (unit) {
      unit.fingerprint = this.hasher.last();
      unit.decisions = this.decisions - d0;
      unit.jsx = this.jsx - j0;
      unit.tries = this.tries - t0;
      unit.awaits = this.awaits - a0;
      this.found.push(unit);
    }
  };

  private count(node: ts.Node): void {
    switch (node.kind) {
      case SK.IfStatement:
      case SK.ForStatement:
      case SK.ForInStatement:
      case SK.ForOfStatement:
      case SK.WhileStatement:
      case SK.DoStatement:
      case SK.CaseClause:
      case SK.ConditionalExpression:
        this.decisions++;
        break;
      case SK.CatchClause:
        this.decisions++;
        this.tries++;
        break;
      case SK.BinaryExpression: {
        const op = (node as ts.BinaryExpression).operatorToken.kind;
        if (op === SK.AmpersandAmpersandToken || op === SK.BarBarToken || op === SK.QuestionQuestionToken) {
          this.decisions++;
        }
        break;
      }
      case SK.AwaitExpression:
        this.awaits++;
        break;
      case SK.JsxElement:
      case SK.JsxSelfClosingElement:
      case SK.JsxFragment:
        this.jsx++;
        break;
      case SK.ImportDeclaration:
      case SK.ExportDeclaration: {
        const spec = (node as ts.ImportDeclaration | ts.ExportDeclaration).moduleSpecifier;
        if (spec && ts.isStringLiteral(spec)) this.imports.add(spec.text);
        break;
      }
      case SK.CallExpression: {
        const call = node as ts.CallExpression;
        const arg = call.arguments[0];
        const isRequire = ts.isIdentifier(call.expression) && call.expression.text === 'require';
        if (arg && ts.isStringLiteral(arg) && (isRequire || call.expression.kind === SK.ImportKeyword)) this.imports.add(arg.text);
        break;
      }
    }
  }

  /** Records the name an anonymous function, class or object literal gets from its binding. */
  private bind(node: ts.Node): void {
    const k = node.kind;
    if (k !== SK.VariableStatement && k !== SK.PropertyAssignment && k !== SK.PropertyDeclaration && k !== SK.ExpressionStatement) return;
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
      if (b.operatorToken.kind === SK.EqualsToken && ts.isPropertyAccessExpression(b.left)) {
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
    switch (node.kind) {
      case SK.ClassDeclaration:
      case SK.ClassExpression:
        return (node as ts.ClassLikeDeclaration).name?.text ?? this.bindings.get(node)?.name;
      case SK.ObjectLiteralExpression:
        return this.bindings.get(node)?.name;
      case SK.FunctionDeclaration:
      case SK.FunctionExpression:
      case SK.ArrowFunction:
      case SK.MethodDeclaration:
      case SK.Constructor:
      case SK.GetAccessor:
      case SK.SetAccessor:
        return undefined;
      default:
        return null;
    }
  }

  private unitOf(node: ts.Node): Found | undefined {
    switch (node.kind) {
      case SK.FunctionDeclaration: {
        const fn = node as ts.FunctionDeclaration;
        return fn.body ? found(fn, 'function', fn.name?.text ?? 'default', fn) : undefined;
      }
      case SK.ClassDeclaration:
        return found(node as ts.ClassDeclaration, 'class', (node as ts.ClassDeclaration).name?.text ?? 'default', node);
      case SK.MethodDeclaration:
      case SK.GetAccessor:
      case SK.SetAccessor: {
        const m = node as ts.MethodDeclaration;
        const name = propName(m.name);
        return m.body && name ? found(m, 'method', this.qualify(name), m) : undefined;
      }
      case SK.Constructor:
        return (node as ts.ConstructorDeclaration).body ? found(node as ts.ConstructorDeclaration, 'method', this.qualify('constructor'), node) : undefined;
      case SK.ArrowFunction:
      case SK.FunctionExpression:
      case SK.ClassExpression: {
        const b = this.bindings.get(node);
        if (!b) return undefined;
        const kind: UnitKind = node.kind === SK.ArrowFunction ? 'arrow' : node.kind === SK.FunctionExpression ? 'function-expression' : 'class';
        return found(node as FunctionLike, kind, b.name, b.anchor);
      }
      default:
        return undefined;
    }
  }
}

function found(node: FunctionLike, kind: UnitKind, name: string, anchor: ts.Node): Found {
  return { node, kind, name, anchor, decisions: 0, jsx: 0, tries: 0, awaits: 0, fingerprint: '' };
}

function propName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return undefined;
}

function toUnit(
  sf: ts.SourceFile,
  f: Found,
  framework: string | undefined,
  opts: Pick<ExtractionOptions, 'minComplexity' | 'minLines' | 'maxLines'>,
): ExtractedUnit | 'small' | 'large' {
  const start = f.anchor.getStart(sf);
  const startPos = sf.getLineAndCharacterOfPosition(start);
  const endLine = sf.getLineAndCharacterOfPosition(f.anchor.end).line + 1;
  const lines = endLine - startPos.line;
  const complexity = 1 + f.decisions;
  if (!(complexity > opts.minComplexity || lines >= opts.minLines)) return 'small';
  if (lines > (opts.maxLines ?? DEFAULT_EXTRACTION.maxLines ?? Infinity)) return 'large';
  const code = dedent(sf.text.slice(start, f.anchor.end), startPos.character);
  const doc = docComment(sf.text, f.anchor.pos);
  const node = f.node;
  const mods = ts.canHaveModifiers(f.anchor) ? ts.getModifiers(f.anchor) : undefined;
  const hasMod = (k: ts.SyntaxKind): boolean => !!(mods?.some((m) => m.kind === k) || (ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((m) => m.kind === k)));
  const isClass = ts.isClassLike(node);
  const tags = unitTags({
    kind: f.kind === 'function-expression' ? 'function' : f.kind,
    name: f.name,
    isAsync: hasMod(SK.AsyncKeyword),
    isGenerator: !isClass && !!node.asteriskToken,
    exported: hasMod(SK.ExportKeyword) || /^(?:module\.)?exports[.=\s]/.test(code),
    hasJsx: f.jsx > 0,
    hasTry: f.tries > 0,
    hasAwait: f.awaits > 0,
    params: isClass ? [] : node.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : '')),
    extendsName: isClass ? node.heritageClauses?.[0]?.types[0]?.expression.getText(sf) : undefined,
    framework,
  });
  const unit: ExtractedUnit = {
    name: f.name, kind: f.kind, code, startLine: startPos.line + 1, endLine, lines, complexity,
    signature: signatureOf(sf, f, start), tags, fingerprint: f.fingerprint,
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
