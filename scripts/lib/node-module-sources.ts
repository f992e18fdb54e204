import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The TypeScript/JavaScript files (`.ts .js .mjs .cjs`, no `.min.js`) under `dir`, depth first in `readdirSync` order,
 * for the dev scripts that learn words from real code in `node_modules`. An entry whose name is in `skip` is passed
 * over (the evaluation's repositories, `.bin`, `.cache`; callers list any package to keep out); `keep`
 * decides on a file by its name and size. Entries that vanish or cannot be read are passed over.
 */
export function nodeModuleSources(dir: string, skip: ReadonlySet<string>, keep: (name: string, size: number) => boolean): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      if (skip.has(name)) continue;
      const p = path.join(d, name);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(p);
      else if (/\.(ts|js|mjs|cjs)$/.test(name) && !name.endsWith('.min.js') && keep(name, st.size)) out.push(p);
    }
  };
  walk(dir);
  return out;
}
