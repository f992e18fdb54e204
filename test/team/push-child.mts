/**
 * A push in its own process, for the kill test: `tsx push-child.ts STORE_DIR URL MEMBER MACHINE`. Prints
 * `batch N` after each committed transaction so the parent knows when to kill it.
 */
import { ReadStore } from '../../src/cli/read-store';
import { pushTeam, storeSource } from '../../src/core/team/push';
import { PgTeam } from '../../src/team/pg-team';

const [dir, url, member, machine] = process.argv.slice(2);
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const store = await ReadStore.open(dir, quiet);
const team = await PgTeam.connect(url);
let n = 0;
await pushTeam(storeSource(store), team, { member, machine, level: 'metadata' }, {
  batchRows: 100,
  onProgress: () => process.stdout.write(`batch ${++n}\n`),
});
process.stdout.write('done\n');
await team.close();
store.close();
