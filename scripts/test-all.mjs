// `npm test`: every tier in order, each printing its own "N passed, N failed" line:
//   static (lint, typecheck) -> unit (plain Node) -> team (a real PostgreSQL) -> setup (the install scripts, under npm's environment)
//   -> host (real VS Code extension host) -> e2e (VSIX + browser).
// Installs what the host tiers need on first use (scripts/setup-vscode.sh, idempotent).
// Exits non-zero if any tier failed; the last line totals them all.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = (name) => path.join(root, 'node_modules/.bin', name);
let passed = 0;
let failed = 0;

function run(command, args) {
  const r = spawnSync(command, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 256 << 20 });
  process.stdout.write(r.stdout ?? '');
  return { ok: r.status === 0, stdout: r.stdout ?? '' };
}

function tally(output, ok, tier) {
  const lines = [...output.matchAll(/^\w+: (\d+) passed, (\d+) failed/gm)];
  const last = lines.at(-1);
  if (last) {
    passed += Number(last[1]);
    failed += Number(last[2]);
  }
  if (!ok && (!last || Number(last[2]) === 0)) {
    failed += 1;
    process.stdout.write(`${tier}: exited with an error\n`);
  }
}

const staticChecks = [
  ['lint', bin('eslint'), ['.']],
  ['typecheck', bin('tsc'), ['--noEmit', '-p', '.']],
];
let staticPassed = 0;
for (const [name, command, args] of staticChecks) {
  const r = run(command, args);
  process.stdout.write(`  ${r.ok ? '✔' : '✘'} ${name}\n`);
  if (r.ok) staticPassed++;
}
process.stdout.write(`static: ${staticPassed} passed, ${staticChecks.length - staticPassed} failed\n`);
passed += staticPassed;
failed += staticChecks.length - staticPassed;

for (const [tier, script] of [['unit', 'run-unit.mjs'], ['team', 'run-team.mjs'], ['setup', 'run-setup-test.mjs'], ['host', 'run-host.mjs'], ['e2e', 'run-e2e.mjs']]) {
  const r = run(process.execPath, [path.join(root, 'scripts', script)]);
  tally(r.stdout, r.ok, tier);
}

process.stdout.write(`total: ${passed} passed, ${failed} failed\n`);
process.exitCode = failed === 0 ? 0 : 1;
