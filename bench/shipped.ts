import { unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { TARGETS } from './shipped-targets';
import type { Targets } from './shipped-targets';

/**
 * The importers and references the import benches time. By default the ones tsx runs (each file transpiled on its
 * own, with `keepNames`: a `__name` call for every closure created, every imported function reached through a
 * getter). With `ALA_BENCH_SHIPPED=1`: the same code from one esbuild bundle built as `scripts/build.mjs --production`
 * builds the import worker (bundled, minified, node20, cjs), which is how the importers run in the extension; the
 * references come from the same bundle, so both are timed alike. The bundle is written beside this file (sql.js is
 * found from there) and removed when the process exits.
 */
export function benchTargets(): Targets {
  if (process.env.ALA_BENCH_SHIPPED !== '1') return TARGETS;
  const out = join(__dirname, `.shipped-${process.pid}.cjs`);
  buildSync({
    entryPoints: [join(__dirname, 'shipped-targets.ts')], outfile: out, bundle: true, minify: true, platform: 'node',
    format: 'cjs', target: 'node20', logLevel: 'warning', legalComments: 'none',
  });
  process.on('exit', () => {
    try {
      unlinkSync(out);
    } catch {
      // already gone
    }
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(out) as { TARGETS: Targets }).TARGETS;
}

/** Which build the figures are of, for the results. */
export const BUILD = process.env.ALA_BENCH_SHIPPED === '1' ? 'shipped bundle (esbuild, minified)' : 'tsx';
