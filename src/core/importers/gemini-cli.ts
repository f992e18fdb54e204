import { open, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { RecordedEvent } from '../model/events';
import { GeminiTurns } from './gemini-turns';
import type { GeminiSessionInfo } from './gemini-turns';
import { importDocument } from './document-driver';
import { importLogFile } from './jsonl-driver';
import type { LineParser } from './jsonl-driver';
import { arr, obj, parseObject, str } from './parse-util';
import type { Json } from './parse-util';
import type { FileCursor, FileImportResult, ImportOptions, ParseContext } from './types';

/**
 * Gemini CLI sessions under `~/.gemini/tmp/<project>/chats/`: `session-<time>-<id8>.json` (one document,
 * rewritten whole) and, since the JSONL recorder, `session-<time>-<id8>.jsonl`: a metadata line
 * `{sessionId, projectHash, startTime, kind}`, then message records (a message appended again with the same
 * id replaces it), `{"$set": {...}}` metadata updates (`messages` replaces the list after history sync) and
 * `{"$rewindTo": id}`. Sub-agents write `chats/<parentSessionId>/<sessionId>.jsonl` with `kind: "subagent"`.
 * `<project>` is a short slug (`.project_root` in its folder and `~/.gemini/projects.json` map it back to
 * the project folder) or, in older versions, the SHA-256 of the folder, which cannot be mapped back.
 * What each message becomes is in `gemini-turns.ts`.
 */
export async function importGeminiSession(
  path: string,
  cursor: FileCursor | undefined,
  options: ImportOptions,
  sink: (event: RecordedEvent) => void,
  cancelled?: () => boolean,
): Promise<FileImportResult> {
  const info: GeminiSessionInfo = { folder: await geminiProjectFolder(path) };
  // Files without a metadata line (older recorders, copies) are told apart by their name's session id.
  const fromName = basename(path).replace(/\.jsonl?$/, '').replace(/^session-.*-/, '');
  if (!path.endsWith('.jsonl')) return importJsonSession(path, cursor, options, sink, info, fromName);
  info.sessionId = (await firstLineSession(path)) ?? fromName;
  return importLogFile(path, 'gemini-cli', cursor, options, sink, (ctx) => logParser(ctx, info), cancelled);
}

const MESSAGE_TYPES = new Set(['user', 'gemini', 'info', 'error', 'warning']);

/** Feeds one message record to the turns, after checking it is a kind of message this reader knows. */
function feed(turns: GeminiTurns, m: Json, ctx: ParseContext): boolean {
  const type = str(m.type);
  if (type === undefined) {
    ctx.skip('missing_fields');
    return false;
  }
  if (!MESSAGE_TYPES.has(type)) {
    ctx.skip('unsupported_version');
    return false;
  }
  return turns.message(m);
}

function logParser(ctx: ParseContext, info: GeminiSessionInfo): LineParser {
  const turns = new GeminiTurns(ctx, info);
  /** Where the newest user turn began, and where the open response began when no turn began in this read. */
  let turnStart = -1;
  let openStart = -1;
  return {
    line(v, start) {
      if (typeof v.$rewindTo === 'string') return turns.flush();
      const set = obj(v.$set);
      if (set !== undefined) {
        turns.setSession(str(set.sessionId));
        for (const m of arr(set.messages)) if (obj(m) !== undefined) feed(turns, obj(m)!, ctx);
        return;
      }
      if (typeof v.id === 'string') {
        const wasPending = turns.pending;
        if (feed(turns, v, ctx)) turnStart = start;
        else if (!wasPending && turns.pending && turnStart < 0) openStart = start;
        return;
      }
      // The metadata line: read again here when the file is read from its start.
      if (typeof v.sessionId === 'string' && typeof v.projectHash === 'string') turns.setSession(v.sessionId);
      else ctx.skip('missing_fields');
    },
    finish(quiet, endOffset) {
      if (!quiet && turns.pending) {
        if (turnStart >= 0) return turnStart;
        if (openStart >= 0) return openStart;
      }
      turns.flush();
      return endOffset;
    },
  };
}

/** The `.json` document: read whole again whenever it changed (ids are stable; the store dedupes). */
function importJsonSession(
  path: string, cursor: FileCursor | undefined, options: ImportOptions, sink: (event: RecordedEvent) => void, info: GeminiSessionInfo,
  fromName: string,
): Promise<FileImportResult> {
  return importDocument(path, 'gemini-cli', cursor, options, sink, (text, quiet, ctx) => emitDocument(text, quiet, ctx, info, fromName));
}

function emitDocument(text: string, quiet: boolean, ctx: ParseContext, info: GeminiSessionInfo, fromName: string): void {
  const doc = parseObject(text);
  if (doc === 'not_json') return ctx.skip('truncated_line');
  if (doc === 'not_object') return ctx.skip('not_object');
  if (!Array.isArray(doc.messages)) return ctx.skip('unsupported_version');
  info.sessionId = str(doc.sessionId) ?? fromName;
  const turns = new GeminiTurns(ctx, info);
  for (const m of doc.messages) {
    if (ctx.cancelled?.() === true) return;
    if (obj(m) === undefined) ctx.skip('not_object');
    else feed(turns, obj(m)!, ctx);
  }
  if (quiet) turns.flush();
}

/** The session id from a `.jsonl` file's metadata line (needed when a read resumes past it). */
async function firstLineSession(path: string): Promise<string | undefined> {
  try {
    const handle = await open(path, 'r');
    try {
      const buf = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
      const text = buf.subarray(0, bytesRead).toString('utf8');
      const nl = text.indexOf('\n');
      const first = parseObject(nl === -1 ? text : text.slice(0, nl));
      return typeof first === 'object' && first.id === undefined ? str(first.sessionId) : undefined;
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}

const HEAD_BYTES = 16 * 1024;

/**
 * The project folder of a session file: `<tmp>/<slug>/.project_root`, else `~/.gemini/projects.json`
 * (`{projects: {folder: slug}}`); undefined for the older hash-named folders.
 */
export async function geminiProjectFolder(path: string): Promise<string | undefined> {
  let chats = dirname(path);
  if (basename(chats) !== 'chats') chats = dirname(chats);
  if (basename(chats) !== 'chats') return undefined;
  const slugDir = dirname(chats);
  try {
    const root = (await readFile(join(slugDir, '.project_root'), 'utf8')).trim();
    if (root !== '') return root;
  } catch {
    // no marker: older versions, or a copied folder
  }
  try {
    const registry = parseObject(await readFile(join(dirname(dirname(slugDir)), 'projects.json'), 'utf8'));
    const projects = typeof registry === 'object' ? obj(registry.projects) : undefined;
    const slug = basename(slugDir);
    for (const [folder, s] of Object.entries(projects ?? {})) if (s === slug) return folder;
  } catch {
    // no registry
  }
  return undefined;
}
