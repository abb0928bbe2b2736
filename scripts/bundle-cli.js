#!/usr/bin/env node
// Part of `npm run build`: bundles the compiled CLI (dist/cli/main.js) and its
// batch worker (dist/parallel/worker.js), with every dependency, into
// dist/bin/, and records V8's code cache for the CLI bundle. bin/policylint.js
// runs the bundle with that cache.
//
// Why: loading ~300 separate modules (ajv and yaml alone are 155 files) took
// ~130 ms of every run, and parsing and compiling the bundle's functions
// another ~50 ms; linting 5 MB takes about a second (docs/performance.md).
// The library (dist/index.js) and the language server stay unbundled.
//
// The bundles sit two folders below the package root like every dist module, so
// the paths the code builds from import.meta.url (../../rules/, ../packs.json,
// ./worker.js beside the pool) resolve the same as unbundled.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repo = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning' };

// The CLI as one CommonJS script: bin/policylint.js compiles it with vm.Script, which takes a code cache (an ES
// module cannot, on Node 20). import.meta.url becomes the bundle's own URL.
await build({
  ...common,
  entryPoints: [repo('dist/cli/main.js')],
  outfile: repo('dist/bin/policylint.cjs'),
  format: 'cjs',
  define: { 'import.meta.url': '__policylintBundleUrl' },
  banner: { js: "const __policylintBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// The worker stays an ES module (worker.js under "type": "module"), loaded by the pool beside the CLI bundle.
await build({
  ...common,
  entryPoints: [repo('dist/parallel/worker.js')],
  outfile: repo('dist/bin/worker.js'),
  format: 'esm',
  // CommonJS dependencies (ajv, yaml, …) call require() for Node's built-ins; an ES module has none of its own.
  banner: { js: "import { createRequire as __policylintCreateRequire } from 'node:module'; const require = __policylintCreateRequire(import.meta.url);" },
});

// The code cache holds the bytecode of every function that has run, so it is made after linting the sample
// policy (Markdown, the stylish report) once. A cache from another Node version is rejected by V8 and the bundle
// is compiled as usual.
rmSync(repo('dist/bin/policylint.cjs.cache'), { force: true });
const warmUp = spawnSync(process.execPath, [repo('bin/policylint.js'), '--no-config-lookup', repo('examples/county-protocol.md')], {
  env: { ...process.env, POLICYLINT_WRITE_CODE_CACHE: '1' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (warmUp.status !== 1) throw new Error(`bundle-cli: linting the sample policy exited with ${warmUp.status} (expected 1: it has findings)`);
