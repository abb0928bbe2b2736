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
import { buildRuleSet, builtinPackFiles } from '../dist/rules/ruleset.js';
import { recordCompiledPhrases } from '../dist/rules/phrase.js';

const packs = {};
const parsed = [];
for (const file of builtinPackFiles()) {
  const text = readFileSync(file, 'utf8');
  try {
    const pack = parsePack(file, text);
    parsed.push(pack);
    const { file: _where, ...stored } = pack;
    packs[packHash(text)] = stored;
  } catch (e) {
    // A pack's mistake names its file, line and key: that one line is the whole message.
    if (!(e instanceof ConfigError)) throw e;
    console.error(`policylint build: ${e.message}`);
    process.exit(1);
  }
}
// The rule set is built from the packs just parsed, so every phrase is compiled afresh (none looked up from an
// older dist/packs.json), and what it compiles is written beside the packs (see usePrebuiltPhrases in phrase.ts).
const compiled = recordCompiledPhrases();
buildRuleSet(parsed);
writeFileSync(PREBUILT_PACKS, JSON.stringify({ packs, phrases: compiled }));
