/**
 * Appends newly extracted, hand-labelled prompts to the intent corpus (test/fixtures/intent-corpus/prompts.jsonl):
 * each record gets an id (`<repo name, 12 chars>-<3 digits>`, after that repo's existing ids), its group (the
 * repository owner), and its text redacted by src/core/capture/redact.ts plus a pass for Google-style API keys,
 * OpenAI-style keys and JWTs. At most `--cap` prompts per repository, spread evenly over its file(s).
 * Usage: npx tsx scripts/intent-add-labelled.ts <extracted.jsonl> <labels.txt> [--cap 50]
 *   extracted.jsonl: {repo, file, commit, licence?, text} per line (tools/intent/extract-*.mjs);
 *   labels.txt: "<line number from 0> <label>" per line, one for every extracted line, labelled by the guide.
 */
import { readFileSync, appendFileSync } from 'node:fs';
import { redactSecrets } from '../src/core/capture/redact';

const LABELS = new Set(['code_generation', 'debugging', 'architecture', 'code_review', 'explanation', 'refactor', 'test', 'other', 'skip']);
const EXTRA = [/\bAIza[0-9A-Za-z_-]{35}\b/g, /\bsk-[A-Za-z0-9_-]{20,}\b/g, /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g];
const corpusPath = 'test/fixtures/intent-corpus/prompts.jsonl';

const [extractedPath, labelsPath, ...rest] = process.argv.slice(2);
const cap = rest[0] === '--cap' ? Number(rest[1]) : 50;
const extracted = readFileSync(extractedPath, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as { repo: string; file: string; commit: string; licence?: string; text: string });
const labels = readFileSync(labelsPath, 'utf8').split('\n').filter((l) => l.trim()).map((l) => l.trim().split(/\s+/));
if (labels.length !== extracted.length) throw new Error(`${labels.length} labels for ${extracted.length} prompts`);
labels.forEach(([i, label], k) => {
  if (Number(i) !== k || !LABELS.has(label)) throw new Error(`labels line ${k + 1}: "${i} ${label}"`);
});
const existing = readFileSync(corpusPath, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as { id: string; repo: string; text: string });
const seenText = new Set(existing.map((r) => r.text.toLowerCase().replace(/\s+/g, ' ')));

function redact(text: string): string {
  let out = redactSecrets(text).text;
  for (const re of EXTRA) out = out.replace(re, '[REDACTED]');
  return out;
}

const byRepo = new Map<string, number[]>();
extracted.forEach((r, i) => byRepo.set(r.repo, [...(byRepo.get(r.repo) ?? []), i]));
const lines: string[] = [];
for (const [repo, rows] of byRepo) {
  // Even spread when a repository has more than `cap` prompts.
  const keep = rows.length <= cap ? rows : Array.from({ length: cap }, (_, k) => rows[Math.floor((k * rows.length) / cap)]);
  const prefix = repo.split('/')[1].slice(0, 12);
  let next = existing.filter((r) => r.repo === repo).length;
  for (const i of keep) {
    const r = extracted[i];
    const text = redact(r.text);
    const key = text.toLowerCase().replace(/\s+/g, ' ');
    if (seenText.has(key)) continue;
    seenText.add(key);
    const rec = { id: `${prefix}-${String(next++).padStart(3, '0')}`, group: repo.split('/')[0], repo, file: r.file, commit: r.commit, licence: r.licence ?? 'none found', label: labels[i][1], text };
    lines.push(JSON.stringify(rec));
  }
}
appendFileSync(corpusPath, lines.join('\n') + '\n');
process.stdout.write(`${lines.length} records appended\n`);
