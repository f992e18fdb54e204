// Builds the production bundles and packages the VSIX with @vscode/vsce (whitelist .vscodeignore,
// no node_modules: everything the extension runs is bundled). Prints the VSIX's path and size.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { name, version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
export const vsixPath = path.join(root, `${name}-${version}.vsix`);

function run(args) {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run([path.join(root, 'scripts/build.mjs'), '--production']);
run([path.join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', vsixPath]);
const bytes = statSync(vsixPath).size;
process.stdout.write(`[package] ${path.relative(root, vsixPath)}: ${(bytes / 1024).toFixed(0)} KiB\n`);
