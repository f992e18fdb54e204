/**
 * The plain-parse references the import benchmarks time each importer against, in one place: the least any
 * reader of the same file must do.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';

/** A line log: read it line by line and JSON.parse each line; returns the lines that parsed. */
export async function parseLines(path: string): Promise<number> {
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    try {
      JSON.parse(line);
      n++;
    } catch {
      // the importers count it as a skip; the reference moves on
    }
  }
  return n;
}

/** A whole JSON document (rewritten by its tool): read it and parse it; returns its length (1 for an object). */
export async function parseDocument(path: string): Promise<number> {
  // Decoded in one go (not `readFile(path, 'utf8')`, which decodes chunk by chunk: a third slower), as the importers read.
  const v: unknown = JSON.parse((await readFile(path)).toString('utf8'));
  return Array.isArray(v) ? v.length : 1;
}

/** The `say` kinds of a Cline-family message whose `text` is itself JSON that a reader of tokens or tools must decode. */
const CLINE_JSON_TEXT = new Set(['api_req_started', 'api_req_finished', 'deleted_api_reqs', 'tool']);

/**
 * A Cline-family `ui_messages.json`: read it and parse it, then parse the `text` of the messages whose figures
 * live there as JSON in a string (each request's tokens and cost, each tool's name and file). No reader can
 * count a request's tokens without this second parse, so the plain document parse alone is not a fair bar.
 */
export async function parseClineDocument(path: string): Promise<number> {
  const v: unknown = JSON.parse((await readFile(path)).toString('utf8'));
  let n = 0;
  for (const m of Array.isArray(v) ? (v as { say?: unknown; ask?: unknown; text?: unknown }[]) : []) {
    const kind = typeof m?.say === 'string' ? m.say : m?.ask;
    if (typeof kind !== 'string' || !CLINE_JSON_TEXT.has(kind) || typeof m.text !== 'string') continue;
    try {
      JSON.parse(m.text);
      n++;
    } catch {
      // the importer counts it; the reference moves on
    }
  }
  return n;
}
