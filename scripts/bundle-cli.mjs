// Bundles the CLI into lib/bundle/ (run by `npm run build`, after tsc): bin/truly-open.js
// starts from there. Node's ES module loader costs ~0.5 ms per module; the CLI and the
// engine are ~60 modules, so one file for the CLI and one chunk for the engine (loaded
// while find lists the tree) take ~20 ms off every run of `truly-open check`. Packages
// (js-yaml, zod, spdx-license-list) stay imports of node_modules; lib/ keeps tsc's output
// for the library entry and the App.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'lib', 'bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts'],
  outdir,
  bundle: true,
  splitting: true, // the engine and the renderers stay chunks the CLI imports when it needs them
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  minify: false,
  sourcemap: false,
  logLevel: 'warning',
});
