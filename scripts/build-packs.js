#!/usr/bin/env node
// Part of `npm run build`: parses and validates the built-in rule packs
// (rules/*.yaml) and writes them to dist/packs.json, keyed by the SHA-256 of
// each pack's text, so that a run loads JSON instead of parsing YAML and
// compiling the schema (see loadPack in src/rules/pack.ts). A pack that fails
// validation fails the build with the same error a run would print.
import { readFileSync, writeFileSync } from 'node:fs';
import { packHash, parsePack, PREBUILT_PACKS } from '../dist/rules/pack.js';
import { ConfigError } from '../dist/errors.js';
import { builtinPackFiles } from '../dist/rules/ruleset.js';

const packs = {};
for (const file of builtinPackFiles()) {
  const text = readFileSync(file, 'utf8');
  try {
    const { file: _where, ...pack } = parsePack(file, text);
    packs[packHash(text)] = pack;
  } catch (e) {
    // A pack's mistake names its file, line and key: that one line is the whole message.
    if (!(e instanceof ConfigError)) throw e;
    console.error(`policylint build: ${e.message}`);
    process.exit(1);
  }
}
writeFileSync(PREBUILT_PACKS, JSON.stringify(packs));
