// Unit tier: mocha on plain Node over src/core and the webview's pure logic (TypeScript run through tsx).
// Extra arguments are passed to mocha (e.g. a file, or --grep).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const extra = process.argv.slice(2);
// The embedder tests generate a tiny BERT model with Debian's python3-onnx (no network).
const setup = spawnSync('bash', [path.join(root, 'scripts/setup-debian.sh'), 'python3-onnx', 'python3-numpy'], { stdio: 'inherit' });
if (setup.status !== 0) process.exit(setup.status ?? 1);
const specs = extra.some((a) => !a.startsWith('-')) ? [] : ['test/unit/**/*.test.ts'];
const result = spawnSync(
  process.execPath,
  [
    path.join(root, 'node_modules/mocha/bin/mocha.js'),
    '--import=tsx',
    '--reporter', path.join(root, 'test/support/plain-reporter.cjs'),
    '--reporter-option', 'tier=unit',
    '--timeout', '20000',
    ...specs,
    ...extra,
  ],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
