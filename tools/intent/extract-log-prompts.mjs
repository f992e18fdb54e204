// Extracts the person's prompts from real AI-tool logs fetched by scripts/fetch-real-logs.mjs (Claude Code and Codex
// JSONL, Cline ui_messages.json, Copilot Chat JSON), for labelling by docs/intent-labelling-guide.md. Provenance
// (repo, commit, path, licence) comes from test/fixtures/ai-logs/real/fetch-list.json. Provenance tool, like
// extract-prompts.mjs: its output is committed as data in test/fixtures/intent-corpus/.
// Usage: node tools/intent/extract-log-prompts.mjs > prompts.jsonl
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const base = 'test/fixtures/ai-logs';
const list = JSON.parse(readFileSync(join(base, 'real', 'fetch-list.json'), 'utf8'));
const jsonl = (text) => text.split('\n').flatMap((l) => { try { return [JSON.parse(l)]; } catch { return []; } });

/** Claude Code: `type: user` records whose content is the person's text (not tool results, commands or meta). */
function claudePrompts(text) {
  return jsonl(text).flatMap((r) => {
    if (r.type !== 'user' || r.isMeta || r.isSidechain) return [];
    const c = r.message?.content;
    const t = typeof c === 'string' ? c : Array.isArray(c) ? c.filter((x) => x?.type === 'text').map((x) => x.text).join('\n') : '';
    return t && !/^<(command-|local-command)|^Caveat:|^\[Request interrupted/.test(t) ? [t] : [];
  });
}

/** Codex: `event_msg` / `user_message`; the IDE extension wraps the ask after "## My request for Codex:". */
function codexPrompts(text) {
  return jsonl(text).flatMap((r) => (r.type === 'event_msg' && r.payload?.type === 'user_message' ? [String(r.payload.message ?? '')] : []))
    .map((t) => (t.includes('## My request for Codex:') ? t.slice(t.indexOf('## My request for Codex:') + 24) : t));
}

/** Cline: the task (first `say: task`, or the first `text` when the task is logged so) and each `user_feedback`. */
function clinePrompts(text) {
  const msgs = JSON.parse(text);
  return msgs.flatMap((m, i) => (m.say === 'task' || m.say === 'user_feedback' || (i === 0 && m.say === 'text') ? [String(m.text ?? '')] : []));
}

/** Copilot Chat: `requests[].message.text`, or `prompt` in the older export. */
function copilotPrompts(text) {
  return (JSON.parse(text).requests ?? []).map((r) => String(r.message?.text ?? r.prompt ?? ''));
}

const readers = { 'claude-code': claudePrompts, codex: codexPrompts, cline: clinePrompts, copilot: copilotPrompts };
// git-ai's committed fixtures (Apache-2.0), except claude-code-with-thinking.jsonl, which DEVELOPERS.md forbids for
// intent labels.
const gitAi = { repo: 'git-ai-project/git-ai', commit: '55a1d728fb968fff90c5050470d6bd5d629967c6', licence: 'Apache-2.0' };
const committed = [
  ['claude-code', 'example-claude-code.jsonl'],
  ['claude-code', 'claude-code-with-plan.jsonl'],
  ['claude-code', 'claude-model-not-last.jsonl'],
  ['codex', 'codex-session-simple.jsonl'],
  ['codex', 'codex-session-updated.jsonl'],
  ['copilot', 'copilot_session_simple.json'],
].map(([tool, name]) => ({ ...gitAi, tool, path: `tests/fixtures/${name}`, local: join(base, 'real', 'git-ai', name) }));
const seen = new Set();
for (const f of [...list, ...committed]) {
  const read = readers[f.tool];
  const path = f.local ?? join(base, 'real-unlicensed', f.tool, f.as ?? f.path.split('/').pop());
  if (!read || f.path.includes('/subagents/') || f.path.endsWith('task_metadata.json') || !existsSync(path)) continue;
  for (const p of read(readFileSync(path, 'utf8')).map((t) => t.trim())) {
    const key = p.toLowerCase().replace(/\s+/g, ' ');
    if (p.split(/\s+/).length < 1 || p === '' || seen.has(key)) continue;
    seen.add(key);
    process.stdout.write(JSON.stringify({ repo: f.repo, file: f.path, commit: f.commit, licence: f.licence, tool: f.tool, text: p.slice(0, 2000) }) + '\n');
  }
}
