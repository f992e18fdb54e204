import assert from 'node:assert/strict';
import { findUnitLine, scanAnchors } from '../../../src/core/patterns/anchors';
import { isSelfOrRelated } from '../../../src/core/patterns/lens-self';

const STORE = [
  'export class Store {', //                                   0
  '  #cache = new Map<string, number>();', //                  1
  '  static create(dir: string): Store {', //                  2
  '    const build = (name: string) => {', //                  3
  '      return `${dir}/${name}`;', //                         4
  '    };', //                                                 5
  '    return new Store(build("db"));', //                     6
  '  }', //                                                    7
  '  async #load(key: string): Promise<number> {', //         8
  '    return this.#cache.get(key) ?? 0;', //                  9
  '  }', //                                                    10
  '  #onChange = async (key: string) => {', //                11
  '    await this.#load(key);', //                             12
  '  };', //                                                   13
  '}', //                                                      14
  'export function helper(n: number) {', //                   15
  '  return [1, 2].map((x) => {', //                           16
  '    return x * n;', //                                      17
  '  });', //                                                  18
  '}', //                                                      19
  'class Empty {', //                                          20
  '  readonly n = 1;', //                                      21
  '}', //                                                      22
].join('\n');

describe('lens anchors: one lens per unit, never stacked', () => {
  const anchors = scanAnchors(STORE, false);

  it('gives #private methods and #private arrow fields a lens', () => {
    assert.deepEqual(anchors.map((a) => [a.line, a.name, a.container]), [
      [2, 'create', 'Store'], [8, '#load', 'Store'], [11, '#onChange', 'Store'], [15, 'helper', undefined], [20, 'Empty', undefined],
    ]);
  });

  it('puts no lens on an arrow nested in a method, nor on a class whose members have lenses', () => {
    assert.ok(!anchors.some((a) => a.name === 'build'), 'the arrow inside create');
    assert.ok(!anchors.some((a) => a.name === 'Store'), 'the class: its methods carry the lenses');
    assert.ok(anchors.some((a) => a.name === 'Empty'), 'a class without member lenses keeps its own');
    const lines = anchors.map((a) => a.line);
    assert.ok(lines.every((l, i) => i === 0 || l - lines[i - 1] > 1), `no two lenses on adjacent lines: ${lines.join(',')}`);
  });

  it('knows where each unit ends', () => {
    assert.deepEqual(anchors.map((a) => a.endLine), [7, 10, 13, 19, 22]);
  });
});

describe('lens: the top similar pattern is never the unit itself, its container or nested in it', () => {
  const path = '/ws/src/store.ts';
  const lines = STORE.split('\n');
  const create = scanAnchors(STORE, false).find((a) => a.name === 'create')!;
  const unitText = lines.slice(create.line, create.endLine! + 1).join('\n');
  const unit = (name: string, from: number, to: number, sourcePath = path) => ({ name, code: lines.slice(from, to + 1).join('\n').replace(/^ {2}/gm, ''), sourcePath });

  it('excludes the unit, its class and the arrow nested inside it, by name or by text', () => {
    assert.ok(isSelfOrRelated(unit('Store.create', 2, 7), create, unitText, path), 'itself');
    assert.ok(isSelfOrRelated(unit('Store', 0, 14), create, unitText, path), 'its class');
    assert.ok(isSelfOrRelated(unit('build', 3, 5), create, unitText, path), 'the arrow nested in it (named by its binding)');
    assert.ok(isSelfOrRelated(unit('Store.build', 3, 5), create, unitText, path), 'the arrow nested in it (qualified)');
    assert.ok(isSelfOrRelated({ name: 'renamedLater', code: 'static create(dir: string): Store {\n  const build = (name: string) => {\n' +
      '    return `${dir}/${name}`;\n  };\n  return new Store(build("db"));\n}', sourcePath: path }, create, unitText, path), 'same text, other name');
  });

  it('keeps siblings in the same file and the same code in another file', () => {
    assert.ok(!isSelfOrRelated(unit('Store.#load', 8, 10), create, unitText, path), 'a sibling method');
    assert.ok(!isSelfOrRelated(unit('Store.create', 2, 7, '/ws/src/other.ts'), create, unitText, path), 'another file');
    assert.ok(!isSelfOrRelated(unit('helper', 15, 19), create, unitText, path), 'another function of the file');
  });
});

describe('where a pattern opens: the unit line', () => {
  const lines = STORE.split('\n');
  it('finds a #private method by its code, and by its name when the code changed', () => {
    assert.equal(findUnitLine(lines, 'Store.#load', 'async #load(key: string): Promise<number> {\n  return 1;\n}'), 8);
    assert.equal(findUnitLine(lines, 'Store.#load', 'async #load(k: string) {\n}'), 8, 'by name: \\b before # never matched');
    assert.equal(findUnitLine(lines, 'Store.#onChange', 'changed'), 11);
    assert.equal(findUnitLine(lines, 'gone', 'gone() {}'), 0);
  });
});

describe('lens anchors in unbalanced text', () => {
  it('a class whose brace never closes still contains the members after it (no stacked class lens)', () => {
    const text = ['class Half {', '  run(a: number) {', '    if (a) {', '  }', 'export const f = (x: number) => {', '  return x;', '};'].join('\n');
    assert.deepEqual(scanAnchors(text, false).map((a) => [a.name, a.endLine]), [['run', 6]]);
  });
});
