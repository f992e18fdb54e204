/**
 * Where pattern lenses go, found by a cheap line scan (no parse: `provideCodeLenses` must be fast).
 * Pure text functions; no `vscode` import.
 *
 * One lens per unit where code is written, never stacked: a function, method (`#private` ones included)
 * or arrow bound to a name gets a lens unless it lies inside another function's body (a callback inside
 * `create` gets none: `create`'s lens covers it); a class gets a lens only when none of its members has one
 * (its methods' lenses are where similar code helps). TODO lenses are not units and always stay.
 */

export type AnchorKind = 'function' | 'class' | 'empty-body' | 'todo';

/** A lens position. Lines and characters are 0-based. */
export interface LensAnchor {
  kind: AnchorKind;
  line: number;
  /** Function/class name (absent for TODOs); `#name` for a private member. */
  name?: string;
  /** The enclosing class of a member, when the scan saw it. */
  container?: string;
  /** Last line of the unit (its closing brace), as far as the scan can tell. */
  endLine?: number;
  /** For `empty-body`: just after `{` and just before `}`. */
  body?: { open: { line: number; character: number }; close: { line: number; character: number } };
  /** For `todo`: the comment's text without markers. */
  todo?: string;
}

const ID = '[A-Za-z_$][\\w$]*';
/** A member name: an identifier or a `#private` one. */
const MEMBER = `#?${ID}`;
const FUNCTION = new RegExp(`^\\s*(?:export\\s+)?(?:default\\s+)?(?:async\\s+)?function\\s*\\*?\\s*(${ID})\\s*[<(]`);
const CLASS = new RegExp(`^\\s*(?:export\\s+)?(?:default\\s+)?(?:abstract\\s+)?class\\s+(${ID})`);
const BOUND = new RegExp(`^\\s*(?:export\\s+)?(?:const|let|var)\\s+(${ID})\\s*(?::[^=]+)?=\\s*(?:async\\s+)?(?:function\\b|${ID}\\s*=>|\\(.*=>|\\(\\s*$)`);
const METHOD = new RegExp(
  `^\\s+(?:(?:public|private|protected|static|async|override|get|set)\\s+)*\\*?(${MEMBER})\\s*(?:<[^>]*>)?\\(.*\\)\\s*(?::\\s*[^{;]+)?\\{\\s*\\}?\\s*$`,
);
/** A class field holding an arrow or function: `#load = async () => {`, `private handle = (e) => {`. */
const FIELD_FN = new RegExp(
  `^\\s+(?:(?:public|private|protected|static|readonly|override)\\s+)*(${MEMBER})\\s*(?::[^=]+)?=\\s*(?:async\\s+)?(?:function\\b|${ID}\\s*=>|\\(.*=>|\\(\\s*$)`,
);
const NOT_METHOD = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'function', 'with', 'else', 'do', 'new', 'await', 'typeof']);
const TODO = /(?:\/\/|\/\*+|^\s*\*)\s*(?:TODO|FIXME)\b[:\s-]*(.*?)\s*(?:\*\/)?\s*$/;

/** Anchors of a document's text: functions and classes; empty bodies and TODOs only when `withTodos`. */
export function scanAnchors(text: string, withTodos: boolean): LensAnchor[] {
  const lines = text.split(/\r?\n/);
  const out: LensAnchor[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (withTodos) {
      const todo = TODO.exec(line);
      if (todo) {
        out.push({ kind: 'todo', line: i, todo: todo[1] });
        continue;
      }
    }
    const cls = CLASS.exec(line);
    if (cls) {
      out.push({ kind: 'class', line: i, name: cls[1], endLine: unitEnd(lines, i) });
      continue;
    }
    const fn = FUNCTION.exec(line) ?? BOUND.exec(line) ?? methodMatch(line) ?? FIELD_FN.exec(line);
    if (!fn) continue;
    const body = withTodos ? emptyBody(lines, i) : undefined;
    const endLine = unitEnd(lines, i);
    out.push(body ? { kind: 'empty-body', line: i, name: fn[1], body, endLine } : { kind: 'function', line: i, name: fn[1], endLine });
  }
  return outermost(out);
}

const inside = (a: LensAnchor, outer: LensAnchor): boolean =>
  a !== outer && outer.line < a.line && a.line <= (outer.endLine ?? outer.line);

/** Applies the one-lens-per-unit rule (see the file comment) and names each member's class. */
function outermost(all: LensAnchor[]): LensAnchor[] {
  const fns = all.filter((a) => a.kind === 'function' || a.kind === 'empty-body');
  const classes = all.filter((a) => a.kind === 'class');
  const units = all.filter((a) => a.kind === 'todo' || !fns.some((f) => inside(a, f)));
  for (const a of units) {
    if (a.kind === 'todo' || a.kind === 'class') continue;
    const owner = classes.filter((c) => inside(a, c)).pop();
    if (owner?.name) a.container = owner.name;
  }
  return units.filter((a) => a.kind !== 'class' || !units.some((m) => m.kind !== 'todo' && m.kind !== 'class' && inside(m, a)));
}

/** The line of the brace closing the unit that starts at `start` (`start` for a unit without a body). */
export function unitEnd(lines: readonly string[], start: number, maxLines = 2000): number {
  let depth = 0;
  let opened = false;
  for (let i = start; i < Math.min(lines.length, start + maxLines); i++) {
    for (const ch of lines[i]) {
      if (ch === '{') {
        depth++;
        opened = true;
      } else if (ch === '}') depth--;
    }
    if (opened && depth <= 0) return i;
    // A one-line arrow or declaration without a body.
    if (!opened && /;\s*$/.test(lines[i])) return i;
  }
  // Never closed within reach (unbalanced or cut text): the unit runs to the end of what was scanned.
  return opened ? Math.min(lines.length, start + maxLines) - 1 : start;
}

function methodMatch(line: string): RegExpExecArray | null {
  const m = METHOD.exec(line);
  return m && !NOT_METHOD.has(m[1]) ? m : null;
}

/** `{}` or `{` + blank lines + `}` ending the signature within 5 lines of `start`. */
function emptyBody(lines: readonly string[], start: number): LensAnchor['body'] {
  for (let i = start; i < Math.min(lines.length, start + 5); i++) {
    const line = lines[i];
    const same = /\{(\s*)\}\s*;?\s*$/.exec(line);
    if (same) {
      const open = same.index + 1;
      return { open: { line: i, character: open }, close: { line: i, character: open + same[1].length } };
    }
    if (/\{\s*$/.test(line)) {
      let j = i + 1;
      while (j < lines.length && lines[j].trim() === '') j++;
      if (j >= lines.length || !/^\s*\}/.test(lines[j])) return undefined;
      return { open: { line: i, character: line.lastIndexOf('{') + 1 }, close: { line: j, character: lines[j].indexOf('}') } };
    }
    if (/[;}]\s*$/.test(line)) return undefined;
  }
  return undefined;
}

/**
 * The text a lens searches with: a function or class from its line to its closing brace (at most
 * `maxLines`), an empty body's signature with the doc comment above, or a TODO's words.
 */
export function queryText(lines: readonly string[], a: LensAnchor, maxLines = 60): string {
  if (a.kind === 'todo') return a.todo ?? '';
  const doc = docAbove(lines, a.line);
  if (a.kind === 'empty-body') return `${doc}\n${lines.slice(a.line, (a.body?.close.line ?? a.line) + 1).join('\n')}`.trim();
  let depth = 0;
  let opened = false;
  let end = Math.min(lines.length, a.line + maxLines);
  for (let i = a.line; i < end; i++) {
    for (const ch of lines[i]) {
      if (ch === '{') {
        depth++;
        opened = true;
      } else if (ch === '}') depth--;
    }
    if (opened && depth <= 0) {
      end = i + 1;
      break;
    }
  }
  return `${doc}\n${lines.slice(a.line, end).join('\n')}`.trim();
}

/** The `/** ... *\/` or `//` comment block right above `line`, markers removed. */
function docAbove(lines: readonly string[], line: number): string {
  const out: string[] = [];
  for (let i = line - 1; i >= 0 && i >= line - 20; i--) {
    const t = lines[i].trim();
    if (!/^(?:\/\/|\/\*|\*)/.test(t)) break;
    out.unshift(t.replace(/^\/\*+|\*+\/$|^\*|^\/\//g, '').trim());
  }
  return out.filter(Boolean).join(' ');
}

/** The statements of a function's body (between its first `{` and last `}`), dedented; the code itself when none. */
export function bodyOf(code: string): string {
  const open = bodyOpen(code);
  const close = code.lastIndexOf('}');
  const sig = open >= 0 ? code.slice(0, open) : '';
  if (open < 0 || close <= open || /\bclass\b/.test(sig) || !/\)|=>/.test(sig)) return code;
  return dedent(code.slice(open + 1, close).replace(/^[ \t]*\n|\n[ \t]*$/g, ''));
}

/** The `{` matching the last `}` (the body's, past any braces in parameters or return types), or -1. */
function bodyOpen(code: string): number {
  let depth = 0;
  for (let i = code.lastIndexOf('}'); i >= 0; i--) {
    if (code[i] === '}') depth++;
    else if (code[i] === '{' && --depth === 0) return i;
  }
  return -1;
}

export function dedent(text: string): string {
  const lines = text.split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(Math.min(cut, /^[ \t]*/.exec(l)![0].length))).join('\n');
}

/**
 * The 0-based line where a pattern's unit starts in a file's text now: the line holding the code's first
 * line (the one followed by the code's second line, when several match), else the first line naming the
 * unit's last name segment as a whole word (`#private` names included), else 0.
 */
export function findUnitLine(lines: readonly string[], name: string, code: string): number {
  const codeLines = code.split('\n').map((l) => l.trim()).filter(Boolean);
  const [head, next] = codeLines;
  if (head) {
    const starts = lines.flatMap((l, i) => (l.trim() === head ? [i] : []));
    const followed = next === undefined ? undefined : starts.find((i) => lines.slice(i + 1).find((l) => l.trim())?.trim() === next);
    if (followed !== undefined) return followed;
    if (starts.length > 0) return starts[0];
  }
  const short = name.split('.').pop() ?? name;
  const re = new RegExp(`(?<![\\w$#])${short.replace(/[$#]/g, (c) => `\\${c}`)}(?![\\w$])`);
  const byName = lines.findIndex((l) => re.test(l));
  return byName === -1 ? 0 : byName;
}
