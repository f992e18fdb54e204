import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { RecordedEvent } from '../model/events';
import { emitClineTask } from './cline-messages';
import type { ClineTaskInfo } from './cline-messages';
import { importDocument } from './document-driver';
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
  return importDocument(path, format, cursor, options, sink, async (text, quiet, ctx) => {
    const messages = parseArray(text);
    if (typeof messages === 'string') return ctx.skip(messages);
    const info: ClineTaskInfo = { tool: FORMAT_TOOL[format], taskId: basename(dirname(path)), modelUsage: await modelUsage(dirname(path)) };
    emitClineTask(messages, info, quiet, ctx);
  });
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
