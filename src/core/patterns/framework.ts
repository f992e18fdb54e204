/** Framework of a file from what it imports, and descriptive tags of a unit. */

/** Module specifier -> framework, in priority order (application frameworks before test runners before Node). */
const FRAMEWORKS: readonly [RegExp, string][] = [
  [/^next(?:\/|$)/, 'next'],
  [/^react(?:-dom|-native)?(?:\/|$)/, 'react'],
  [/^vue(?:\/|$)/, 'vue'],
  [/^@angular\/core$/, 'angular'],
  [/^svelte(?:\/|$)/, 'svelte'],
  [/^@nestjs\//, 'nestjs'],
  [/^express$/, 'express'],
  [/^fastify$/, 'fastify'],
  [/^koa$/, 'koa'],
  [/^@hapi\/hapi$/, 'hapi'],
  [/^vscode$/, 'vscode'],
  [/^node:test$/, 'node:test'],
  [/^(?:@jest\/globals|jest)$/, 'jest'],
  [/^vitest$/, 'vitest'],
  [/^mocha$/, 'mocha'],
  [/^(?:node:|(?:fs|path|os|http|https|child_process|crypto|stream|url|events|worker_threads|zlib|net)(?:\/|$))/, 'node'],
];

/** The highest-priority framework among a file's module specifiers, or undefined. */
export function detectFramework(specifiers: Iterable<string>): string | undefined {
  let best = FRAMEWORKS.length;
  for (const spec of specifiers) {
    for (let i = 0; i < best; i++) {
      if (FRAMEWORKS[i][0].test(spec)) {
        best = i;
        break;
      }
    }
  }
  return best < FRAMEWORKS.length ? FRAMEWORKS[best][1] : undefined;
}

/** Facts about a unit that tags are derived from. */
export interface UnitFacts {
  kind: string;
  name: string;
  isAsync: boolean;
  isGenerator: boolean;
  exported: boolean;
  hasJsx: boolean;
  hasTry: boolean;
  hasAwait: boolean;
  params: readonly string[];
  extendsName?: string;
  framework?: string;
}

/** Tags such as `async`, `class`, `react-component`, `hook`, `route-handler`, `error-handling`. */
export function unitTags(f: UnitFacts): string[] {
  const tags = [f.kind];
  const simple = f.name.slice(f.name.lastIndexOf('.') + 1);
  if (f.isAsync || f.hasAwait) tags.push('async');
  if (f.isGenerator) tags.push('generator');
  if (f.exported) tags.push('exported');
  if (f.hasTry) tags.push('error-handling');
  const reactish = f.framework === 'react' || f.framework === 'next';
  if (/^[A-Z]/.test(simple) && (f.hasJsx || (f.kind === 'class' && /Component$/.test(f.extendsName ?? '')))) {
    tags.push('react-component');
  }
  if (/^use[A-Z0-9]/.test(simple) && (reactish || f.kind !== 'method')) tags.push('hook');
  const p = f.params.map((x) => x.toLowerCase());
  if ((p[0] === 'req' && p[1] === 'res') || (p[0] === 'request' && (p[1] === 'reply' || p[1] === 'response'))) {
    tags.push('route-handler');
  }
  if (f.framework === 'vscode' && /^(?:activate|deactivate)$/.test(simple)) tags.push('extension-entry');
  return tags;
}
