#!/usr/bin/env node
// Part of `npm run build`: bundles the compiled CLI (dist/cli/main.js) and its
// batch worker (dist/parallel/worker.js), with every dependency, into
// dist/bin/policylint.js and dist/bin/worker.js, which bin/policylint.js runs.
// Loading ~300 separate modules (ajv and yaml alone are 155 files) took ~130 ms
// of every run, a tenth of linting 5 MB (docs/performance.md); one file
// loads in a fraction of that. The library (dist/index.js) and the language
// server stay unbundled.
//
// The bundles sit two folders below the package root like every dist module, so
// the paths the code builds from import.meta.url (../../rules/, ../packs.json,
// ./worker.js beside the pool) resolve the same as unbundled.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const repo = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));

await build({
  entryPoints: { policylint: repo('dist/cli/main.js'), worker: repo('dist/parallel/worker.js') },
  outdir: repo('dist/bin'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  // CommonJS dependencies (ajv, yaml, …) call require() for Node's built-ins; an ES module has none of its own.
  banner: { js: "import { createRequire as __policylintCreateRequire } from 'node:module'; const require = __policylintCreateRequire(import.meta.url);" },
});
