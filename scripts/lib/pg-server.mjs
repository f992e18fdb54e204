// A throw-away PostgreSQL server for the team tier and bench:team: Debian's `postgresql` package (installed by
// scripts/setup-debian.sh), a new cluster in a temporary folder, loopback only, a free port, TLS on with a
// self-signed certificate made here by openssl, trust authentication (loopback, test data only).
// PostgreSQL refuses to run as root: as root, initdb and pg_ctl run as the package's `postgres` user through
// util-linux's `runuser`, and the folder is handed to that user; as anyone else they run as the caller.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The newest /usr/lib/postgresql/<major>/bin, or a clear error. */
export function pgBinDir() {
  const root = '/usr/lib/postgresql';
  const majors = fs.existsSync(root) ? fs.readdirSync(root).filter((d) => fs.existsSync(path.join(root, d, 'bin/pg_ctl'))) : [];
  if (majors.length === 0) throw new Error('PostgreSQL is not installed: run scripts/setup-debian.sh postgresql');
  majors.sort((a, b) => Number(b) - Number(a));
  return path.join(root, majors[0], 'bin');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const asRoot = process.getuid?.() === 0;

function run(bin, args, opts = {}) {
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', ...opts });
  if (r.status !== 0) throw new Error(`${path.basename(bin)} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

/**
 * Starts a server; resolves with { url, port, dir, stop() }. `settings` are extra `-c name=value` pairs
 * (the tests turn fsync off; the benchmark keeps PostgreSQL's defaults).
 */
export async function startPg({ settings = {}, superuser = 'ala_admin' } = {}) {
  const bin = pgBinDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ala-pg-'));
  const data = path.join(dir, 'data');
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  run(path.join(bin, 'initdb'), ['-D', data, '-U', superuser, '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const key = path.join(data, 'server.key');
  const crt = path.join(data, 'server.crt');
  run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '2', '-keyout', key, '-out', crt], { stdio: 'pipe' });
  fs.chmodSync(key, 0o600);
  const port = await freePort();
  const opts = { listen_addresses: '127.0.0.1', port, unix_socket_directories: dir, ssl: 'on', max_connections: 200, ...settings };
  const o = Object.entries(opts).map(([k, v]) => `-c ${k}=${v}`).join(' ');
  run(path.join(bin, 'pg_ctl'), ['-D', data, '-o', o, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  const stop = () => {
    try {
      run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  return { url: `postgres://${superuser}@127.0.0.1:${port}/postgres`, port, dir, data, stop };
}
