/**
 * The SQLite benches' plain reference (`bench:import-sqlite`, `bench/import-ratio.ts`): the least any reader of the
 * same rows must do with the same library.
 */
import { readFileSync } from 'node:fs';
import type { ImportFormat } from '../src/core/importers/types';
import { loadSqlJs } from '../src/core/store/db';

/** node:sqlite when this Node has it (22.5+), else sql.js: the engine the importers pick. */
export const native = (process as unknown as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule?.('node:sqlite') !== undefined;

/** The reference: every row of the source's tables read by the same library, each JSON value parsed. */
export async function sqliteReference(path: string, format: ImportFormat): Promise<number> {
  const queries = format === 'cursor-state' ? ['SELECT key, value FROM cursorDiskKV'] : ['SELECT id, data FROM message', 'SELECT id, message_id, data FROM part'];
  let n = 0;
  const parseAll = (v: unknown) => {
    JSON.parse(typeof v === 'string' ? v : Buffer.from(v as Uint8Array).toString('utf8'));
    n++;
  };
  if (native) {
    const { DatabaseSync } = (process as unknown as { getBuiltinModule(id: string): { DatabaseSync: new (p: string, o: object) => { prepare(s: string): { iterate(): IterableIterator<Record<string, unknown>> }; close(): void } } }).getBuiltinModule('node:sqlite');
    const db = new DatabaseSync(path, { readOnly: true });
    for (const q of queries) for (const r of db.prepare(q).iterate()) parseAll(r.value ?? r.data);
    db.close();
    return n;
  }
  const SQL = await loadSqlJs();
  const db = new SQL.Database(readFileSync(path));
  for (const q of queries) {
    const st = db.prepare(q);
    while (st.step()) {
      const r = st.getAsObject();
      parseAll(r.value ?? r.data);
    }
    st.free();
  }
  db.close();
  return n;
}

