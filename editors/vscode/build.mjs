// Builds the extension into dist/: the client (CommonJS, as VS Code 1.91 loads
// extensions) and the language server bundled from ../../src/lsp with every
// dependency (ES module). The rule data and schemas are copied in, so the .vsix
// is self-contained:
//
//   dist/extension.js         the client
//   dist/server/lsp/main.mjs  the server (src/lsp/main.ts and the core)
//   dist/server/readers/      the PDF reader's worker thread, with pdf.js
//   dist/rules/               ../../rules
//   dist/schema/              ../../schema (the rule-pack and config schemas)
//   dist/server/packs.json    ../../dist/packs.json (the built-in packs, pre-validated)
//
// The core finds its data at new URL('../../rules/', import.meta.url) (and
// '../../schema/…'): two folders up from the folder of the module asking. In
// the npm package that module is dist/rules/pack.js, so the data is at the
// package root. In the bundle every module is dist/server/lsp/main.mjs, two
// folders up is dist/, so dist/ holds rules/ and schema/. Moving the bundle
// means moving these too (test/lsp-vscode.test.ts runs the unpacked .vsix).
//
// `node build.mjs --sourcemap` adds source maps for debugging; the .vsix ships without them.
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const repo = (p) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const sourcemap = process.argv.includes('--sourcemap');

rmSync(here('dist'), { recursive: true, force: true });
mkdirSync(here('dist/server'), { recursive: true });

await build({
  entryPoints: [here('src/extension.ts')],
  outfile: here('dist/extension.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  sourcemap,
  logLevel: 'warning',
});

// The server and the PDF reader's worker thread, as ES modules. CommonJS dependencies (mammoth, ajv, …) call
// require() for Node's built-ins; an ES module has no require of its own, so each bundle gets one.
const serverModule = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __policylintCreateRequire } from 'node:module'; const require = __policylintCreateRequire(import.meta.url);" },
};

await build({ ...serverModule, entryPoints: [repo('src/lsp/main.ts')], outfile: here('dist/server/lsp/main.mjs') });

// The server starts the worker from ../readers/pdf-worker.js beside its own folder, marked as ES modules (this
// package is CommonJS). pdf.js's canvas is for rendering pages, which policylint never does.
await build({ ...serverModule, entryPoints: [repo('src/readers/pdf-worker.ts')], outfile: here('dist/server/readers/pdf-worker.js'), external: ['@napi-rs/canvas'] });
writeFileSync(here('dist/server/readers/package.json'), '{ "type": "module" }\n');

cpSync(repo('rules'), here('dist/rules'), { recursive: true });
// The built-in packs, parsed and validated at build time (scripts/build-packs.js); the core looks for them at
// ../packs.json from its module, dist/server/ here. Without them the server parses the YAML itself, ~250 ms later.
cpSync(repo('dist/packs.json'), here('dist/server/packs.json'));
// The JSON schemas the core validates packs and configs with (not the SARIF one, which only the CLI's reporter uses).
cpSync(repo('schema'), here('dist/schema'), { recursive: true, filter: (src) => !src.endsWith('.json') || src.endsWith('.schema.json') });
