// One esbuild script, two kinds of target:
//   extension + workers: node, cjs, `vscode` external (workers never import it); the CLI likewise, with a shebang;
//   webview: browser, iife, chart.js bundled.
// Also copies sql.js's wasm, ONNX Runtime's wasm build (the sentence model's runtime: no native binary, one VSIX
// for every platform) and TypeScript's lib .d.ts files next to the bundles, and the dashboard css next to the page.
// Flags: --production (minified, no source maps), --watch.
import * as esbuild from 'esbuild';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const dist = path.join(root, 'dist');

/** The files of ONNX Runtime's wasm build the sentence model needs at run time. */
const ORT_WASM_FILES = ['ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm'];

const workerEntries = existsSync(path.join(root, 'src/worker'))
  ? readdirSync(path.join(root, 'src/worker'))
      .filter((f) => f.endsWith('-worker.ts'))
      .map((f) => path.join(root, 'src/worker', f))
  : [];

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

const targets = [
  {
    ...common,
    entryPoints: [path.join(root, 'src/extension.ts'), ...workerEntries],
    outdir: dist,
    entryNames: '[name]',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // The sentence model runs on onnxruntime-web (bundled; its wasm copied below). transformers.js and
    // onnxruntime-node are dev-only references and must never be pulled into a bundle.
    // pg's optional native binding (pg-native) is never used: the pure-JS client is.
    external: ['vscode', '@huggingface/transformers', 'onnxruntime-node', 'sharp', 'pg-native'],
    // ES modules bundled into cjs (onnxruntime-web's Node build) read `import.meta.url`, which cjs lacks:
    // give them this bundle's own file URL.
    define: { 'import.meta.url': '__bundleFileUrl' },
    banner: { js: 'var __bundleFileUrl = require("node:url").pathToFileURL(__filename).href;' },
  },
  {
    // The command line (`bin` ai-learning): node, cjs, one file with everything it needs (the MCP SDK too),
    // so it runs from the installed extension's folder, which has no node_modules.
    ...common,
    entryPoints: [path.join(root, 'src/cli/bin.ts')],
    outfile: path.join(dist, 'cli.js'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    // pg's optional native binding (pg-native) is never used: the pure-JS client is.
    external: ['vscode', '@huggingface/transformers', 'onnxruntime-node', 'sharp', 'pg-native'],
  },
  {
    ...common,
    entryPoints: [path.join(root, 'webview/main.ts')],
    outfile: path.join(dist, 'webview/main.js'),
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

function copyAssets() {
  mkdirSync(path.join(dist, 'webview'), { recursive: true });
  copyFileSync(path.join(root, 'node_modules/sql.js/dist/sql-wasm.wasm'), path.join(dist, 'sql-wasm.wasm'));
  copyFileSync(path.join(root, 'media/dashboard.css'), path.join(dist, 'webview/dashboard.css'));
  // onnxruntime-web's Node build imports this glue and its wasm (the plain SIMD one: no JSEP/WebGPU, no JSPI)
  // from `env.wasm.wasmPaths`, which the patterns worker points at its own folder.
  for (const f of ORT_WASM_FILES) copyFileSync(path.join(root, 'node_modules/onnxruntime-web/dist', f), path.join(dist, f));
  // The patterns worker bundles the TypeScript compiler, which looks for its lib next to itself: the checker
  // that decides which names of an inserted pattern exist at the target needs it.
  const tsLib = path.join(root, 'node_modules/typescript/lib');
  for (const f of readdirSync(tsLib).filter((n) => /^lib\..*\.d\.ts$/.test(n))) copyFileSync(path.join(tsLib, f), path.join(dist, f));
}

if (!watch) rmSync(dist, { recursive: true, force: true });
copyAssets();
if (watch) {
  const contexts = await Promise.all(targets.map((t) => esbuild.context(t)));
  await Promise.all(contexts.map((c) => c.watch()));
  process.stdout.write('[build] watching src/ and webview/ (Ctrl+C to stop)\n');
} else {
  const started = Date.now();
  await Promise.all(targets.map((t) => esbuild.build(t)));
  chmodSync(path.join(dist, 'cli.js'), 0o755); // runnable as `./dist/cli.js` and through npx from the repo
  process.stdout.write(`[build] ${production ? 'production' : 'development'} bundles in dist/ (${Date.now() - started} ms)\n`);
}
