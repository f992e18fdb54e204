// Extracts the user prompts of Aider chat histories and SpecStory exports from fetched bare git repositories,
// for labelling (docs/intent-labelling-guide.md). Provenance tool: the corpus it produced is committed as data
// (test/fixtures/intent-corpus/), so training never needs the repositories again.
// Usage: node tools/intent/extract-prompts.mjs <owner+name git dir>... > prompts.jsonl
import { execFileSync } from 'node:child_process';

const git = (dir, ...args) =>
  execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });
const SKIP_COMMANDS = /^\/(add|drop|run|test|undo|commit|clear|exit|quit|tokens|model|models|help|reset|diff|git|ls|map|map-refresh|read-only|voice|web|paste|settings|lint|chat-mode|editor|copy|load|save|report|multiline-mode|think-tokens|reasoning-effort|weak-model|editor-model)\b/i;

/**
 * Aider: a user message is a run of `#### ` lines; older versions put a blank line between its lines, so only a
 * non-blank line without the prefix ends it. `/ask`, `/code`, `/architect` prefixes are dropped; `/help` turns
 * keep only the question (the docs Aider pastes after it are not the person's words); Aider's own y/n questions,
 * echoed with the prefix, are not prompts.
 */
function aiderPrompts(text) {
  const out = [];
  let cur = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('#### ') || /^####\s*$/.test(line)) {
      cur = cur === null ? [] : cur;
      cur.push(line.slice(5).trimEnd());
    } else if (cur !== null && line.trim() !== '') {
      out.push(cur.join('\n'));
      cur = null;
    }
  }
  if (cur !== null) out.push(cur.join('\n'));
  return out
    .map((p) => p.replace(/\n{2,}/g, '\n').trim())
    .map((p) => (p.includes('<doc>') && /# Question:/.test(p) ? p.replace(/^[\s\S]*?# Question:\s*/, '').split('\n')[0] : p))
    .filter((p) => !p.includes('<doc>') && !SKIP_COMMANDS.test(p) && !/\(Y\)es\/\(N\)o/.test(p))
    .map((p) => p.replace(/^\/(ask|code|architect|agent)\s+/i, '').trim());
}

/** SpecStory: the text between a `_**User**_` marker and the next `---` / `_**Assistant**_`. */
function specstoryPrompts(text) {
  const out = [];
  const parts = text.split(/^_\*\*User\*\*_\s*$/m).slice(1);
  for (const part of parts) {
    const end = part.search(/^(---\s*$|_\*\*(Assistant|Agent)\*\*_)/m);
    out.push((end === -1 ? part : part.slice(0, end)).trim());
  }
  return out;
}

for (const dir of process.argv.slice(2)) {
  const repo = dir.replace(/\/repo\/?$/, '').split('/').pop().replace('+', '/');
  let names = '';
  try {
    names = git(dir, 'log', '--all', '--name-only', '--format=', '--', ':(glob)**/.aider.chat.history.md', ':(glob)**/.specstory/history/**');
  } catch {
    process.stderr.write(`${repo}: history unreadable\n`);
    continue;
  }
  const files = names
    .split('\n')
    .filter((f) => /(^|\/)\.aider\.chat\.history\.md$/.test(f) || /(^|\/)\.specstory\/history\/.+\.md$/.test(f));
  const seen = new Set();
  for (const file of [...new Set(files)]) {
    // The newest version whose blob the snapshot holds (very large blobs are absent from snapshots).
    let text;
    let commit;
    for (const c of git(dir, 'log', '--all', '--format=%H', '--', file).split('\n').filter(Boolean)) {
      try {
        text = git(dir, 'show', `${c}:${file}`);
        commit = c;
        break;
      } catch {
        // deleted in this commit, or blob absent: try an older one
      }
    }
    if (text === undefined) continue;
    const prompts = file.includes('.specstory') ? specstoryPrompts(text) : aiderPrompts(text);
    for (const p of prompts) {
      const key = p.toLowerCase().replace(/\s+/g, ' ');
      if (p.split(/\s+/).length < 2 || seen.has(key)) continue;
      seen.add(key);
      process.stdout.write(JSON.stringify({ repo, file, commit, text: p.slice(0, 2000) }) + '\n');
    }
  }
}
