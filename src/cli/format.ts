/**
 * Terminal output: aligned tables, colour only on a TTY (and never with `NO_COLOR`), a progress line on
 * stderr that rewrites itself on a TTY and is silent otherwise (pipes and `--json` stay clean).
 */

export type Cell = string | number | null | undefined;

export interface Style {
  bold: (s: string) => string;
  dim: (s: string) => string;
  red: (s: string) => string;
  yellow: (s: string) => string;
  green: (s: string) => string;
  cyan: (s: string) => string;
}

const wrap = (on: boolean, code: number, off: number) => (s: string): string => (on ? `\u001b[${code}m${s}\u001b[${off}m` : s);

/** Colours when `stream` is a TTY and `NO_COLOR` is unset or empty (https://no-color.org). */
export function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Style {
  const on = stream.isTTY === true && !env.NO_COLOR;
  return {
    bold: wrap(on, 1, 22), dim: wrap(on, 2, 22), red: wrap(on, 31, 39), yellow: wrap(on, 33, 39),
    green: wrap(on, 32, 39), cyan: wrap(on, 36, 39),
  };
}

// The escape character spelled out: lint forbids control characters in regex literals.
const ESC = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const width = (s: string): number => s.replace(ESC, '').length;

/** `1,234` for integers, two decimals otherwise, `–` for unknown. */
export function fmt(c: Cell): string {
  if (c === null || c === undefined) return '–';
  if (typeof c === 'number') return Number.isInteger(c) ? c.toLocaleString('en-US') : c.toFixed(2);
  return c;
}

/** A plain table: header, a rule, rows; numbers right-aligned. Empty rows print "(none)". */
export function table(header: string[], rows: Cell[][], style?: Style): string {
  if (rows.length === 0) return `${header.join('  ')}\n(none)`;
  const text = rows.map((r) => r.map(fmt));
  const w = header.map((h, i) => Math.max(width(h), ...text.map((r) => width(r[i] ?? ''))));
  const numeric = header.map((_, i) => rows.every((r) => typeof r[i] === 'number' || r[i] === null || r[i] === undefined));
  const pad = (s: string, i: number): string => {
    const fill = ' '.repeat(Math.max(0, w[i] - width(s)));
    return numeric[i] ? fill + s : s + fill;
  };
  const head = header.map(pad).join('  ');
  return [style ? style.bold(head) : head, w.map((n) => '-'.repeat(n)).join('  '), ...text.map((r) => r.map(pad).join('  ').trimEnd())].join('\n');
}

/** A `title` line followed by a table (and a blank line). */
export function section(title: string, header: string[], rows: Cell[][], style: Style): string {
  return `${style.cyan(style.bold(title))}\n${table(header, rows, style)}\n`;
}

/** `$1.23`, or `unknown` when no price was known (never a guess). */
export function usd(v: number | null): string {
  return v === null ? 'unknown' : `$${v.toFixed(2)}`;
}

/** Progress on stderr for long work: `label 40% (4/10) detail`, rewritten in place on a TTY. */
export class Progress {
  private last = 0;
  constructor(private readonly stream: NodeJS.WriteStream, private readonly enabled: boolean) {}

  update(label: string, done: number, total: number, detail = ''): void {
    if (!this.enabled || !this.stream.isTTY) return;
    const now = Date.now();
    if (now - this.last < 100 && done < total) return;
    this.last = now;
    const pct = total > 0 ? Math.floor((100 * done) / total) : 100;
    const cols = this.stream.columns || 80;
    const line = `${label} ${pct}% (${done}/${total}) ${detail}`.slice(0, cols - 1);
    this.stream.write(`\r\u001b[2K${line}`);
  }

  done(): void {
    if (this.enabled && this.stream.isTTY) this.stream.write('\r\u001b[2K');
  }
}
