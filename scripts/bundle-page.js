#!/usr/bin/env node
// Part of `npm run build`: type-checks the workbench page (browser TypeScript,
// src/workbench/page/) and bundles it with esbuild into dist/workbench/assets/,
// beside its HTML and stylesheet, where `policylint serve` serves them from.
// One script file, one stylesheet and an icon: the page's Content-Security-Policy allows
// nothing else, and nothing is fetched from outside at run time.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repo = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const check = spawnSync(process.execPath, [tsc, '-p', repo('src/workbench/page/tsconfig.json')], { stdio: 'inherit' });
if (check.status !== 0) throw new Error('bundle-page: the workbench page does not type-check');

const out = repo('dist/workbench/assets');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [repo('src/workbench/page/main.ts')],
  outfile: `${out}/app.js`,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'chrome110',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
for (const file of ['index.html', 'app.css', 'favicon.svg']) copyFileSync(repo(`src/workbench/page/${file}`), `${out}/${file}`);
