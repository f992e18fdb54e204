// Fetches the real AI-tool logs that public repositories hold without a licence that allows copying them here
// (listed in test/fixtures/ai-logs/real/fetch-list.json) into the git-ignored folder
// test/fixtures/ai-logs/real-unlicensed/<tool>/<as>, each checked against its SHA-256.
// Usage: node scripts/fetch-real-logs.mjs            (from raw.githubusercontent.com, pinned commits)
//        node scripts/fetch-real-logs.mjs --mirror D  (from bare git mirrors D/<owner>+<name>/repo, no network)
// The tests that use these files skip them (and say so) when the folder is absent.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const list = JSON.parse(readFileSync(join(root, 'test/fixtures/ai-logs/real/fetch-list.json'), 'utf8'));
const target = join(root, 'test/fixtures/ai-logs/real-unlicensed');
const mirrorAt = process.argv.indexOf('--mirror');
const mirror = mirrorAt > 0 ? process.argv[mirrorAt + 1] : undefined;

async function bytesOf(entry) {
  if (mirror !== undefined) {
    const gitDir = join(mirror, entry.repo.replace('/', '+'), 'repo');
    return execFileSync('git', ['--git-dir', gitDir, 'show', `${entry.commit}:${entry.path}`], { maxBuffer: 1 << 28 });
  }
  const url = `https://raw.githubusercontent.com/${entry.repo}/${entry.commit}/${entry.path.split('/').map(encodeURIComponent).join('/')}`;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

let failed = 0;
for (const entry of list) {
  const out = join(target, entry.tool, entry.as);
  if (existsSync(out) && createHash('sha256').update(readFileSync(out)).digest('hex') === entry.sha256) continue;
  try {
    const bytes = await bytesOf(entry);
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (sha !== entry.sha256) throw new Error(`checksum ${sha} is not the listed ${entry.sha256}`);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, bytes);
  } catch (err) {
    failed++;
    process.stderr.write(`${entry.repo} ${entry.path}: ${err instanceof Error ? err.message : String(err)}\n`);
  }
}
process.stdout.write(`${list.length - failed} of ${list.length} files in ${target}\n`);
process.exit(failed === 0 ? 0 : 1);
