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
  const v: unknown = JSON.parse(await readFile(path, 'utf8'));
  return Array.isArray(v) ? v.length : 1;
}
