// `npm start`: build the VSIX, install it into an isolated code-server (its own profile under the cache
// folder, kept between runs so your data stays), and print the local URL to open in a browser.
// Ctrl+C stops everything. Options (environment): PORT (default 8080, or a free one), ALA_WORKSPACE
// (folder to open; default this repository), ALA_PROFILE (profile folder; default <cache>/try-it).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cacheDir, ensureVsCode, freePort, installVsix, makeProfile, root, startCodeServer } from './lib/code-server.mjs';

const pkg = spawnSync(process.execPath, [path.join(root, 'scripts/package.mjs')], { stdio: 'inherit' });
if (pkg.status !== 0) process.exit(pkg.status ?? 1);
ensureVsCode();

const { name, version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const profile = makeProfile(path.resolve(process.env.ALA_PROFILE ?? path.join(cacheDir, 'try-it')));
installVsix(profile, path.join(root, `${name}-${version}.vsix`));
const port = Number(process.env.PORT) || (await isFree(8080) ? 8080 : await freePort());
const workspace = path.resolve(process.env.ALA_WORKSPACE ?? root);
const server = await startCodeServer(profile, { port });

process.stdout.write(
  `\nAI Learning Analytics is running in VS Code (code-server, bound to 127.0.0.1 only).\n` +
    `  Open:    ${server.url}/?folder=${encodeURIComponent(workspace)}\n` +
    `  Profile: ${profile.base}\n` +
    `Run "AI Learning: Show AI Analytics" from the command palette (F1). Ctrl+C stops everything.\n`,
);

function shutdown() {
  server.stop();
  setTimeout(() => process.exit(0), 300);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
server.child.on('exit', (code) => {
  process.stdout.write(`code-server exited (${code})\n`);
  process.exit(code ?? 0);
});

async function isFree(p) {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const s = net.createServer().once('error', () => resolve(false));
    s.listen(p, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}
