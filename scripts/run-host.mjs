// Host tier: the extension and its mocha tests inside a real VS Code extension host (code-server),
// opened by headless Chromium. The tests module follows @vscode/test-electron's run() contract; the
// web client's smoke-test driver hands us the host's console (codeAutomationLog) and exit code
// (codeAutomationExit). Prints "host: N passed, N failed"; exits non-zero on any failure.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { openBrowser } from './lib/browser.mjs';
import { ensureVsCode, freePort, makeProfile, removeProfile, root, startCodeServer } from './lib/code-server.mjs';

// Lines of the workbench's own chatter that say nothing about our tests.
const NOISE = /^(Ignoring fetching additional builtin|Updating additional builtin|Resolving connection token|Resolved connection token|Creating a socket|\[reconnection-grace-time\]|\[Service Worker\]|\[AgentHost|\[AccountPolicyGate\])/;
const TIMEOUT_MS = Number(process.env.ALA_HOST_TIMEOUT_MS ?? 6 * 60_000);

function build() {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build failed');
  const outDir = path.join(root, 'out/test');
  rmSync(outDir, { recursive: true, force: true });
  const tests = readdirSync(path.join(root, 'test/host')).filter((f) => f.endsWith('.test.ts') || f === 'index.ts');
  return esbuild.build({
    entryPoints: tests.map((f) => path.join(root, 'test/host', f)),
    outdir: outDir,
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
}

async function main() {
  await build();
  ensureVsCode();
  const profile = makeProfile();
  const port = await freePort();
  const serverLog = [];
  const server = await startCodeServer(profile, { port, smokeTestDriver: true, log: (l) => serverLog.push(l) });
  let browser;
  let result = { code: 1, summary: 'host: 0 passed, 1 failed' };
  try {
    const opened = await openBrowser(server.url);
    browser = opened.browser;
    const { page } = opened;
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(root)],
      ['extensionTestsPath', remote(path.join(root, 'out/test/index.js'))],
    ];
    let summary;
    const exited = new Promise((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code)));
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      if (NOISE.test(line)) return;
      const m = /^host: \d+ passed, \d+ failed/.exec(line.trim());
      if (m) summary = m[0];
      else process.stdout.write(`${line}\n`);
    });
    const url = `${server.url}/?folder=${encodeURIComponent(profile.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);
    const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), TIMEOUT_MS).unref());
    const code = await Promise.race([exited, timeout]);
    if (code === 'timeout') {
      process.stdout.write(`host tests did not finish within ${TIMEOUT_MS / 1000} s\n${serverLog.join('').slice(-4000)}\n`);
    } else {
      result = { code, summary: summary ?? `host: 0 passed, 1 failed` };
      if (!summary) process.stdout.write('the tests module never reported its results\n');
    }
  } finally {
    await browser?.close().catch(() => {});
    server.stop();
    removeProfile(profile);
  }
  process.stdout.write(`${result.summary}\n`);
  process.exitCode = result.code === 0 && /, 0 failed/.test(result.summary) ? 0 : 1;
}

main().catch((error) => {
  process.stdout.write(`${error.stack ?? error}\nhost: 0 passed, 1 failed\n`);
  process.exitCode = 1;
});
