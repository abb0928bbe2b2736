#!/usr/bin/env node
// Thin launcher: the CLI lives in src/cli/main.ts (compiled to dist/).
import { main } from '../dist/cli/main.js';

main(process.argv).then((code) => {
  process.exitCode = code;
});
