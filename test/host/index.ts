/**
 * Host-test entry, following @vscode/test-electron's `run()` contract: VS Code loads this module inside
 * the real extension host (with the extension under development loaded) and waits for the promise.
 * Runs every `*.test.js` bundled beside it and prints the plain closing line CI reads.
 */
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import path from 'node:path';

export function run(): Promise<void> {
  return runMatching('.test.js', 'host');
}

/**
 * Runs the bundled test files whose names end with `suffix`; `tier` names the closing line. `ALA_HOST_GREP` (in the
 * environment of `npm run test:host`) runs only the tests whose full title matches it, for working on one part.
 */
export function runMatching(suffix: string, tier: string): Promise<void> {
  const grep = process.env.ALA_HOST_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith(suffix)).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats ?? { passes: 0, failures };
      console.log(`${tier}: ${stats.passes} passed, ${stats.failures} failed`);
      if (failures > 0) reject(new Error(`${failures} host test(s) failed`));
      else resolve();
    });
  });
}
