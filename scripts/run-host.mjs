// Host tier: the extension and its mocha tests inside a real VS Code extension host (code-server),
// opened by headless Chromium. The tests module follows @vscode/test-electron's run() contract; the
// web client's smoke-test driver hands us the host's console (codeAutomationLog) and exit code
// (codeAutomationExit). Two runs on one profile: `*.test.ts`, then, in a new window (a new extension
// host, the same global storage, as after a window reload), `*.after-reload.ts`.
// Prints "host: N passed, N failed" for both runs together; exits non-zero on any failure.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { openBrowser } from './lib/browser.mjs';
import { ensureVsCode, freePort, makeProfile, removeProfile, root, startCodeServer } from './lib/code-server.mjs';

// Lines of the workbench's own chatter that say nothing about our tests.
const NOISE = /^(Ignoring fetching additional builtin|Updating additional builtin|Resolving connection token|Resolved connection token|Creating a socket|\[reconnection-grace-time\]|\[Service Worker\]|\[AgentHost|\[AccountPolicyGate\])/;
const TIMEOUT_MS = Number(process.env.ALA_HOST_TIMEOUT_MS ?? 6 * 60_000);
const HOST_DIR = path.join(root, 'test/host');
const OUT_DIR = path.join(root, 'out/test');
// The test-only extension with three deterministic language models (test/host/lm-provider), installed into the
// profile's extensions folder (the smoke-test payload keeps one extensionDevelopmentPath only: its last).
const MODELS_SRC = path.join(HOST_DIR, 'lm-provider');
const MODELS_DIR = path.join(root, 'out/test-models');

async function build() {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build failed');
  rmSync(OUT_DIR, { recursive: true, force: true });
  const entries = readdirSync(HOST_DIR).filter((f) => /(\.test|\.after-reload|index)\.ts$/.test(f));
  await esbuild.build({
    entryPoints: entries.map((f) => path.join(HOST_DIR, f)),
    outdir: OUT_DIR,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode'],
    logLevel: 'warning',
    // mocha's parallel mode (unused here) resolves a worker file at run time.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
  rmSync(MODELS_DIR, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [path.join(MODELS_SRC, 'extension.ts')],
    outfile: path.join(MODELS_DIR, 'extension.js'),
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning',
  });
  copyFileSync(path.join(MODELS_SRC, 'package.json'), path.join(MODELS_DIR, 'package.json'));
}

/** One window (a page of the shared browser, so UI state persists as for a person) running one tests module. */
async function runWindow(context, server, port, workspace, testsModule) {
  const page = await context.newPage();
  try {
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(root)],
      ['extensionTestsPath', remote(path.join(OUT_DIR, testsModule))],
    ];
    let counts;
    const exited = new Promise((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code)));
    });
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      if (NOISE.test(line) || line.includes('/static/out/vs/code/browser/workbench/workbench.js')) return;
      const m = /^[\w-]+: (\d+) passed, (\d+) failed/.exec(line.trim());
      if (m) counts = { passed: Number(m[1]), failed: Number(m[2]) };
      process.stdout.write(`${line}\n`);
    });
    // The first load of the workbench took over 30 s (playwright's default) on a loaded 2-core machine.
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`, { timeout: 120_000 });
    const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), TIMEOUT_MS).unref());
    const code = await Promise.race([exited, timeout]);
    if (code === 'timeout') process.stdout.write(`${testsModule}: did not finish within ${TIMEOUT_MS / 1000} s\n`);
    else if (!counts) process.stdout.write(`${testsModule}: exited ${code} without reporting results\n`);
    // Close the window as a person would (beforeunload runs, the workbench saves its state and the extension
    // host deactivates), so the next window starts as after a reload.
    await page.close({ runBeforeUnload: true }).catch(() => {});
    await new Promise((r) => setTimeout(r, 3000));
    if (!counts || code !== 0) return { passed: counts?.passed ?? 0, failed: Math.max(1, counts?.failed ?? 0) };
    return counts;
  } finally {
    await page.close().catch(() => {});
  }
}

async function main() {
  await build();
  ensureVsCode();
  const profile = makeProfile(undefined, { isolateHome: true });
  cpSync(MODELS_DIR, path.join(profile.extensions, 'ala-test.ala-test-models-0.0.1'), { recursive: true });
  const port = await freePort();
  const serverLog = [];
  const server = await startCodeServer(profile, { port, smokeTestDriver: true, log: (l) => serverLog.push(l) });
  const total = { passed: 0, failed: 0 };
  let browser;
  try {
    const opened = await openBrowser(server.url);
    browser = opened.browser;
    await opened.page.close();
    for (const module of ['index.js', 'reload-index.js']) {
      const counts = await runWindow(opened.context, server, port, profile.workspace, module);
      total.passed += counts.passed;
      total.failed += counts.failed;
    }
  } catch (error) {
    total.failed++;
    process.stdout.write(`${error.stack ?? error}\n${serverLog.join('').slice(-4000)}\n`);
  } finally {
    await browser?.close().catch(() => {});
    server.stop();
    removeProfile(profile);
  }
  process.stdout.write(`host: ${total.passed} passed, ${total.failed} failed\n`);
  process.exitCode = total.failed === 0 && total.passed > 0 ? 0 : 1;
}

main().catch((error) => {
  process.stdout.write(`${error.stack ?? error}\nhost: 0 passed, 1 failed\n`);
  process.exitCode = 1;
});
