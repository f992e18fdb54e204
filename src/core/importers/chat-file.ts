import { open, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { FoundFile, ImportFormat, ImportSource } from './types';

/**
 * Files the user picked ("Import AI Chat File...") or dropped: exports and copies that live in no known
 * folder (a Copilot "Export Session JSON" file, a copied Claude Code or Codex log, an Aider history). Each
 * file's format is told from its name and first line; folders are walked (bounded). Never throws.
 */
const MAX_DEPTH = 6;
const MAX_FILES = 10_000;
const HEAD_BYTES = 64 * 1024;

const SOURCE_OF: Record<ImportFormat, ImportSource> = {
  'copilot-session-json': 'copilotChat',
  'copilot-mutation-log': 'copilotChat',
  'copilot-transcript': 'copilotChat',
  'claude-code': 'claudeCode',
  codex: 'codex',
  continue: 'continue',
  aider: 'aider',
  'copilot-cli': 'copilotCli',
  amp: 'amp',
  'gemini-cli': 'geminiCli',
  cline: 'cline',
  'roo-code': 'rooCode',
  'kilo-code': 'kiloCode',
  'cursor-state': 'cursor',
  'cursor-tracking': 'cursor',
  'opencode-db': 'opencode',
  'windsurf-state': 'windsurf',
  kiro: 'kiro',
  'kiro-export': 'kiro',
  'copilot-otel': 'copilotCli',
};

export async function findChatFiles(paths: readonly string[]): Promise<FoundFile[]> {
  const out: FoundFile[] = [];
  for (const p of paths) await visit(p, 0, out);
  return out;
}

async function visit(path: string, depth: number, out: FoundFile[]): Promise<void> {
  if (out.length >= MAX_FILES) return;
  let info;
  try {
    info = await stat(path);
  } catch {
    return;
  }
  if (info.isDirectory()) {
    if (depth >= MAX_DEPTH) return;
    let names: string[];
    try {
      names = (await readdir(path)).sort();
    } catch {
      return;
    }
    for (const name of names) await visit(join(path, name), depth + 1, out);
    return;
  }
  if (!info.isFile()) return;
  const format = await formatOf(path);
  if (format !== undefined) out.push({ path, format, source: SOURCE_OF[format] });
}

/** The format of one file, from its name and its first line; undefined when it is none of ours. */
export async function formatOf(path: string): Promise<ImportFormat | undefined> {
  const name = basename(path);
  const head = await firstLine(path);
  if (head === undefined) return undefined;
  if (name.endsWith('.md')) return /^# aider chat started at /m.test(head) || name === '.aider.chat.history.md' ? 'aider' : undefined;
  if (name.endsWith('.json') && /^\{\s*"format"\s*:\s*"kiro-session-export-v1"/.test(head)) return 'kiro-export';
  if (name.endsWith('.json') && (/^T-.*\.json$/.test(name) || /^\{"v":\d+,"id":"T-/.test(head))) return 'amp';
  if (name === 'ui_messages.json' && head.trimStart().startsWith('[')) return clineFormatOf(path);
  if (name.endsWith('.json') && /"projectHash"\s*:/.test(head) && /"messages"\s*:/.test(head)) return 'gemini-cli';
  if (name.endsWith('.json')) return /"requests"\s*:/.test(head) || head.trimStart().startsWith('{') ? 'copilot-session-json' : undefined;
  if (!name.endsWith('.jsonl')) return undefined;
  try {
    return jsonlFormat(JSON.parse(head.split('\n')[0]) as Record<string, unknown>);
  } catch {
    // A first line longer than the head (a Codex meta with its instructions): tell it by its opening keys.
    return /^\{"timestamp":"[^"]*","type":"(session_meta|response_item|event_msg|turn_context)"/.test(head) ? 'codex' : undefined;
  }
}

/** Which of the Cline family wrote a task, from its extension's folder (Cline when the path does not say). */
function clineFormatOf(path: string): ImportFormat {
  if (path.includes('rooveterinaryinc.roo-cline')) return 'roo-code';
  if (path.includes('kilocode.kilo-code')) return 'kilo-code';
  return 'cline';
}

function jsonlFormat(v: Record<string, unknown>): ImportFormat | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const type = typeof v.type === 'string' ? v.type : '';
  if (v.kind === 0 && typeof v.v === 'object') return 'copilot-mutation-log';
  if (['session_meta', 'response_item', 'event_msg', 'turn_context'].includes(type)) return 'codex';
  if (type === 'session.start' && isCopilotCli(v)) return 'copilot-cli';
  if ((type === 'span' && 'traceId' in v) || (type === 'metric' && 'dataPoints' in v)) return 'copilot-otel';
  if (typeof v.kind === 'string' && ['Prompt', 'AssistantMessage', 'ToolResults'].includes(v.kind) && typeof v.data === 'object') return 'kiro';
  if (typeof v.projectHash === 'string' || (typeof v.id === 'string' && (type === 'gemini' || (type === 'user' && 'content' in v && !('message' in v))))) return 'gemini-cli';
  if (type.startsWith('session.') || type.startsWith('user.') || type.startsWith('assistant.')) return 'copilot-transcript';
  if ('sessionId' in v || 'parentUuid' in v || ['summary', 'file-history-snapshot', 'queue-operation'].includes(type)) return 'claude-code';
  if ('eventName' in v || 'promptTokens' in v || 'generatedTokens' in v || ('completion' in v && 'prefix' in v)) return 'continue';
  return undefined;
}

/** Copilot CLI's `session.start` names no VS Code version (Copilot Chat's transcripts, of the same event shape, do). */
function isCopilotCli(v: Record<string, unknown>): boolean {
  const data = v.data as Record<string, unknown> | null | undefined;
  return typeof data === 'object' && data !== null && data.vscodeVersion === undefined && typeof data.copilotVersion === 'string';
}

async function firstLine(path: string): Promise<string | undefined> {
  try {
    const handle = await open(path, 'r');
    try {
      const buf = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
      return buf.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}
