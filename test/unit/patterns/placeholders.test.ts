import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bodyOf } from '../../../src/core/patterns/anchors';
import { extractFromSource } from '../../../src/core/patterns/extract';
import { planPlaceholders, type PlaceholderPlan } from '../../../src/core/patterns/placeholders';
import { FIXTURES } from './recall';

/**
 * Real pattern/target pairs from sindresorhus/ky (test/fixtures/patterns/eval/ky, MIT). The expected names were
 * listed by reading each pattern's code and the target's imports and declarations, not from this code's output.
 */
const KY = path.join(FIXTURES, 'eval/ky/source');
// The target's path decides where `@types` are looked for: inside this repository, so Node's types are found.
const AT = (rel: string): string => path.join(KY, rel);
const read = (rel: string): string => readFileSync(path.join(KY, `${rel}.txt`), 'utf8');

function unit(rel: string, name: string): string {
  const u = extractFromSource(`/ky/${rel}`, read(rel), { minComplexity: 3, minLines: 5 }).units.find((x) => x.name === name);
  assert.ok(u, `${name} not extracted from ${rel}`);
  return u.code;
}

/** Inserts `text` at the end of the target (a blank line before), as the lens does above nothing. */
function atEnd(rel: string, text: string): { plan: PlaceholderPlan; text: string } {
  const target = read(rel);
  const inserted = `\n${text}\n`;
  return { plan: planPlaceholders({ targetPath: AT(rel), targetText: target, start: target.length, end: target.length, text: inserted }), text: inserted };
}

const occurrences = (plan: PlaceholderPlan, text: string): string[] => plan.spans.map((s) => `${s.name}@${text.slice(s.start, s.end)}`);

describe('planPlaceholders (the TypeScript checker on real ky code)', function () {
  // The first call parses the default lib and @types/node (seconds on a loaded 2-core machine).
  this.timeout(60_000);

  it('mergeHeaders into normalize.ts: only the type normalize.ts does not import (lib globals exist)', () => {
    const { plan, text } = atEnd('utils/normalize.ts', unit('utils/merge.ts', 'mergeHeaders'));
    // KyHeadersInit is imported by merge.ts only; globalThis, Headers and RequestInit come from the lib.
    assert.deepEqual(plan.names, ['KyHeadersInit']);
    assert.deepEqual(occurrences(plan, text), ['KyHeadersInit@KyHeadersInit', 'KyHeadersInit@KyHeadersInit']);
  });

  it('streamRequest into options.ts: the imported type and the two helpers of body.ts, in order of first use', () => {
    const { plan } = atEnd('utils/options.ts', unit('utils/body.ts', 'streamRequest'));
    // Options (options.ts imports SearchParamsOption only), getBodySize and withProgress (declared in body.ts);
    // Request and BodyInit are lib globals.
    assert.deepEqual(plan.names, ['Options', 'getBodySize', 'withProgress']);
    assert.equal(plan.spans.length, 3);
  });

  it('timeout\'s body inside delay\'s body: the parameters of timeout and its error class, not delay\'s own', () => {
    const target = read('utils/delay.ts');
    const open = target.indexOf('{', target.indexOf('Promise<void>'));
    const close = target.lastIndexOf('}');
    const body = `\n${bodyOf(unit('utils/timeout.ts', 'timeout'))}\n`;
    const plan = planPlaceholders({ targetPath: AT('utils/delay.ts'), targetText: target, start: open + 1, end: close, text: body });
    // resolve, reject and timeoutId are declared by the inserted code itself; setTimeout/clearTimeout are lib globals.
    assert.deepEqual(plan.names, ['abortController', 'TimeoutError', 'request', 'options', 'init']);
    const count = (n: string): number => plan.spans.filter((s) => s.name === n).length;
    assert.deepEqual(['abortController', 'TimeoutError', 'request', 'options', 'init'].map(count), [2, 1, 2, 2, 1]);
    for (const s of plan.spans) assert.equal(body.slice(s.start, s.end), s.name);
  });

  it('a declaration that clashes with the target\'s is renamed with its references; two default exports are not', () => {
    const same = atEnd('utils/body.ts', unit('utils/body.ts', 'withProgress'));
    assert.deepEqual(same.plan.names, ['withProgress']);
    // delay into timeout.ts: both are `export default async function`; renaming `delay` cannot fix that.
    // DelayOptions exists at the target too: lib.dom declares a global interface of that name (Web Audio).
    const dflt = atEnd('utils/timeout.ts', unit('utils/delay.ts', 'delay'));
    assert.deepEqual(dflt.plan.names, []);
  });

  it('Node globals come from @types/node above the target; a made-up name does not', () => {
    const target = 'export const x = 1;\n';
    const text = '\nexport function where(): string {\n  return process.cwd() + path.sep + nowhere(__dirname);\n}\n';
    const plan = planPlaceholders({ targetPath: path.join(KY, 'node-target.ts'), targetText: target, start: target.length, end: target.length, text });
    // `path` is not imported by the target: a placeholder like any other missing name.
    assert.deepEqual(plan.names, ['path', 'nowhere']);
  });
});
