import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { RecordedEvent } from '../model/events';
import { emitClineTask } from './cline-messages';
import type { ClineTaskInfo } from './cline-messages';
import { cursorEvent, isUnchanged, makeContext, result } from './jsonl-driver';
import { arr, obj, str, toMs } from './parse-util';
import type { FileCursor, FileImportResult, ImportOptions } from './types';
import { FORMAT_TOOL } from './types';

/** The formats of the Cline family: one reader, each tool its own source. */
export type ClineFormat = 'cline' | 'roo-code' | 'kilo-code';

/**
 * A Cline, Roo Code or Kilo Code task: `<globalStorage>/<extension>/tasks/<taskId>/ui_messages.json`, a JSON
 * array the extension rewrites whole, so a changed file is read whole again (up to `maxDocumentBytes`) and
 * its requests emitted again under the same ids (the store keeps one). While the file is still being
 * written the last request is held back (its tokens arrive when its stream ends). The task's
 * `task_metadata.json` beside it, when present, says which model was in use.
 */
export async function importClineTask(
  path: string,
  format: ClineFormat,
  cursor: FileCursor | undefined,
  options: ImportOptions,
  sink: (event: RecordedEvent) => void,
): Promise<FileImportResult> {
  const ctx = makeContext(path, options, sink);
  let size = 0;
  let mtimeMs = 0;
  let quiet = true;
  try {
    const st = await stat(path);
    size = st.size;
    mtimeMs = Math.floor(st.mtimeMs);
    ctx.fileMtimeMs = mtimeMs;
    if (isUnchanged(cursor, size, mtimeMs)) return result(path, format, true, ctx, cursor!);
    if (size > options.maxDocumentBytes) ctx.skip('too_large');
    else {
      quiet = mtimeMs <= options.now() - options.quietMs;
      const messages = parseArray(await readFile(path, 'utf8'));
      if (typeof messages === 'string') ctx.skip(messages);
      else {
        const info: ClineTaskInfo = { tool: FORMAT_TOOL[format], taskId: basename(dirname(path)), modelUsage: await modelUsage(dirname(path)) };
        emitClineTask(messages, info, quiet, ctx);
      }
    }
  } catch {
    ctx.skip('unreadable');
  }
  const next: FileCursor = { fileKey: ctx.fileKey, size, mtimeMs, offset: quiet ? size : 0, ...(ctx.lastId !== undefined ? { lastRecordId: ctx.lastId } : {}) };
  sink(cursorEvent(format, next, options.now()));
  return result(path, format, false, ctx, next);
}

function parseArray(text: string): unknown[] | 'truncated_line' | 'unsupported_version' {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return 'truncated_line';
  }
  return Array.isArray(v) ? v : 'unsupported_version';
}

/** `task_metadata.json` `model_usage: [{ts, model_id}]`, oldest first; empty when absent or unreadable. */
async function modelUsage(taskDir: string): Promise<{ ts: number; model: string }[]> {
  try {
    const meta = obj(JSON.parse(await readFile(join(taskDir, 'task_metadata.json'), 'utf8')));
    return arr(meta?.model_usage)
      .map((u) => ({ ts: toMs(obj(u)?.ts), model: str(obj(u)?.model_id) }))
      .filter((u): u is { ts: number; model: string } => u.ts !== undefined && u.model !== undefined)
      .sort((a, b) => a.ts - b.ts);
  } catch {
    return [];
  }
}
