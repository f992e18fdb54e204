// Setup tier: tests of the install scripts themselves, run before the host tier (which needs what they install).
//   1. clean-npm-env.sh removes what an outer npm exports (the cause of "code-server requires node v24").
//   2. setup-vscode.sh --check tells missing, incomplete (no ready mark) and broken (marked, but does not run)
//      apart, on made-up cache folders.
//   3. The real install, under the environment `npm test` gives its scripts, with a *different* Node named in
//      npm_config_user_agent and a poisoned npm_config_prefix: it must end "ready". Against the project's cache
//      (a new empty folder under .ci/run, so there it is the fresh install); ALA_SETUP_FRESH=1 forces an empty
//      temporary cache here too (about 3 minutes).
// Prints "setup: N passed, N failed"; exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const setupScript = path.join(root, 'scripts/setup-vscode.sh');
const results = [];

function test(name, fn) {
  try {
    fn();
    results.push({ name, ok: true });
    process.stdout.write(`  ✔ ${name}\n`);
  } catch (err) {
    results.push({ name, ok: false });
    process.stdout.write(`  ✘ ${name}\n    ${String(err?.message ?? err).replace(/\n/g, '\n    ')}\n`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** What npm run-script exports to a script, naming another Node than the one on PATH. */
function npmScriptEnv(extra = {}) {
  return {
    ...process.env,
    npm_config_user_agent: 'npm/10.8.2 node/v18.20.4 linux x64 workspaces/false',
    npm_node_execpath: '/usr/bin/node',
    npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
    npm_config_prefix: path.join(os.tmpdir(), 'ala-no-such-prefix'),
    npm_config_global_prefix: '/usr',
    npm_lifecycle_event: 'test',
    npm_package_name: 'ai-learning-analytics',
    NPM_CONFIG_LOGLEVEL: 'silly',
    NODE: '/usr/bin/node',
    INIT_CWD: root,
    PATH: `${path.join(root, 'node_modules/.bin')}:/usr/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin:${process.env.PATH}`,
    ...extra,
  };
}

function bash(script, env) {
  return spawnSync('bash', ['-c', script], { env, encoding: 'utf8' });
}

test('clean_npm_env removes every variable npm exports and the folders it puts first on PATH', () => {
  const lib = path.join(root, 'scripts/lib/clean-npm-env.sh');
  const r = bash(`source '${lib}'; clean_npm_env; env`, npmScriptEnv());
  assert(r.status === 0, r.stderr);
  const left = r.stdout.split('\n').filter((l) => /^(npm_|NPM_CONFIG_|NODE=|INIT_CWD=)/.test(l));
  assert(left.length === 0, `still set: ${left.join(', ')}`);
  const pathLine = r.stdout.split('\n').find((l) => l.startsWith('PATH=')) ?? '';
  assert(!/node_modules\/\.bin|node-gyp-bin/.test(pathLine), `PATH keeps npm's folders: ${pathLine}`);
  assert(pathLine.includes('/usr/bin'), `PATH lost the system folders: ${pathLine}`);
});

test('--check tells missing, incomplete and broken installs apart', () => {
  const cache = mkdtempSync(path.join(os.tmpdir(), 'ala-setup-check-'));
  try {
    const check = () => {
      const r = spawnSync('bash', [setupScript, '--check'], { env: npmScriptEnv({ ALA_CACHE: cache }), encoding: 'utf8' });
      assert(r.status === 0, r.stderr);
      return r.stdout;
    };
    let out = check();
    assert(/node [\d.]+: missing/.test(out) && /code-server [\d.]+: missing/.test(out), out);
    // An interrupted install: the folders exist (even the old "node-pty present" sign), no ready mark.
    const cs = path.join(cache, 'code-server-4.139.1');
    mkdirSync(path.join(cs, 'node_modules/code-server/lib/vscode/node_modules/node-pty'), { recursive: true });
    mkdirSync(path.join(cache, 'node-24.21.0'), { recursive: true });
    out = check();
    assert(/node [\d.]+: incomplete/.test(out) && /code-server [\d.]+: incomplete/.test(out), out);
    // Marked ready, but nothing runs (a folder copied without its files, a deleted binary).
    writeFileSync(path.join(cs, '.ready'), '4.139.1\n');
    writeFileSync(path.join(cache, 'node-24.21.0/.ready'), 'v24.21.0\n');
    out = check();
    assert(/node [\d.]+: broken/.test(out) && /code-server [\d.]+: broken/.test(out), out);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});

const fresh = process.env.ALA_SETUP_FRESH === '1';
const cache = fresh ? mkdtempSync(path.join(os.tmpdir(), 'ala-setup-fresh-')) : process.env.ALA_CACHE;
const before = spawnSync('bash', [setupScript, '--check'], { env: { ...process.env, ...(cache ? { ALA_CACHE: cache } : {}) }, encoding: 'utf8' });
const wasEmpty = !/: (ready|incomplete|broken)/.test(before.stdout);
test(`setup-vscode.sh under npm's environment (another Node in the user agent) ${wasEmpty ? 'installs into an empty cache' : 'verifies the existing cache'} and ends ready`, () => {
  const started = Date.now();
  const r = spawnSync('bash', [setupScript], { env: npmScriptEnv(cache ? { ALA_CACHE: cache } : {}), encoding: 'utf8' });
  const seconds = Math.round((Date.now() - started) / 1000);
  // The script's own progress lines (what it installed, and how long each step took).
  for (const line of r.stdout.split('\n').filter((l) => l.startsWith('[setup-'))) process.stdout.write(`    ${line}\n`);
  process.stdout.write(`    (${seconds} s)\n`);
  assert(r.status === 0, `exit ${r.status}\n${r.stdout}\n${r.stderr}`);
  assert(/\[setup-vscode\] ready: node v24\.[\d.]+, code-server 4\.139\.1 /.test(r.stdout), r.stdout);
  const after = spawnSync('bash', [setupScript, '--check'], { env: { ...process.env, ...(cache ? { ALA_CACHE: cache } : {}) }, encoding: 'utf8' });
  assert((after.stdout.match(/: ready/g) ?? []).length === 2, after.stdout);
  assert(!existsSync(path.join(os.tmpdir(), 'ala-no-such-prefix')), 'the nested npm used the inherited npm_config_prefix');
});
if (fresh) rmSync(cache, { recursive: true, force: true });

const failed = results.filter((r) => !r.ok).length;
process.stdout.write(`setup: ${results.length - failed} passed, ${failed} failed\n`);
process.exitCode = failed === 0 ? 0 : 1;
