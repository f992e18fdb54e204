/**
 * Which names of an inserted pattern do not exist at the target, decided by the TypeScript checker.
 *
 * The target file is type-checked with the pattern already inserted (so scope is the compiler's own:
 * imports, locals, parameters of the enclosing function, the default lib and the `@types` packages found
 * above the target's folder). A name the checker cannot resolve inside the inserted text, or a declaration
 * there that clashes with one of the target's, becomes a snippet placeholder; every occurrence of one name is
 * the same placeholder, so one Tab cycle renames them all. Imports of the target are not followed (no module
 * is resolved): an imported name exists whether or not its module can be found, and the check stays small.
 */
import path from 'node:path';
import ts from 'typescript';

export interface PlaceholderArgs {
  /** Absolute path of the target file: its extension gives the language, its folder the `@types` searched. */
  targetPath: string;
  /** The target document's text before the insertion. */
  targetText: string;
  /** Offsets into `targetText` of the range the insertion replaces (equal for a plain insertion). */
  start: number;
  end: number;
  /** The text inserted there. */
  text: string;
}

/** One occurrence of a name to rename, as offsets into the inserted text. */
export interface PlaceholderSpan {
  start: number;
  end: number;
  name: string;
}

export interface PlaceholderPlan {
  /** Names to rename, in order of first occurrence: snippet placeholders 1, 2, ... */
  names: string[];
  /** Every occurrence of those names in the inserted text, in text order, never overlapping. */
  spans: PlaceholderSpan[];
  /** What the checker reported inside the inserted text before any rename (for the preview's title). */
  diagnostics: number;
}

/** "Cannot find name" and its variants (a suggestion, a missing `@types`, `this.` member, shorthand property). */
const UNRESOLVED = new Set([2304, 2552, 2580, 2581, 2582, 2591, 2592, 2593, 2662, 2663, 18004, 2503]);
/** Duplicate identifier, duplicate function implementation, redeclared block-scoped variable. */
const DUPLICATE = new Set([2300, 2393, 2451]);

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.Preserve,
  allowJs: true,
  checkJs: true,
  noEmit: true,
  skipLibCheck: true,
  allowNonTsExtensions: true,
};

/** Lib and `@types` files parsed once per process: they are most of the cost and do not change. */
const shared = new Map<string, ts.SourceFile | undefined>();
const SHARED_MAX = 2000;

/** Plans the placeholders of inserting `args.text` into the target (see the file comment). */
export function planPlaceholders(args: PlaceholderArgs): PlaceholderPlan {
  // Without the lib every global would look missing: better no placeholders than wrong ones.
  const lib = ts.getDefaultLibFilePath(OPTIONS);
  if (!ts.sys.fileExists(lib)) throw new Error(`TypeScript's default lib is missing (${lib}): names cannot be checked`);
  const merged = args.targetText.slice(0, args.start) + args.text + args.targetText.slice(args.end);
  const from = args.start;
  const to = args.start + args.text.length;
  const file = path.resolve(args.targetPath);
  const program = ts.createProgram({ rootNames: [file], options: OPTIONS, host: compilerHost(file, merged) });
  const sf = program.getSourceFile(file);
  if (!sf) return { names: [], spans: [], diagnostics: 0 };
  const inside = program.getSemanticDiagnostics(sf).filter((d) => d.start !== undefined && d.start >= from && d.start + (d.length ?? 0) <= to);
  const checker = program.getTypeChecker();
  const found = new Map<number, PlaceholderSpan>();
  const clashing: ts.Symbol[] = [];
  for (const d of inside) {
    const span = { start: d.start! - from, end: d.start! + d.length! - from, name: merged.slice(d.start, d.start! + d.length!) };
    if (!/^[A-Za-z_$][\w$]*$/.test(span.name)) continue;
    if (UNRESOLVED.has(d.code)) found.set(span.start, span);
    else if (DUPLICATE.has(d.code)) {
      // Only a clash of names is renamed away (two `export default` functions clash as `default`: a rename cannot help).
      const symbol = checker.getSymbolAtLocation(identifierAt(sf, d.start!) ?? sf);
      if (!symbol || symbol.getName() !== span.name) continue;
      found.set(span.start, span);
      clashing.push(symbol);
    }
  }
  // A clashing declaration's own references (a recursive call) are renamed with it.
  if (clashing.length) {
    visitIdentifiers(sf, from, to, (id) => {
      const s = checker.getSymbolAtLocation(id);
      if (s && clashing.includes(s)) found.set(id.getStart(sf) - from, { start: id.getStart(sf) - from, end: id.end - from, name: id.text });
    });
  }
  const spans = [...found.values()].sort((a, b) => a.start - b.start);
  const names = [...new Set(spans.map((s) => s.name))];
  return { names, spans, diagnostics: inside.length };
}

function compilerHost(file: string, text: string): ts.CompilerHost {
  const host = ts.createCompilerHost(OPTIONS, true);
  const dir = path.dirname(file);
  host.getCurrentDirectory = () => dir;
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, onError) => {
    if (path.resolve(name) === file) return ts.createSourceFile(file, text, version, true, scriptKind(file));
    const key = `${name}\0${typeof version === 'object' ? version.languageVersion : version}`;
    if (!shared.has(key)) {
      if (shared.size >= SHARED_MAX) shared.clear();
      shared.set(key, read(name, version, onError));
    }
    return shared.get(key);
  };
  // Triple-slash references and `@types` are read (Node's globals come that way); imported modules are not.
  host.resolveModuleNameLiterals = (literals) => literals.map(() => ({ resolvedModule: undefined }));
  const exists = host.fileExists.bind(host);
  host.fileExists = (name) => path.resolve(name) === file || exists(name);
  return host;
}

function scriptKind(file: string): ts.ScriptKind {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.tsx') return ts.ScriptKind.TSX;
  if (ext === '.jsx') return ts.ScriptKind.JSX;
  if (ext === '.js' || ext === '.mjs' || ext === '.cjs') return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

function identifierAt(sf: ts.SourceFile, pos: number): ts.Identifier | undefined {
  let hit: ts.Identifier | undefined;
  const walk = (n: ts.Node): void => {
    if (pos < n.getStart(sf) || pos >= n.end) return;
    if (ts.isIdentifier(n)) hit = n;
    else n.forEachChild(walk);
  };
  walk(sf);
  return hit;
}

function visitIdentifiers(sf: ts.SourceFile, from: number, to: number, fn: (id: ts.Identifier) => void): void {
  const walk = (n: ts.Node): void => {
    if (n.end <= from || n.getStart(sf) >= to) return;
    if (ts.isIdentifier(n)) {
      if (n.getStart(sf) >= from && n.end <= to) fn(n);
    } else n.forEachChild(walk);
  };
  walk(sf);
}
