/**
 * Minimal glob matching for `excludeGlobs`: `**` (any folders), `*` (within one path segment), `?`, `{a,b}`,
 * `[abc]`. A pattern without `/` matches a file's base name anywhere (like `.gitignore`), so `.env*` and
 * `**\/.env*` mean the same.
 */
export function globToRegExp(glob: string): RegExp {
  let g = glob.trim().replace(/\\/g, '/');
  if (!g.includes('/')) g = `**/${g}`;
  if (g.startsWith('/')) g = g.slice(1);
  let re = '';
  let inBraces = false;
  for (let i = 0; i < g.length; i++) {
    const ch = g[i];
    if (ch === '*') {
      if (g[i + 1] === '*') {
        const slashAfter = g[i + 2] === '/';
        re += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 2 : 1;
      } else re += '[^/]*';
    } else if (ch === '?') re += '[^/]';
    else if (ch === '{') {
      inBraces = true;
      re += '(?:';
    } else if (ch === '}' && inBraces) {
      inBraces = false;
      re += ')';
    } else if (ch === ',' && inBraces) re += '|';
    else if (ch === '[') {
      const close = g.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        re += `[${g.slice(i + 1, close).replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else re += ch.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^(?:.*/)?${re}$`);
}

/** Compiled `excludeGlobs`: `matches(path)` for absolute or workspace-relative paths (any separator). */
export class GlobSet {
  private readonly res: RegExp[];
  constructor(globs: readonly string[]) {
    this.res = globs.filter((g) => g.trim().length > 0).map(globToRegExp);
  }
  matches(path: string): boolean {
    const p = path.replace(/\\/g, '/').replace(/^\/+/, '');
    return this.res.some((r) => r.test(p));
  }
}
