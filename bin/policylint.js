#!/usr/bin/env node
// Thin launcher: the CLI lives in src/cli/main.ts; `npm run build` compiles it
// and bundles it into one file (scripts/bundle-cli.js), which loads faster.
import { main } from '../dist/bin/policylint.js';

main(process.argv).then((code) => {
  process.exitCode = code;
});
