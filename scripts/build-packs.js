#!/usr/bin/env node
// Part of `npm run build`: parses and validates the built-in rule packs
// (rules/*.yaml) and writes them to dist/packs.json, keyed by the SHA-256 of
// each pack's text, so that a run loads JSON instead of parsing YAML and
// compiling the schema (see loadPack in src/rules/pack.ts), and with them every
// phrase they hold compiled for the matcher. A pack that fails validation fails
// the build with the same error a run would print.
import { readFileSync, writeFileSync } from 'node:fs';
import { packHash, parsePack, PREBUILT_PACKS } from '../dist/rules/pack.js';
import { ConfigError } from '../dist/errors.js';
import { builtinPackFiles, builtinRuleSet } from '../dist/rules/ruleset.js';
import { recordCompiledPhrases } from '../dist/rules/phrase.js';

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
// The packs first, with no phrases: the rule set built next then compiles every phrase afresh (none from an older
// build), and what it compiles is written beside the packs (see usePrebuiltPhrases in src/rules/phrase.ts).
writeFileSync(PREBUILT_PACKS, JSON.stringify({ packs, phrases: {} }));
const compiled = recordCompiledPhrases();
builtinRuleSet();
writeFileSync(PREBUILT_PACKS, JSON.stringify({ packs, phrases: compiled }));
