#!/usr/bin/env node
// Thin launcher. The CLI (src/cli/main.ts) is built into one CommonJS bundle
// (scripts/bundle-cli.js); it is compiled here with the V8 code cache recorded
// at build time, so most of its functions are not parsed and compiled again on
// every run (docs/performance.md).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const bundle = fileURLToPath(new URL('../dist/bin/policylint.cjs', import.meta.url));
const cacheFile = `${bundle}.cache`;
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // No cache (a build without one): compiled as usual.
}
// The same wrapper Node puts around a CommonJS module, on one line so that line numbers in stack traces stay true.
const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(bundle, 'utf8')}\n})`;
const script = new vm.Script(source, { filename: bundle, cachedData });
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));

module.exports.main(process.argv).then((code) => {
  process.exitCode = code;
  // The build (scripts/bundle-cli.js) records the cache after a run, when the functions that ran are compiled.
  if (process.env.POLICYLINT_WRITE_CODE_CACHE) {
    writeFileSync(`${cacheFile}.tmp`, script.createCachedData());
    renameSync(`${cacheFile}.tmp`, cacheFile);
  }
});
