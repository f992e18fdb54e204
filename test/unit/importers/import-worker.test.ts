import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FromWorker, ImportSummary, StartMessage } from '../../../src/core/importers/import-protocol';
import { FIXTURES, withTmp } from './helpers';

/** Runs the real worker entry (through tsx) with the real JournalWriter. */
function runWorker(start: StartMessage, cancelAfterFirst = false): Promise<{ summary: ImportSummary; progress: number; error?: string }> {
  return new Promise((resolve, reject) => {
    const entry = join(__dirname, '..', '..', '..', 'src', 'worker', 'import-worker.ts');
    const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(entry)});`, { eval: true });
    let progress = 0;
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'progress') {
        progress++;
        if (cancelAfterFirst) worker.postMessage({ type: 'cancel' });
      } else {
        void worker.terminate();
        resolve({ summary: m.summary, progress, error: m.error });
      }
    });
    worker.on('error', reject);
    worker.postMessage(start);
  });
}

describe('import worker', () => {
  it('imports off the main thread into its own journal and reports progress and a summary', async function () {
    this.timeout(30_000);
    await withTmp(async (root) => {
      const projects = join(root, 'home', '.claude', 'projects', 'p');
      await mkdir(projects, { recursive: true });
      await copyFile(join(FIXTURES, 'claude-code-transcript.jsonl'), join(projects, 'a.jsonl'));
      await copyFile(join(FIXTURES, 'claude-code-transcript.jsonl'), join(projects, 'b.jsonl'));
      const journal = join(root, 'journal');
      const start: StartMessage = {
        type: 'start',
        roots: { homeDir: join(root, 'home'), workspaceFolders: [] },
        settings: { sources: ['claudeCode'], includeText: false, pricingOverrides: {}, quietMs: 0 },
        cursors: [],
        journalDir: journal,
        writerId: 'import-test',
      };
      const r = await runWorker(start);
      assert.equal(r.error, undefined);
      assert.equal(r.progress, 2);
      assert.equal(r.summary.records, 52);
      const segments = await readdir(journal);
      assert.ok(segments.length >= 1);
      const bytes = (await Promise.all(segments.map((s) => stat(join(journal, s))))).reduce((n, s) => n + s.size, 0);
      assert.ok(bytes > 5000, `journal holds the records (${bytes} bytes)`);
      for (const n of ['c', 'd', 'e', 'f', 'g', 'h']) await copyFile(join(FIXTURES, 'claude-code-transcript.jsonl'), join(projects, `${n}.jsonl`));
      const cancelled = await runWorker({ ...start, writerId: 'import-test2', journalDir: join(root, 'j2') }, true);
      assert.equal(cancelled.summary.cancelled, true);
      assert.ok(cancelled.progress < 8, `stopped early after ${cancelled.progress} of 8 files`);
    });
  });

  it('redacts imported prompt text in the worker, a 100 KB data URI included, before it reaches the journal', async function () {
    this.timeout(30_000);
    await withTmp(async (root) => {
      const projects = join(root, 'home', '.claude', 'projects', 'p');
      await mkdir(projects, { recursive: true });
      // Made-up values of real shapes (never real secrets).
      const secret = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';
      const image = `data:image/png;base64,${'iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB'.repeat(3200)}`;
      const lines = (await readFile(join(FIXTURES, 'claude-code-transcript.jsonl'), 'utf8')).split('\n');
      const first = JSON.parse(lines[0]) as { message: { content: string } };
      first.message.content = `Use STRIPE_KEY=${secret} and look at ${image}`;
      lines[0] = JSON.stringify(first);
      await writeFile(join(projects, 'a.jsonl'), lines.join('\n'));
      const journal = join(root, 'journal');
      const r = await runWorker({
        type: 'start',
        roots: { homeDir: join(root, 'home'), workspaceFolders: [] },
        settings: { sources: ['claudeCode'], includeText: true, pricingOverrides: {}, quietMs: 0 },
        cursors: [],
        journalDir: journal,
        writerId: 'import-redact',
      });
      assert.equal(r.error, undefined);
      const bytes = Buffer.concat(await Promise.all((await readdir(journal)).map((f) => readFile(join(journal, f))))).toString('latin1');
      assert.ok(bytes.includes('[REDACTED:stripe-access-token]'), 'the prompt was stored, redacted');
      assert.ok(!bytes.includes(secret.slice(8)), 'the secret is not in the journal');
      assert.ok(bytes.includes('iVBORw0KGgo'), 'the rest of the prompt is kept');
    });
  });
});
