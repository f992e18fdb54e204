// Team tier: mocha over test/team/ against a real PostgreSQL started here (scripts/lib/pg-server.mjs) and stopped
// after, whatever the tests did. The tests read the server's URL from ALA_TEAM_PG (a superuser: each test file
// creates a database and roles of its own). Extra arguments are passed to mocha (e.g. a file, or --grep).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPg } from './lib/pg-server.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const setup = spawnSync('bash', [path.join(root, 'scripts/setup-debian.sh'), 'postgresql', 'openssl'], { stdio: 'inherit' });
if (setup.status !== 0) process.exit(setup.status ?? 1);
const extra = process.argv.slice(2);
const specs = extra.some((a) => !a.startsWith('-')) ? [] : ['test/team/**/*.test.ts'];
const t0 = Date.now();
const server = await startPg({ settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } });
process.stdout.write(`[team] PostgreSQL on port ${server.port} in ${Date.now() - t0} ms\n`);
let status = 1;
try {
  const r = spawnSync(process.execPath, [
    path.join(root, 'node_modules/mocha/bin/mocha.js'), '--import=tsx',
    '--reporter', path.join(root, 'test/support/plain-reporter.cjs'), '--reporter-option', 'tier=team',
    '--timeout', '60000', ...specs, ...extra,
  ], { cwd: root, stdio: 'inherit', env: { ...process.env, ALA_TEAM_PG: server.url, ALA_TEAM_PG_DIR: server.dir } });
  status = r.status ?? 1;
} finally {
  server.stop();
}
process.exit(status);
