'use strict';
// Mocha's spec reporter plus the closing line CI reads: "<tier>: N passed, N failed".
const Mocha = require('mocha');

class PlainReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const tier = (options && options.reporterOptions && options.reporterOptions.tier) || process.env.TEST_TIER || 'tests';
    runner.once('end', () => {
      const s = runner.stats || { passes: 0, failures: 0, pending: 0 };
      const skipped = s.pending ? `, ${s.pending} skipped` : '';
      process.stdout.write(`${tier}: ${s.passes} passed, ${s.failures} failed${skipped}\n`);
    });
  }
}
module.exports = PlainReporter;
